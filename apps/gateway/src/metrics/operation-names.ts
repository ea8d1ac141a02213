/** The resolved operation name of each HTTP request, for its request log line (kept only as long as the request). */
const names = new WeakMap<object, string>();

/** Records the operation `req` carries (set by the GraphQL metrics plugin once it is resolved). */
export function noteOperation(req: object, name: string): void {
  names.set(req, name);
}

/** The operation name recorded for `req`, if it carried a GraphQL operation. */
export function operationOf(req: object): string | undefined {
  return names.get(req);
}
