import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { selectsField } from './selects-field';

/** The resolve info of the root field of `query`, as far as `selectsField` reads it. */
function infoOf(query: string) {
  const doc = parse(query);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return { fieldNodes: [op.selectionSet.selections[0] as FieldNode], fragments };
}

describe('selectsField', () => {
  it('sees a sub-field selected directly, in an inline fragment or through a fragment spread', () => {
    expect(selectsField(infoOf('subscription { sweepProgress(id: "x") { status runningTrials { epoch } } }'), 'runningTrials')).toBe(true);
    expect(selectsField(infoOf('subscription { sweepProgress(id: "x") { ... on SweepProgressEvent { runningTrials { epoch } } } }'), 'runningTrials')).toBe(true);
    expect(
      selectsField(infoOf('subscription { sweepProgress(id: "x") { ...P } } fragment P on SweepProgressEvent { ...Q } fragment Q on SweepProgressEvent { runningTrials { epoch } }'), 'runningTrials'),
    ).toBe(true);
  });

  it('does not see a sub-field left out, or one only nested deeper', () => {
    expect(selectsField(infoOf('subscription { sweepProgress(id: "x") { status progress { running } } }'), 'runningTrials')).toBe(false);
    expect(selectsField(infoOf('query { trials(sweepId: "x") { edges { node { runningTrials: id } } } }'), 'runningTrials')).toBe(false);
  });
});
