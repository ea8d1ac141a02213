/** Visibility query string literal: single quotes doubled away, so a value cannot break out. */
export function visibilityLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
