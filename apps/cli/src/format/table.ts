/** How a column lines up: text to the left, figures to the right. */
export type Align = 'left' | 'right';

/** One column of a table: its header, how to print a row's cell, and its alignment. */
export interface Column<T> {
  header: string;
  cell: (row: T) => string;
  align?: Align;
}

/** Rows as a plain-text table: a header line, then one line per row, columns padded to their widest cell. */
export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string[] {
  const cells = rows.map((r) => columns.map((c) => c.cell(r)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => row[i].length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => (columns[i].align === 'right' ? v.padStart(widths[i]) : v.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)];
}

/** A fraction as a percentage with two decimals (`0.8123` → `81.23%`), `-` when absent. */
export function percent(x: number | null | undefined): string {
  return x === null || x === undefined ? '-' : `${(100 * x).toFixed(2)}%`;
}

/** A number with a fixed count of decimals, `-` when absent. */
export function fixed(x: number | null | undefined, digits: number): string {
  return x === null || x === undefined ? '-' : x.toFixed(digits);
}
