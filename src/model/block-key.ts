/**
 * A block's key as the text spans are found by: a non-empty string, a finite number (`String(n)`), or
 * an object whose `toString()` gives a non-empty string; `undefined` when it gives none, throws, or is
 * `[object Object]`.
 */
export function readBlockKey(key: unknown): string | undefined {
  if (typeof key === 'number') return Number.isFinite(key) ? String(key) : undefined;
  let text: unknown = key;
  if (key !== null && typeof key === 'object') {
    try {
      const toString = (key as { toString?: unknown }).toString;
      text = typeof toString === 'function' ? toString.call(key) : undefined;
    } catch {
      return undefined;
    }
  }
  return typeof text === 'string' && text.length > 0 && text !== '[object Object]' ? text : undefined;
}
