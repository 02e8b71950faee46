import { urlAlphabet } from 'nanoid';

/** nanoid's alphabet, as character codes. */
const ALPHABET = Array.from(urlAlphabet, (c) => c.charCodeAt(0));
const SIZE = 21;
/** Random bytes drawn from the platform in batches, as nanoid does in Node, and used 21 at a time. */
const POOL = SIZE * 128;
let pool = new Uint8Array(0);
let used = POOL;

/**
 * A new id: 21 characters of nanoid's URL-safe alphabet (126 random bits from the platform's
 * cryptographic source), never derived from the clock. Built in one piece (`String.fromCharCode`):
 * a string built by concatenation is kept by V8 as a chain of pieces (a nanoid() holds about 330 B
 * that way, 48 B flat), and ids are stored.
 */
export function newId(): string {
  if (used + SIZE > POOL) {
    pool = crypto.getRandomValues(new Uint8Array(POOL));
    used = 0;
  }
  const p = pool;
  const i = used;
  used += SIZE;
  const a = ALPHABET;
  return String.fromCharCode(
    a[p[i]! & 63]!,
    a[p[i + 1]! & 63]!,
    a[p[i + 2]! & 63]!,
    a[p[i + 3]! & 63]!,
    a[p[i + 4]! & 63]!,
    a[p[i + 5]! & 63]!,
    a[p[i + 6]! & 63]!,
    a[p[i + 7]! & 63]!,
    a[p[i + 8]! & 63]!,
    a[p[i + 9]! & 63]!,
    a[p[i + 10]! & 63]!,
    a[p[i + 11]! & 63]!,
    a[p[i + 12]! & 63]!,
    a[p[i + 13]! & 63]!,
    a[p[i + 14]! & 63]!,
    a[p[i + 15]! & 63]!,
    a[p[i + 16]! & 63]!,
    a[p[i + 17]! & 63]!,
    a[p[i + 18]! & 63]!,
    a[p[i + 19]! & 63]!,
    a[p[i + 20]! & 63]!,
  );
}

/** A new span id (see `newId`). */
export const newSpanId = newId;

/** Suffixes `.s<n>`, `.t<n>`, `.m<n>` for the first counters, made once and shared. */
const SUFFIXES = { s: [] as string[], t: [] as string[], m: [] as string[] };
const SHARED_SUFFIXES = 1024;

/**
 * An id that extends its span's id with a counter: unique in the tracker, not from the clock.
 *
 * Built by concatenation: V8 keeps it as two pieces (the span's id and a shared suffix) until
 * something reads it whole. An ended span does not keep these ids (its compact form keeps the
 * counters and writes the ids out on read), so only the records of running spans and the objects a
 * caller holds carry them.
 */
export function childId(spanId: string, kind: 's' | 't' | 'm', n: number): string {
  const table = SUFFIXES[kind];
  return spanId + (n < SHARED_SUFFIXES ? (table[n] ??= `.${kind}${n}`) : `.${kind}${n}`);
}
