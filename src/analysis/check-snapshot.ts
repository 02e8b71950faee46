import { PHASES, SEGMENT_TYPES, SPAN_STATUSES, SPAN_TYPES, TrackerError, type TrackerSnapshot } from 'workout-spans';

type Fields = Record<string, unknown>;
/** What a field must hold: a string, a finite number (`?`: or nothing), or one of a list of names. */
type Want = 'string' | 'string?' | 'number' | 'number?' | readonly string[];

const SPAN: Record<string, Want> = {
  id: 'string',
  type: SPAN_TYPES,
  status: SPAN_STATUSES,
  label: 'string',
  startTime: 'number',
  endTime: 'number?',
};
const METRICS: Record<string, Want> = { exerciseId: 'string?', targetReps: 'number?' };
const SEGMENT: Record<string, Want> = {
  id: 'string',
  type: SEGMENT_TYPES,
  label: 'string',
  index: 'number?',
  startTime: 'number',
  endTime: 'number?',
};
const TIME_SPAN: Record<string, Want> = { type: PHASES, start: 'number', stop: 'number?' };
const RECORD: Record<string, Want> = { key: 'string', spanId: 'string', exerciseId: 'string?', recordedAt: 'number' };

function corrupt(path: string, reason: string): never {
  throw new TrackerError('CORRUPT_DATA', `summarize: not a snapshot at ${path}: ${reason}`, { path, reason });
}

function list(value: unknown, path: string): unknown[] {
  return Array.isArray(value) ? value : corrupt(path, 'expected an array');
}

/** `value` as an object whose fields hold what `spec` wants. */
function object(value: unknown, path: string, spec: Record<string, Want> = {}): Fields {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) corrupt(path, 'expected an object');
  const o = value as Fields;
  for (const [key, want] of Object.entries(spec)) {
    const v = o[key];
    const ok =
      typeof want !== 'string'
        ? want.includes(v as string)
        : (want.endsWith('?') && v === undefined) || (want.startsWith('s') ? typeof v === 'string' : Number.isFinite(v));
    if (!ok)
      corrupt(`${path}.${key}`, typeof want === 'string' ? `expected a ${want.replace('?', '')}` : `expected one of ${want.join(', ')}`);
  }
  return o;
}

/**
 * Checks the fields a summary reads, so that a value that is not a snapshot (or a hand-made one with
 * a wrong field) is a `CORRUPT_DATA` TrackerError naming the first bad field (`details.path`, as
 * `deserialize` does), never a TypeError from deep inside or a summary of nonsense. Other fields
 * (custom metric values, sources) are not read, so whatever they hold cannot matter. A missing
 * `samples` view (a snapshot from before samples existed) reads as no samples.
 */
export function checkSnapshot(snapshot: unknown): asserts snapshot is TrackerSnapshot {
  const s = object(snapshot, '$', { savedAt: 'number?' });
  const ids = new Set<unknown>();
  list(s.spans, '$.spans').forEach((value, i) => {
    const path = `$.spans[${i}]`;
    const span = object(value, path, SPAN);
    if (ids.has(span.id)) corrupt(`${path}.id`, 'two spans have this id');
    ids.add(span.id);
    if (span.parentSpanId !== null) object(span, path, { parentSpanId: 'string' });
    object(span.metrics, `${path}.metrics`, METRICS);
    list(span.segments, `${path}.segments`).forEach((seg, j) => object(seg, `${path}.segments[${j}]`, SEGMENT));
    list(span.timeSpans, `${path}.timeSpans`).forEach((ts, j) => object(ts, `${path}.timeSpans[${j}]`, TIME_SPAN));
  });
  list(s.metrics, '$.metrics').forEach((value, i) => {
    const path = `$.metrics[${i}]`;
    const ids = list(object(value, path, RECORD).segmentIds, `${path}.segmentIds`);
    ids.forEach((id, j) => typeof id === 'string' || corrupt(`${path}.segmentIds[${j}]`, 'expected a string'));
  });
  if (s.samples === undefined) return;
  const view = object(s.samples, '$.samples');
  if (!['roots', 'keys', 'get'].every((m) => typeof view[m] === 'function'))
    corrupt('$.samples', 'expected a samples view (roots, keys, get)');
}
