/**
 * The small codes version 2 writes numbers and ids with, each exact by construction: the writer
 * checks that the reader's arithmetic gives back the very value, and writes the value itself (as a
 * one-element array, `[t]`) when it would not. The reader of each code lives beside its writer.
 */

/** `t` as a step from `prev` (a small number), or `[t]` when `prev + step` would not give `t` back exactly. */
export function step(t: number, prev: number): number | [number] {
  const d = t - prev;
  return Object.is(prev + d, t) ? d : [t];
}

/** The value a `step` code stands for; undefined when the code is neither a number nor `[number]`. */
export function unstep(code: unknown, prev: number): number | undefined {
  if (typeof code === 'number') return prev + code;
  if (Array.isArray(code) && code.length === 1 && typeof code[0] === 'number') return code[0];
  return undefined;
}

/** `value` as what is missing to reach `full` (`full - value`: 0 while nothing was paused), or `[value]`. */
export function shortfall(value: number, full: number): number | [number] {
  const d = full - value;
  return Object.is(full - d, value) ? d : [value];
}

export function unshortfall(code: unknown, full: number): number | undefined {
  if (typeof code === 'number') return full - code;
  if (Array.isArray(code) && code.length === 1 && typeof code[0] === 'number') return code[0];
  return undefined;
}

/** A canonical counter: digits with no leading zero, a safe integer. */
const COUNTER = /^(?:0|[1-9]\d{0,14})$/;

/**
 * An id that extends its span's id with a counter (`<spanId>.m7`) as the counter (7); any other id as
 * itself. The tracker makes ids of the first kind, so the document need not repeat the span's id.
 */
export function childCode(id: string, spanId: string, kind: 's' | 't' | 'm'): number | string {
  const prefixLength = spanId.length + 2;
  if (id.length > prefixLength && id.startsWith(spanId) && id.charCodeAt(spanId.length) === 46 && id[spanId.length + 1] === kind) {
    const digits = id.slice(prefixLength);
    if (COUNTER.test(digits)) return Number(digits);
  }
  return id;
}

/**
 * The id a `childCode` stands for; undefined when the code is neither a counter nor a string. Built
 * flat, as the tracker keeps its ids: a concatenated string is hashed (the reader's id table) and
 * kept in a more costly form.
 */
export function childId(code: unknown, spanId: string, kind: 's' | 't' | 'm'): string | undefined {
  if (typeof code === 'string') return code;
  if (typeof code === 'number' && Number.isSafeInteger(code) && code >= 0) return flatId(spanId, `.${kind}${code}`);
  return undefined;
}

/** Whether `id` is the child id `<spanId>.<kind><n>`, checked without building it. */
export function isChildId(id: string, spanId: string, kind: 's' | 't' | 'm', n: number): boolean {
  const prefixLength = spanId.length + 2;
  let digits = 1;
  for (let m = n; m >= 10; m = Math.floor(m / 10)) digits++;
  if (id.length !== prefixLength + digits || id.charCodeAt(spanId.length) !== 46 || id[spanId.length + 1] !== kind) return false;
  for (let k = id.length - 1, m = n; k >= prefixLength; k--, m = Math.floor(m / 10)) if (id.charCodeAt(k) !== 48 + (m % 10)) return false;
  return id.startsWith(spanId);
}

/** `a + b` as one flat string: `join` builds its result in one piece, where `+` keeps the two. */
export function flatId(a: string, b: string): string {
  return [a, b].join('');
}

/** Where a canonical child id (`<spanId>.s3`) splits: its span's id and its counter, or null. */
export function splitChildId(id: string, kind: 's' | 't' | 'm'): { spanId: string; n: number } | null {
  const dot = id.lastIndexOf(`.${kind}`);
  if (dot <= 0) return null;
  const digits = id.slice(dot + 2);
  return COUNTER.test(digits) ? { spanId: id.slice(0, dot), n: Number(digits) } : null;
}

/** FNV-1a over UTF-16 code units, 32 bits, as 8 hex digits: cheap, browser-safe, good at catching damage (not an adversary). */
export function checksum(text: string, end = text.length): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < end; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Deep equality of two JSON values (Object.is for numbers, so -0 is not 0). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka)
    if (!Object.hasOwn(b, k) || !sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}
