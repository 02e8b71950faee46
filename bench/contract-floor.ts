/**
 * The floor under benchmarks 1 and 3: the frozen objects the tracker hands out for one
 * full effort span (`fullEffortSpan`), built directly, with no tracker at all: no validation, no
 * indexes, no snapshot, no notification. Whatever the tracker costs above this is its own overhead;
 * what this costs is the price of the records themselves (every record plain, frozen, with its
 * context, and a return value from every call).
 */
import { nanoid } from 'nanoid';
import { systemClock } from 'workout-spans';
import type { ExecutionSpan, MetricRecord, MetricValue, SpanMetrics, TimeSegment, TimeSpan } from 'workout-spans';

const BLOCK = 'push-ups';
const freeze = Object.freeze;
let _flatSink = 0;

// What nothing has been recorded in yet is shared, as the tracker shares it: the floor is the least
// the contract needs.
const NO_SPAN_METRICS: SpanMetrics = freeze({ custom: freeze({}) });
const NO_METRICS: Partial<SpanMetrics> = freeze({});
const NO_SEGMENTS = freeze([]) as unknown as TimeSegment[];

export interface FloorSpan {
  span: ExecutionSpan;
  records: MetricRecord[];
}

/** One span's worth of the contract's objects: the returned ones and the ones kept. */
export function contractObjectsOnly(clock = systemClock): FloorSpan {
  const id = nanoid();
  // nanoid() builds its id by concatenation; reading it as a number makes V8 flatten it
  // (measured: ~320 B as a chain of pieces, 48 B flat), as any store of ids should.
  _flatSink ^= (id as unknown as number) | 0;
  const startTime = clock.now();
  const spanIds = freeze([id]) as string[];
  const timeSpanId = `${id}.t0`;
  const records: MetricRecord[] = [];
  const segments: TimeSegment[] = [];
  // startSpan's return value: the open span with its open running interval.
  const openInterval: TimeSpan = freeze({ id: timeSpanId, type: 'work' as const, start: startTime, blockId: BLOCK, parentSpanId: id });
  let returned: unknown = freeze({
    id,
    blockId: BLOCK,
    parentSpanId: null,
    type: 'effort' as const,
    label: 'Push-ups',
    status: 'active' as const,
    startTime,
    paused: false,
    metrics: NO_SPAN_METRICS,
    segments: NO_SEGMENTS,
    timeSpans: freeze([openInterval]) as TimeSpan[],
  });
  const record = (key: string, value: number, unit: string, segmentIds: string[], roundNumber: number): MetricValue => {
    const recordedAt = clock.now();
    const elapsedMs = recordedAt - startTime;
    const context = freeze({ spanType: 'effort' as const, elapsedMs, totalElapsedMs: elapsedMs, roundNumber });
    const r: MetricRecord = freeze({
      id: `${id}.m${records.length}`,
      key,
      value,
      unit,
      recordedAt,
      blockId: BLOCK,
      spanId: id,
      spanIds,
      segmentIds,
      timeSpanId,
      phase: 'work' as const,
      context,
    });
    records.push(r);
    returned = r;
    return freeze({ value, unit, recorded: recordedAt });
  };
  const round = (index: number, fill: (segmentIds: string[]) => Partial<SpanMetrics>): void => {
    const segId = `${id}.s${index}`;
    const label = `Round ${index + 1}`;
    const segStart = clock.now();
    returned = freeze({ id: segId, parentSpanId: id, startTime: segStart, type: 'round' as const, label, metrics: NO_METRICS, index });
    const metrics = fill(freeze([segId]) as string[]);
    const seg: TimeSegment = freeze({
      id: segId,
      parentSpanId: id,
      startTime: segStart,
      type: 'round' as const,
      label,
      metrics: freeze(metrics),
      endTime: clock.now(),
      index,
    });
    segments.push(seg);
    returned = seg;
  };
  let reps: MetricValue | undefined;
  let weight: MetricValue | undefined;
  let heartRate: MetricValue | undefined;
  let calories: MetricValue | undefined;
  round(0, (ids) => {
    reps = record('reps', 10, 'reps', ids, 1);
    weight = record('weight', 20, 'kg', ids, 1);
    return { reps, weight };
  });
  round(1, (ids) => {
    reps = record('reps', 8, 'reps', ids, 2);
    heartRate = record('heartRate', 142, 'bpm', ids, 2);
    return { reps, custom: freeze({ heartRate }) };
  });
  round(2, (ids) => {
    calories = record('calories', 12.5, 'kcal', ids, 3);
    return { custom: freeze({ calories }) };
  });
  const endTime = clock.now();
  const interval: TimeSpan = freeze({
    id: timeSpanId,
    type: 'work' as const,
    start: startTime,
    stop: endTime,
    blockId: BLOCK,
    parentSpanId: id,
  });
  const span: ExecutionSpan = freeze({
    id,
    blockId: BLOCK,
    parentSpanId: null,
    type: 'effort' as const,
    label: 'Push-ups',
    status: 'completed' as const,
    startTime,
    paused: false,
    metrics: freeze({
      reps,
      weight,
      duration: freeze({ value: endTime - startTime, unit: 'ms', recorded: endTime }),
      custom: freeze({ heartRate: heartRate!, calories: calories! }),
    }),
    segments: freeze(segments) as TimeSegment[],
    timeSpans: freeze([interval]) as TimeSpan[],
    endTime,
  });
  if (returned === undefined) throw new Error('unreachable');
  return { span, records };
}

/** Keeps floor spans by id, as a store would (one Map entry each). */
export class FloorStore {
  readonly spans = new Map<string, FloorSpan>();
  add(): void {
    const s = contractObjectsOnly();
    this.spans.set(s.span.id, s);
  }
}
