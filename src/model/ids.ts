import { nanoid } from 'nanoid';

/** Kept so that the engine cannot drop the conversion in `flatten` as unused. */
let flattenSink = 0;

/**
 * Flattens a string built by concatenation. V8 keeps such strings as a chain of pieces (a nanoid()
 * holds about 330 B that way, 80 B flattened): ids that are stored are flattened once, here.
 */
export function flatten(s: string): string {
  // Converting to a number reads every character, which makes V8 flatten the string in place. The
  // result is kept: an optimizing compiler may otherwise drop a conversion nobody reads.
  flattenSink ^= (s as unknown as number) | 0;
  return s;
}

/** A new span id: nanoid, never derived from the clock. */
export function newSpanId(): string {
  return flatten(nanoid());
}

/** Suffixes `.s<n>`, `.t<n>`, `.m<n>`, made once and shared by every span (see `childId`). */
const SUFFIXES = { s: [] as string[], t: [] as string[], m: [] as string[] };
const SHARED_SUFFIXES = 1024;

/**
 * An id that extends its span's id with a counter: unique in the tracker, not from the clock.
 * The span's id and a shared suffix are joined, not copied: V8 keeps the result as a two-piece
 * string that points at both (about 32 B, against 40 B for a flat copy), and it is built faster.
 */
export function childId(spanId: string, kind: 's' | 't' | 'm', n: number): string {
  if (n >= SHARED_SUFFIXES) return `${spanId}.${kind}${n}`;
  const table = SUFFIXES[kind];
  return spanId + (table[n] ??= `.${kind}${n}`);
}
