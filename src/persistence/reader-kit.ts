import { TrackerError, type ExecutionSpan, type Phase } from 'workout-spans';
import { isJsonSafe } from '../model/metric-keys';
import { deepFreeze } from '../model/freeze';
import { copyValue, setOwn } from '../model/read-value';

/**
 * What every reader of a saved session shares: the checks of one value, the place of a value (a
 * path built only when something is wrong), the ids claimed so far, and the rule for the objects a
 * reader returns (frozen in place when they are fresh from JSON.parse, copied otherwise).
 *
 * How the readers stay cheap on a long session:
 * - A document fresh from JSON.parse (or built by the version-2 decoder) is ours alone: plain objects
 *   and arrays, own data properties, no sharing. Each record is checked (only its known keys, every
 *   field, every reference) and then frozen in place instead of copied. JSON.parse defines a
 *   `"__proto__"` key as an own property, so nothing reaches a prototype; a fixed-shape record
 *   rejects it as an unknown field.
 * - A document a migration returned may share objects with its caller or hold accessors: every
 *   object and array is copied first (own enumerable keys), then checked and frozen like the rest.
 * - Paths are built only for an error: a reader gets the place of its value (`At`, a parent and a
 *   key), never a path string.
 */

export type Obj = Record<string, unknown>;
export type Key = string | number;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `$.a`, `$[0]`, `$["odd key"]`. */
function childPath(path: string, key: Key): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** CORRUPT_DATA at `path`, with the reason in the message and in `details`. */
export function corrupt(path: string, reason: string): never {
  throw new TrackerError('CORRUPT_DATA', `saved session is corrupt at ${path}: ${reason}`, { path, reason });
}

/** Where a value is: its parent's place and its key (the root is `$`). Turned into a path only on failure. */
export class At {
  constructor(
    readonly parent: At | null,
    readonly key: Key,
  ) {}

  toString(): string {
    return this.parent === null ? String(this.key) : childPath(this.parent.toString(), this.key);
  }
}

export const ROOT = new At(null, '$');

/** CORRUPT_DATA at `at` itself, or at its field `key`. */
export function bad(at: At, key: Key | null, reason: string): never {
  return corrupt(key === null ? at.toString() : childPath(at.toString(), key), reason);
}

/** The field must be there (own). */
export function need(o: Obj, key: string, at: At): void {
  if (!Object.hasOwn(o, key)) bad(at, key, 'missing');
}

export const has = (o: Obj, key: string): boolean => Object.hasOwn(o, key);

// ---- checks of one value: the value when it is right, else CORRUPT_DATA at `at`'s field `key`

export function string(v: unknown, at: At, key: Key): string {
  return typeof v === 'string' ? v : bad(at, key, 'expected a string');
}
export function text(v: unknown, at: At, key: Key): string {
  return typeof v === 'string' && v.length > 0 ? v : bad(at, key, 'expected a non-empty string');
}
export function boolean(v: unknown, at: At, key: Key): boolean {
  return typeof v === 'boolean' ? v : bad(at, key, 'expected true or false');
}
export function finite(v: unknown, at: At, key: Key): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : bad(at, key, 'expected a finite number');
}
export function nonNegative(v: unknown, at: At, key: Key): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : bad(at, key, 'expected a finite number ≥ 0');
}
export function positiveInteger(v: unknown, at: At, key: Key): number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : bad(at, key, 'expected a positive integer');
}
export function indexNumber(v: unknown, at: At, key: Key): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : bad(at, key, 'expected an integer ≥ 0');
}
export function oneOf<T extends string>(values: readonly T[], v: unknown, at: At, key: Key): T {
  return values.includes(v as T) ? (v as T) : bad(at, key, `expected one of ${values.join(', ')}`);
}
export const DIRECTIONS = ['up', 'down'] as const;

// ---- what an id names

/** A span id: the span once it is read whole (null while its segments and TimeSpans are read), and its ancestry. */
export class SpanEntry {
  span: ExecutionSpan | null = null;
  /** Root first, ending with the span's id. */
  ancestry: readonly string[] = [];
}

/** A segment id, and the id of the span that owns it. */
export class SegmentEntry {
  constructor(readonly spanId: string) {}
}

/** A TimeSpan id: its span's id and its phase. */
export class IntervalEntry {
  type: Phase = 'work';
  constructor(readonly spanId: string) {}
}

/** A metric record's id. */
export const RECORD_ENTRY = Object.freeze({});

export type Entry = SpanEntry | SegmentEntry | IntervalEntry | typeof RECORD_ENTRY;

/** Whether `Object.prototype` has no enumerable key, so that `for…in` over a plain object sees only its own keys. */
function prototypeClean(): boolean {
  for (const _ in Object.prototype) return false;
  return true;
}

/** What a reader learnt so far: ids, spans, ancestries and owners, for the reference checks. */
export class Reading {
  /** Every id read so far (spans, segments, TimeSpans, records: all unique) and what it names. */
  readonly ids = new Map<string, Entry>();
  readonly activeBlocks = new Set<string>();
  /** Keys may be listed with `for…in` (no `Object.keys` array per object): fresh objects and a clean Object.prototype. */
  private readonly forIn: boolean;
  /** The latest instant seen, and where it first was when it is later than `savedAt`. */
  latest = -Infinity;
  latestPath = '';

  /** The document's savedAt, once read. */
  savedAt = Infinity;

  constructor(
    /** True for objects fresh from JSON.parse or the decoder (checked and frozen in place), false for ones a migration returned (copied). */
    readonly fresh: boolean,
    /**
     * True when the objects were built by the version-2 decoder, which gives records only their own
     * fields: their keys need no check, except those of metrics objects (`open` sets), which hold
     * whatever the document named.
     */
    readonly decoded = false,
  ) {
    this.forIn = fresh && prototypeClean();
  }

  /** Notes a new id and what it names (one hash insert); a duplicate is corrupt at `at`'s `id`. */
  claim<E extends Entry>(id: string, at: At, entry: E): E {
    const size = this.ids.size;
    this.ids.set(id, entry);
    if (this.ids.size === size) bad(at, 'id', `duplicate id '${id}'`);
    return entry;
  }

  /** The entry of a span read whole before now, or undefined. */
  span(id: string): SpanEntry | undefined {
    const e = this.ids.get(id);
    return e instanceof SpanEntry && e.span !== null ? e : undefined;
  }

  /** Notes an instant; none may be later than the document's savedAt (the latest one is reported). */
  time(t: number, at: At, key: Key, field: Key | null = null): void {
    if (t > this.latest) {
      this.latest = t;
      if (t > this.savedAt)
        this.latestPath = field === null ? childPath(at.toString(), key) : childPath(childPath(at.toString(), key), field);
    }
  }

  /** A plain object holding only `allowed` keys (any keys when null): itself when fresh, else a copy. */
  object(value: unknown, at: At, key: Key | null, allowed: ReadonlySet<string> | null, open = false): Obj {
    const o = this.check(value, at, key, allowed, open);
    if (this.fresh) return o;
    const copy: Obj = {};
    for (const k of Object.keys(o)) setOwn(copy, k, o[k]);
    return copy;
  }

  /** Checks that `value` is a plain object holding only `allowed` keys (any keys when null). */
  check(value: unknown, at: At, key: Key | null, allowed: ReadonlySet<string> | null, open = false): Obj {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) bad(at, key, 'expected an object');
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) bad(at, key, 'expected a plain object');
    if (this.decoded && !open) return value as Obj;
    if (allowed !== null && this.forIn) {
      for (const k in value) {
        if (!allowed.has(k)) corrupt(childPath(key === null ? at.toString() : childPath(at.toString(), key), k), 'unknown field');
      }
    } else if (allowed !== null) {
      const keys = Object.keys(value);
      for (let i = 0; i < keys.length; i++) {
        if (!allowed.has(keys[i]!))
          corrupt(childPath(key === null ? at.toString() : childPath(at.toString(), key), keys[i]!), 'unknown field');
      }
    }
    return value as Obj;
  }

  /** An array: itself when fresh, else a copy. */
  list(value: unknown, at: At, key: Key): unknown[] {
    if (!Array.isArray(value)) bad(at, key, 'expected an array');
    return this.fresh ? value : value.slice();
  }

  /** A deep, frozen JSON value (own keys even for `__proto__`): frozen in place when fresh, else copied. */
  json(v: unknown, at: At, key: Key): unknown {
    if (v === undefined || !isJsonSafe(v)) bad(at, key, 'expected a JSON value (finite numbers, at most 32 levels deep)');
    return deepFreeze(this.fresh ? v : copyValue(v));
  }
}

/** The fixed key set of a record type, for `Reading.object`. */
export const keySet = (keys: readonly string[]): ReadonlySet<string> => new Set(keys);
