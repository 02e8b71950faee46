import { nanoid } from 'nanoid';

/** Kept so that the engine cannot drop the conversion in `flatten` as unused. */
let _flattenSink = 0;

/**
 * Flattens a string built by concatenation. V8 keeps such strings as a chain of pieces (a nanoid()
 * holds about 330 B that way, 80 B flattened): ids that are stored are flattened once, here.
 */
export function flatten(s: string): string {
  // Converting to a number reads every character, which makes V8 flatten the string in place. The
  // result is kept: an optimizing compiler may otherwise drop a conversion nobody reads.
  _flattenSink ^= (s as unknown as number) | 0;
  return s;
}

/** A new span id: nanoid, never derived from the clock. */
export function newSpanId(): string {
  return flatten(nanoid());
}

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
