/**
 * One autosave copy as stored: a header line, then the document.
 *
 *     workout-spans/autosave 1 <seq> <length> <checksum>\n<document>
 *
 * `seq` orders the copies; `length` (UTF-16 units) and `checksum` (FNV-1a, 32 bits, hex) make a
 * torn or damaged copy fail to read instead of reading as something else.
 */

const MAGIC = 'workout-spans/autosave 1';

export interface SlotCopy {
  seq: number;
  document: string;
}

/** FNV-1a over UTF-16 code units: cheap, browser-safe, good at catching damage (not an adversary). */
export function checksum(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

export function encodeSlot(seq: number, document: string): string {
  return `${MAGIC} ${seq} ${document.length} ${checksum(document)}\n${document}`;
}

/** The copy, or null when the value is not a whole copy (torn, damaged, or something else). */
export function decodeSlot(value: unknown): SlotCopy | null {
  if (typeof value !== 'string') return null;
  const newline = value.indexOf('\n');
  if (newline < 0) return null;
  const header = value.slice(0, newline).split(' ');
  if (header.length !== 5 || `${header[0]} ${header[1]}` !== MAGIC) return null;
  const [, , seqText, lengthText, sum] = header as [string, string, string, string, string];
  if (!/^\d{1,15}$/.test(seqText) || !/^\d{1,15}$/.test(lengthText) || !/^[0-9a-f]{8}$/.test(sum)) return null;
  const document = value.slice(newline + 1);
  if (document.length !== Number(lengthText) || checksum(document) !== sum) return null;
  return { seq: Number(seqText), document };
}
