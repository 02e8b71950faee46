/**
 * RFC 4180 text (API.md §11 toCSV): records end with CRLF; a field holding a quote, a comma, a CR
 * or an LF is quoted, its quotes doubled. `undefined` and `null` become empty fields.
 */
export type CsvCell = string | number | boolean | null | undefined;

export function csvField(cell: CsvCell): string {
  if (cell === undefined || cell === null) return '';
  const text = String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One header line, then one line per row, every line ending in CRLF. */
export function csvTable(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  let out = header.map(csvField).join(',') + '\r\n';
  for (const row of rows) out += row.map(csvField).join(',') + '\r\n';
  return out;
}
