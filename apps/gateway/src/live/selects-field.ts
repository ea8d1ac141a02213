import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** Whether `set` selects the field `name`, directly or through inline fragments and fragment spreads. */
function selectionSelects(set: SelectionSetNode | undefined, name: string, info: Pick<GraphQLResolveInfo, 'fragments'>, seen: Set<string>): boolean {
  for (const s of set?.selections ?? []) {
    if (s.kind === Kind.FIELD && s.name.value === name) return true;
    if (s.kind === Kind.INLINE_FRAGMENT && selectionSelects(s.selectionSet, name, info, seen)) return true;
    if (s.kind === Kind.FRAGMENT_SPREAD && !seen.has(s.name.value)) {
      seen.add(s.name.value);
      if (selectionSelects(info.fragments[s.name.value]?.selectionSet, name, info, seen)) return true;
    }
  }
  return false;
}

/**
 * Whether the operation asks the field being resolved for its sub-field `name`, so that work
 * only that sub-field needs (and the events it would add) is done only for those who want it.
 */
export function selectsField(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, name: string): boolean {
  return info.fieldNodes.some((node) => selectionSelects(node.selectionSet, name, info, new Set()));
}
