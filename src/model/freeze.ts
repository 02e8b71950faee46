/**
 * Freezes a plain value and the plain objects and arrays in it: records handed out are frozen.
 *
 * Stops at what is already frozen (values share their frozen parts), and leaves other objects as
 * they are (typed arrays, maps, dates, class instances), as immer's `freeze` does: freezing them
 * would not make them read-only, and breaks some (a typed array with elements cannot be frozen).
 * Plain: an array, or an object whose prototype is `null` or an `Object.prototype` (of any realm).
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) {
    Object.freeze(value);
    for (let i = 0; i < value.length; i++) deepFreeze(value[i]);
    return value;
  }
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto !== null && Object.getPrototypeOf(proto) !== null) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}
