import { PHASES, SEGMENT_TYPES, SPAN_STATUSES, SPAN_TYPES, TrackerError, type TrackerSnapshot } from 'workout-spans';

type Fields = Record<string, unknown>;
/** A field's name, the test of what it must hold, and what that is in words. */
type Spec = readonly (readonly [key: string, test: (v: unknown) => boolean, expected: string])[];

const STRING = (v: unknown): boolean => typeof v === 'string';
const NUMBER = (v: unknown): boolean => Number.isFinite(v);
const optional = (test: (v: unknown) => boolean) => (v: unknown) => v === undefined || test(v);
const oneOf = (names: readonly string[]) => (v: unknown) => names.includes(v as string);

const SPAN: Spec = [
  ['id', STRING, 'a string'],
  ['type', oneOf(SPAN_TYPES), `one of ${SPAN_TYPES.join(', ')}`],
  ['status', oneOf(SPAN_STATUSES), `one of ${SPAN_STATUSES.join(', ')}`],
  ['label', STRING, 'a string'],
  ['startTime', NUMBER, 'a finite number'],
  ['endTime', optional(NUMBER), 'a finite number'],
];
const METRICS: Spec = [
  ['exerciseId', optional(STRING), 'a string'],
  ['targetReps', optional(NUMBER), 'a finite number'],
];
const SEGMENT: Spec = [
  ['id', STRING, 'a string'],
  ['type', oneOf(SEGMENT_TYPES), `one of ${SEGMENT_TYPES.join(', ')}`],
  ['label', STRING, 'a string'],
  ['index', optional(NUMBER), 'a finite number'],
  ['startTime', NUMBER, 'a finite number'],
  ['endTime', optional(NUMBER), 'a finite number'],
];
const TIME_SPAN: Spec = [
  ['type', oneOf(PHASES), `one of ${PHASES.join(', ')}`],
  ['start', NUMBER, 'a finite number'],
  ['stop', optional(NUMBER), 'a finite number'],
];
const RECORD: Spec = [
  ['key', STRING, 'a string'],
  ['spanId', STRING, 'a string'],
  ['exerciseId', optional(STRING), 'a string'],
  ['recordedAt', NUMBER, 'a finite number'],
];
const PARENT: Spec = [['parentSpanId', (v) => v === null || typeof v === 'string', 'a string or null']];
const SNAPSHOT: Spec = [['savedAt', optional(NUMBER), 'a finite number']];

/**
 * Walks a value keeping the path to where it is (`$.spans[3].segments[0]`) as a stack of keys, so
 * that checking a long session allocates nothing per field; the path is written out only to report
 * a fault.
 */
class Walk {
  readonly #path: (string | number)[] = [];

  fail(reason: string, key?: string | number): never {
    if (key !== undefined) this.#path.push(key);
    const path = this.#path.reduce<string>((p, k) => (typeof k === 'number' ? `${p}[${k}]` : `${p}.${k}`), '$');
    throw new TrackerError('CORRUPT_DATA', `summarize: not a snapshot at ${path}: ${reason}`, { path, reason });
  }

  /** `value` as an object whose fields hold what `spec` wants. */
  object(value: unknown, spec: Spec = []): Fields {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) this.fail('expected an object');
    const o = value as Fields;
    for (let i = 0; i < spec.length; i++) {
      const field = spec[i]!;
      if (!field[1](o[field[0]])) this.fail(`expected ${field[2]}`, field[0]);
    }
    return o;
  }

  /** Runs `each` on every item of the array at `o[key]`, with the path pointing at the item. */
  items(o: Fields, key: string, each: (item: unknown) => unknown): void {
    const list = o[key];
    if (!Array.isArray(list)) this.fail('expected an array', key);
    const path = this.#path;
    path.push(key, 0);
    const at = path.length - 1;
    for (let i = 0; i < list.length; i++) {
      path[at] = i;
      each(list[i]);
    }
    path.pop();
    path.pop();
  }

  /** Runs `each` on the object at `o[key]`, with the path pointing at it. */
  field(o: Fields, key: string, each: (value: unknown) => unknown): void {
    this.#path.push(key);
    each(o[key]);
    this.#path.pop();
  }
}

/**
 * Checks the fields a summary reads, so that a value that is not a snapshot (or a hand-made one with
 * a wrong field) is a `CORRUPT_DATA` TrackerError naming the first bad field (`details.path`, as
 * `deserialize` does), never a TypeError from deep inside or a summary of nonsense. Other fields
 * (custom metric values, sources) are not read, so whatever they hold cannot matter. A missing
 * `samples` view (a snapshot from before samples existed) reads as no samples.
 */
export function checkSnapshot(snapshot: unknown): asserts snapshot is TrackerSnapshot {
  const walk = new Walk();
  const s = walk.object(snapshot, SNAPSHOT);
  const ids = new Set<unknown>();
  // Made once, not per item: a long session has tens of thousands of items.
  const metrics = (m: unknown): unknown => walk.object(m, METRICS);
  const segment = (seg: unknown): unknown => walk.object(seg, SEGMENT);
  const timeSpan = (ts: unknown): unknown => walk.object(ts, TIME_SPAN);
  const segmentId = (id: unknown): unknown => typeof id === 'string' || walk.fail('expected a string');
  walk.items(s, 'spans', (value) => {
    const span = walk.object(walk.object(value, SPAN), PARENT);
    if (ids.has(span.id)) walk.fail('two spans have this id', 'id');
    ids.add(span.id);
    walk.field(span, 'metrics', metrics);
    walk.items(span, 'segments', segment);
    walk.items(span, 'timeSpans', timeSpan);
  });
  walk.items(s, 'metrics', (value) => walk.items(walk.object(value, RECORD), 'segmentIds', segmentId));
  if (s.samples === undefined) return;
  walk.field(s, 'samples', (v) => {
    const view = walk.object(v);
    if (!['roots', 'keys', 'get'].every((m) => typeof view[m] === 'function')) walk.fail('expected a samples view (roots, keys, get)');
  });
}
