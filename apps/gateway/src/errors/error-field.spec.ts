import { fieldOfVariableError, formatGraphQLError } from './error-field';

describe('fieldOfVariableError', () => {
  it('takes the path after the variable name', () => {
    expect(
      fieldOfVariableError('Variable "$input" got invalid value "WAVELET" at "input.grid.kernels[0].family"; Value "WAVELET" does not exist in "KernelFamily" enum.'),
    ).toBe('grid.kernels[0].family');
  });

  it('keeps the variable name of other variables', () => {
    expect(fieldOfVariableError('Variable "$filter" got invalid value "X" at "filter.status"; Value "X" does not exist in "TrialStatus" enum.')).toBe('filter.status');
  });

  it('names the variable when there is no path', () => {
    expect(fieldOfVariableError('Variable "$id" of required type "ID!" was not provided.')).toBe('id');
    expect(fieldOfVariableError('Variable "$first" got invalid value "x"; Int cannot represent non-integer value: "x"')).toBe('first');
    expect(fieldOfVariableError('Something else')).toBeUndefined();
  });

  it('adds the field to BAD_USER_INPUT errors only', () => {
    const msg = 'Variable "$id" of required type "ID!" was not provided.';
    expect(formatGraphQLError({ message: msg, extensions: { code: 'BAD_USER_INPUT' } }).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(formatGraphQLError({ message: msg, extensions: { code: 'OTHER' } }).extensions).toEqual({ code: 'OTHER' });
    expect(formatGraphQLError({ message: msg, extensions: { code: 'BAD_USER_INPUT', field: 'x' } }).extensions?.field).toBe('x');
  });
});
