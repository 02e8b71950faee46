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
  const out = new JsonWriter(maxLength);
  out.write(value);
  return out.text();
}

type Frame =
  | { kind: 'array'; items: unknown[]; length: number; i: number; value: object }
  | { kind: 'object'; source: Record<string, unknown>; keys: string[]; i: number; written: number; value: object };

class JsonWriter {
  private readonly chunks: string[] = [];
  private length = 0;
  private full = false;
  /** Objects on the path from the root to the value being written: a cycle is one of them again. */
  private readonly path = new Set<object>();

  constructor(private readonly maxLength: number) {}

  text(): string {
    const text = this.chunks.join('');
    return this.full ? `${text.slice(0, Math.max(0, this.maxLength - 1))}…` : text;
  }

  private put(text: string): void {
    if (this.full) return;
    this.chunks.push(text);
    this.length += text.length;
    if (this.length > this.maxLength) this.full = true;
  }

  write(root: unknown): void {
    const stack: Frame[] = [];
    let next: unknown = root;
    let pending = true;
    for (;;) {
      if (this.full) return;
      if (pending) {
        pending = false;
        const frame = this.open(next);
        if (frame !== undefined) stack.push(frame);
      }
      const top = stack[stack.length - 1];
      if (top === undefined) return;
      if (top.kind === 'array') {
        if (top.i < top.length) {
          if (top.i > 0) this.put(',');
          next = this.read(top.items, top.i++);
          if (typeof next === 'undefined' || typeof next === 'function' || typeof next === 'symbol') next = null;
          pending = true;
          continue;
        }
        this.put(']');
      } else {
        let found = false;
        while (top.i < top.keys.length) {
          const key = top.keys[top.i++]!;
          const v = this.read(top.source, key);
          if (typeof v === 'undefined' || typeof v === 'function' || typeof v === 'symbol') continue;
          if (top.written++ > 0) this.put(',');
          this.put(JSON.stringify(key));
          this.put(':');
          next = v;
          pending = true;
          found = true;
          break;
        }
        if (found) continue;
        this.put('}');
      }
      this.path.delete(top.value);
      stack.pop();
    }
  }

  /** A property, or the `[unreadable]` marker when reading it throws (a getter, a Proxy). */
  private read(source: object, key: string | number): unknown {
    try {
      return (source as Record<string | number, unknown>)[key];
    } catch {
      return UNREADABLE;
    }
  }

  /** Writes a leaf, or the opening of an array or object and returns its frame. */
  private open(value: unknown): Frame | undefined {
    switch (typeof value) {
      case 'string':
        this.put(JSON.stringify(this.maxLength < value.length ? value.slice(0, this.maxLength + 1) : value));
        return undefined;
      case 'number':
        this.put(Number.isFinite(value) ? String(value) : 'null');
        return undefined;
      case 'boolean':
        this.put(value ? 'true' : 'false');
        return undefined;
      case 'bigint':
        this.put(value.toString());
        return undefined;
      case 'object':
        break;
      default:
        this.put('null');
        return undefined;
    }
    if (value === null) {
      this.put('null');
      return undefined;
    }
    if (value === UNREADABLE) {
      this.put('"[unreadable]"');
      return undefined;
    }
    if (this.path.has(value)) {
      this.put('"[circular]"');
      return undefined;
    }
    try {
      if (Array.isArray(value)) {
        const length = value.length;
        this.path.add(value);
        this.put('[');
        return { kind: 'array', items: value, length, i: 0, value };
      }
      const keys = Object.keys(value);
      this.path.add(value);
      this.put('{');
      return { kind: 'object', source: value as Record<string, unknown>, keys, i: 0, written: 0, value };
    } catch {
      this.put('"[unreadable]"');
      return undefined;
    }
  }
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
