/**
 * Any value as JSON text, without ever throwing: the exporters print values they did not make (a
 * custom metric may hold any JSON value, a crafted snapshot anything at all), so the one place that
 * turns a value into text must be total.
 *
 * For a JSON value it writes exactly what `JSON.stringify` writes. It walks with a stack of its
 * own, so nesting of any depth cannot overflow the call stack, and it reads each object once,
 * inside a `try`, so a throwing getter or a revoked Proxy cannot escape. What JSON cannot hold is
 * written so a reader sees what was there: a cycle as `"[circular]"`, an object that cannot be read
 * as `"[unreadable]"`, a BigInt as its digits, a function or a symbol as `null` (as
 * `JSON.stringify` writes them in arrays). `toJSON` methods are not called: no foreign code runs.
 *
 * With `maxLength`, the text is cut to that many characters (the last one `…`) and the walk stops
 * there, so a preview of a huge value costs what the preview shows.
 */
export function jsonText(value: unknown, maxLength = Infinity): string {
  let out = '';
  /** Objects on the path from the root to the value being written: a cycle is one of them again. */
  const path = new Set<object>();
  /** Open arrays and objects: the object, its keys (null for an array), its size, the next one, whether one was written. */
  const stack: { of: object; keys: string[] | null; n: number; i: number; wrote: boolean }[] = [];
  let next: unknown = value;
  let pending = true;
  while (out.length <= maxLength) {
    if (pending) {
      pending = false;
      const v = next;
      if (typeof v === 'string') out += JSON.stringify(v.length > maxLength ? v.slice(0, maxLength + 1) : v);
      else if (typeof v === 'number') out += Number.isFinite(v) ? String(v) : 'null';
      else if (typeof v === 'boolean' || typeof v === 'bigint') out += String(v);
      else if (v === UNREADABLE) out += '"[unreadable]"';
      else if (v === null || typeof v !== 'object') out += 'null';
      else if (path.has(v)) out += '"[circular]"';
      else {
        try {
          const keys = Array.isArray(v) ? null : Object.keys(v);
          stack.push({ of: v, keys, n: keys === null ? (v as unknown[]).length : keys.length, i: 0, wrote: false });
          path.add(v);
          out += keys === null ? '[' : '{';
        } catch {
          out += '"[unreadable]"';
        }
      }
    }
    const top = stack[stack.length - 1];
    if (top === undefined) break;
    if (top.i < top.n) {
      const array = top.keys === null;
      const key = array ? top.i : top.keys![top.i]!;
      top.i++;
      let v: unknown;
      try {
        v = (top.of as Record<string | number, unknown>)[key];
      } catch {
        v = UNREADABLE;
      }
      // As JSON.stringify: in an array what JSON cannot hold is null, in an object its key is left out.
      const skipped = v === undefined || typeof v === 'function' || typeof v === 'symbol';
      if (skipped && !array) continue;
      out += (top.wrote ? ',' : '') + (array ? '' : `${JSON.stringify(key)}:`);
      top.wrote = true;
      next = skipped ? null : v;
      pending = true;
    } else {
      out += top.keys === null ? ']' : '}';
      path.delete(top.of);
      stack.pop();
    }
  }
  return out.length > maxLength ? `${out.slice(0, Math.max(0, maxLength - 1))}…` : out;
}

/** Stands for a property that threw when read. */
const UNREADABLE: object = Object.freeze({});

/**
 * A value as a person reads it, never throwing: a string as it is, a number, boolean or BigInt as
 * written in code, anything else as JSON (`{"z4":40}`), cut to `maxLength` characters.
 */
export function displayValue(value: unknown, maxLength = Infinity): string {
  let text: string;
  switch (typeof value) {
    case 'string':
      text = value;
      break;
    case 'number':
    case 'boolean':
    case 'bigint':
      text = String(value);
      break;
    case 'undefined':
      return '';
    default:
      return jsonText(value, maxLength);
  }
  return text.length > maxLength ? `${text.slice(0, Math.max(0, maxLength - 1))}…` : text;
}
