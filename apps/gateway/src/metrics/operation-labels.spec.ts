import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { operationLabel, operationNameForLog, resultLabel } from './operation-labels';

const schema = buildSchema('type Query { sweep: Int, trials: Int } type Mutation { createSweep: Int }');
const op = (source: string) => parse(source).definitions[0] as OperationDefinitionNode;

describe('operation metric labels', () => {
  it('labels an operation by its root field, bounded by the schema', () => {
    expect(operationLabel(op('query AnyName { sweep }'), schema)).toBe('sweep');
    expect(operationLabel(op('mutation { createSweep }'), schema)).toBe('createSweep');
    expect(operationLabel(op('{ __typename trials }'), schema)).toBe('trials');
    expect(operationLabel(op('{ sweep trials }'), schema)).toBe('multiple');
    expect(operationLabel(op('{ madeUp }'), schema)).toBe('unknown');
    expect(operationLabel(op('mutation { sweep }'), schema)).toBe('unknown');
    expect(operationLabel(undefined, schema)).toBe('unknown');
  });

  it('shows the client operation name in logs, with one word for missing and odd names', () => {
    expect(operationNameForLog('SweepResults')).toBe('SweepResults');
    expect(operationNameForLog(undefined)).toBe('anonymous');
    expect(operationNameForLog('drop table; --')).toBe('invalid');
    expect(operationNameForLog('x'.repeat(65))).toBe('invalid');
  });

  it('labels a result ok, or by the first error code', () => {
    expect(resultLabel(undefined)).toBe('ok');
    expect(resultLabel([])).toBe('ok');
    expect(resultLabel([{ extensions: { code: 'RATE_LIMITED' } }, { extensions: { code: 'BAD_USER_INPUT' } }])).toBe('RATE_LIMITED');
    expect(resultLabel([{}])).toBe('INTERNAL_SERVER_ERROR');
  });
});
