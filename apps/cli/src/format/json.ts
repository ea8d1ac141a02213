/** Machine-readable output: the value as indented JSON, newline-terminated. */
export function renderJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** One value as a single JSON line (for streams of events). */
export function renderJsonLine(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}
