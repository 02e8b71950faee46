/**
 * A block's key as the text spans are found by: a non-empty string, or an object whose `toString()`
 * gives one (`String(key)`); `undefined` when it gives none, throws, or is `[object Object]`.
 */
export function readBlockKey(key: unknown): string | undefined {
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
