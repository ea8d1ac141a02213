import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';

/** One generated operation: its text, its variables, and the root field it calls. */
export interface GeneratedOperation {
  field: string;
  kind: 'query' | 'mutation';
  query: string;
  variables: Record<string, unknown>;
}

/** IDs of every kind the gateway may meet: empty, blank, malformed, well-formed but unknown, very long. */
const idArb = fc.oneof(
  fc.constant(''),
  fc.constantFrom(
    ' ',
    'sw-',
    'sw-XYZ',
    'SW-0123456789ABCDEF0123',
    '../etc/passwd',
    'sw-0123456789abcdef012\n',
  ),
  fc.string({ maxLength: 40 }),
  fc.stringMatching(/^sw-[0-9a-f]{20}$/),
  fc.string({ minLength: 300, maxLength: 600 }),
);

/** Values of a built-in or custom scalar, valid and invalid for the field's meaning (not for its GraphQL type). */
function scalarArb(name: string): fc.Arbitrary<unknown> {
  switch (name) {
    case 'Int':
      return fc.oneof(
        fc.integer({ min: -3, max: 600 }),
        fc.constantFrom(0, -1, 2 ** 31 - 1, -(2 ** 31), 60_001, 10_001, 4097),
      );
    case 'Float':
      return fc.oneof(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.constantFrom(0, -0.5, 1e-12, 0.004, 1, 10_001, 1e300),
      );
    case 'Boolean':
      return fc.boolean();
    case 'ID':
      return idArb;
    default:
      return fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('', ' ', 'x'.repeat(500)));
  }
}

/** Values of an input type, always of the right GraphQL shape (so resolvers, not the parser, meet them). */
export function inputArb(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return inputArb(type.ofType, depth);
  const nullable = (a: fc.Arbitrary<unknown>) => fc.option(a, { nil: null, freq: 8 });
  if (isListType(type))
    return nullable(fc.array(inputArb(type.ofType, depth + 1), { maxLength: depth > 2 ? 1 : 4 }));
  if (isEnumType(type)) return nullable(fc.constantFrom(...type.getValues().map((v) => v.name)));
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const f of fields) model[f.name] = inputArb(f.type, depth + 1);
    const requiredKeys = fields.filter((f) => isNonNullType(f.type)).map((f) => f.name);
    return nullable(fc.record(model, { requiredKeys }));
  }
  return nullable(scalarArb(type.name));
}

/** A selection of `type`'s argument-free fields, leaves and (to `depth`) objects. */
export function selectionOf(type: GraphQLNamedType, depth: number): string {
  if (!isObjectType(type)) return '';
  const parts: string[] = ['__typename'];
  for (const f of Object.values(type.getFields())) {
    if (f.args.some((a) => isNonNullType(a.type))) continue;
    const named = getNamedType(f.type);
    if (isLeafType(named)) parts.push(f.name);
    else if (depth > 0) parts.push(`${f.name} { ${selectionOf(named, depth - 1)} }`);
  }
  return parts.join(' ');
}

/** Operations that call `field` of the root `kind` with generated arguments (each argument as a variable). */
export function operationArb(
  schema: GraphQLSchema,
  kind: 'query' | 'mutation',
  field: GraphQLField<unknown, unknown>,
): fc.Arbitrary<GeneratedOperation> {
  const args = field.args;
  const decl = args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const call = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type))
    ? ''
    : `{ ${selectionOf(getNamedType(field.type), 2)} }`;
  const query = `${kind}${decl ? ` (${decl})` : ''} { ${field.name}${call ? `(${call})` : ''} ${selection} }`;
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const a of args) model[a.name] = inputArb(a.type);
  const requiredKeys = args.filter((a) => isNonNullType(a.type)).map((a) => a.name);
  return fc
    .record(model, { requiredKeys })
    .map((variables) => ({ field: field.name, kind, query, variables }));
}

/** Every query and mutation of `schema`, each with generated arguments. */
export function rootOperationsArb(schema: GraphQLSchema): fc.Arbitrary<GeneratedOperation> {
  const ops: fc.Arbitrary<GeneratedOperation>[] = [];
  for (const kind of ['query', 'mutation'] as const) {
    const root = kind === 'query' ? schema.getQueryType() : schema.getMutationType();
    for (const field of Object.values(root?.getFields() ?? {})) ops.push(operationArb(schema, kind, field));
  }
  return fc.oneof(...ops);
}
