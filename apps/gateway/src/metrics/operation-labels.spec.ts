import { operationLabel, resultLabel } from './operation-labels';

describe('operation metric labels', () => {
  it('labels an operation by its name, with one label for missing and odd names', () => {
    expect(operationLabel('SweepResults')).toBe('SweepResults');
    expect(operationLabel(undefined)).toBe('anonymous');
    expect(operationLabel(null)).toBe('anonymous');
    expect(operationLabel('drop table; --')).toBe('invalid');
    expect(operationLabel('x'.repeat(65))).toBe('invalid');
  });

  it('labels a result ok, or by the first error code', () => {
    expect(resultLabel(undefined)).toBe('ok');
    expect(resultLabel([])).toBe('ok');
    expect(resultLabel([{ extensions: { code: 'RATE_LIMITED' } }, { extensions: { code: 'BAD_USER_INPUT' } }])).toBe('RATE_LIMITED');
    expect(resultLabel([{}])).toBe('INTERNAL_SERVER_ERROR');
  });
});
