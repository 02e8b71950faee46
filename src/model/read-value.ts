/**
 * Values that come from a caller are read once, into a plain copy, before they are checked: what is
 * checked is then exactly what is stored. A getter that answers differently each time, a Proxy, or
 * an array with holes cannot slip a value past the checks.
 */

/** Why a value could not be copied. */
export class UnreadableValue extends Error {
  override readonly name = 'UnreadableValue';
}

/** A plain object (prototype `Object.prototype` or `null`), not an array or a class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Sets a key as an own property even when it is `__proto__` (user-chosen keys). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/**
 * A plain copy of `value`, each property read once: arrays and plain (or null-prototype) objects are
 * copied, everything else is returned as it is for the caller's checks to judge. Throws
 * `UnreadableValue` for an array with holes, nesting deeper than `maxDepth`, or a value whose reading
 * throws (the error it threw is the cause).
 */
export function copyValue(value: unknown, maxDepth = 32): unknown {
  try {
    return copy(value, maxDepth);
  } catch (cause) {
    if (cause instanceof UnreadableValue) throw cause;
    throw new UnreadableValue('its reading threw', { cause });
  }
}

function copy(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth < 0) throw new UnreadableValue('nested too deep');
  if (Array.isArray(value)) {
    const n = value.length;
    const out: unknown[] = new Array<unknown>(n);
    for (let i = 0; i < n; i++) {
      if (!(i in value)) throw new UnreadableValue(`it has a hole at [${i}]`);
      out[i] = copy(value[i], depth - 1);
    }
    return out;
  }
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) setOwn(out, key, copy((value as Record<string, unknown>)[key], depth - 1));
  return out;
}
