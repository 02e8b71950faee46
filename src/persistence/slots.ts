import { checksum } from './codec';

/**
 * What autosave stores, each value a header line then its text:
 *
 *     workout-spans/autosave 1 <seq> <length> <checksum>\n<document>          a whole copy (`key:a`, `key:b`)
 *     workout-spans/changes 1 <baseSeq> <n> <length> <checksum>\n<changes>    change entry n of that copy (`key:a.0`, …)
 *
 * `seq` orders the copies (it counts modulo 10^15, so that it never outgrows its field: see
 * `newerSeq`); a change entry names the copy it applies to and its place in that copy's log.
 * `length` (UTF-16 units) and `checksum` (FNV-1a, 32 bits, hex) make a torn or damaged value fail to
 * read instead of reading as something else.
 */

const MAGIC = 'workout-spans/autosave 1';
const CHANGES = 'workout-spans/changes 1';

/** Sequence numbers count modulo this (15 digits). */
export const SEQ_MODULUS = 1e15;

export interface SlotCopy {
  seq: number;
  document: string;
}

export interface ChangeEntry {
  baseSeq: number;
  n: number;
  changes: string;
}

export function encodeSlot(seq: number, document: string): string {
  return `${MAGIC} ${seq} ${document.length} ${checksum(document)}\n${document}`;
}

export function encodeChanges(baseSeq: number, n: number, changes: string): string {
  return `${CHANGES} ${baseSeq} ${n} ${changes.length} ${checksum(changes)}\n${changes}`;
}

const COUNT = /^\d{1,15}$/;
const SUM = /^[0-9a-f]{8}$/;

/** The header's fields after its magic words, and the text; null when the value is not whole. */
function decode(value: unknown, magic: string, fields: number): { numbers: number[]; text: string } | null {
  if (typeof value !== 'string') return null;
  const newline = value.indexOf('\n');
  if (newline < 0 || newline > 200) return null;
  const header = value.slice(0, newline).split(' ');
  const words = magic.split(' ').length;
  if (header.length !== words + fields + 2 || header.slice(0, words).join(' ') !== magic) return null;
  const numbers: number[] = [];
  for (let i = words; i < words + fields + 1; i++) {
    if (!COUNT.test(header[i]!)) return null;
    numbers.push(Number(header[i]));
  }
  const sum = header[header.length - 1]!;
  if (!SUM.test(sum)) return null;
  const text = value.slice(newline + 1);
  if (text.length !== numbers[numbers.length - 1] || checksum(text) !== sum) return null;
  return { numbers, text };
}

/** The copy, or null when the value is not a whole copy (torn, damaged, or something else). */
export function decodeSlot(value: unknown): SlotCopy | null {
  const d = decode(value, MAGIC, 1);
  return d === null ? null : { seq: d.numbers[0]!, document: d.text };
}

/** The change entry, or null when the value is not a whole one. */
export function decodeChanges(value: unknown): ChangeEntry | null {
  const d = decode(value, CHANGES, 2);
  return d === null ? null : { baseSeq: d.numbers[0]!, n: d.numbers[1]!, changes: d.text };
}

/** The number after `seq`, modulo 10^15: the field never needs a 16th digit. */
export function nextSeq(seq: number): number {
  return (seq + 1) % SEQ_MODULUS;
}

/**
 * Whether copy `a` is newer than copy `b`, counting modulo 10^15 (serial-number arithmetic): `a` is
 * newer when it is less than half the circle ahead of `b`. So 0 is newer than 999 999 999 999 999,
 * and a copy stored with the largest number does not stop the next ones from counting as newer.
 */
export function newerSeq(a: number, b: number): boolean {
  const ahead = (((a - b) % SEQ_MODULUS) + SEQ_MODULUS) % SEQ_MODULUS;
  return ahead > 0 && ahead < SEQ_MODULUS / 2;
}
