/**
 * A strict RFC 4180 reader for the tests: records end with CRLF, fields are plain or quoted, quotes
 * inside quoted fields are doubled. Throws on anything else (a bare LF, a stray quote). Reads in
 * slices between the characters that matter, so megabyte fields stay cheap.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  const plainEnd = /[",\r\n]/g;
  while (i < n) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('unterminated quoted field');
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
    } else {
      plainEnd.lastIndex = i;
      const m = plainEnd.exec(text);
      const end = m === null ? n : m.index;
      if (m !== null && m[0] === '"') throw new Error(`stray quote at ${end}`);
      field = text.slice(i, end);
      i = end;
    }
    row.push(field);
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
      continue;
    }
    if (i >= n) {
      rows.push(row);
      break;
    }
    throw new Error(`expected , or CRLF at ${i}, found ${JSON.stringify(text[i])}`);
  }
  return rows;
}
