import {
  createManualClock,
  createTracker,
  type ExecutionSpan,
  type ExecutionTracker,
  type ManualClock,
  type MetricRecord,
  type SamplesView,
  type SpanType,
  type TrackerSnapshot,
} from 'workout-spans';

export const T0 = 1_700_000_000_000;

export interface Crafted {
  tracker: ExecutionTracker;
  clock: ManualClock;
  rootId: string;
}

/**
 * A workout of rounds that take the given times, on a manual clock: root `blockType` (default
 * 'rounds'), each round a `round` segment on the root holding one effort span with `reps` reps.
 */
export function craftRounds(roundMs: readonly number[], options: { blockType?: string; reps?: number; end?: boolean } = {}): Crafted {
  const clock = createManualClock(T0);
  const tracker = createTracker({ clock, strict: true });
  const root = tracker.startSpan({ key: 'root', label: 'Crafted', blockType: options.blockType ?? 'rounds' })!;
  roundMs.forEach((ms, i) => {
    tracker.startSegment('root', 'round', `Round ${i + 1}`, i);
    tracker.startSpan({ key: `effort-${i}`, label: 'Burpees', blockType: 'effort' });
    clock.advance(ms);
    tracker.recordMetric(`effort-${i}`, 'reps', options.reps ?? 10, 'reps');
    tracker.endSpan(`effort-${i}`);
  });
  if (options.end ?? true) {
    if (roundMs.length > 0) tracker.endSegment('root');
    tracker.endSpan('root');
  }
  return { tracker, clock, rootId: root.id };
}

/**
 * A session wrapper as a block runtime makes one: a `group` span 'Session' holding one workout span
 * of `workoutType` (key 'workout'); `build` runs the workout, then both spans end (`status` for the
 * workout, 'completed' for the session).
 */
export function craftSession(
  workoutType: string,
  build: (tracker: ExecutionTracker, clock: ManualClock) => void,
  status: 'completed' | 'failed' | 'skipped' = 'completed',
): Crafted & { workoutId: string } {
  const clock = createManualClock(T0);
  const tracker = createTracker({ clock, strict: true });
  const root = tracker.startSpan({ key: 'session', label: 'Session', blockType: 'group' })!;
  const workout = tracker.startSpan({ key: 'workout', label: 'Workout', blockType: workoutType })!;
  build(tracker, clock);
  if (tracker.getActiveSpan('workout') !== undefined) tracker.endSpan('workout', status);
  tracker.endSpan('session');
  return { tracker, clock, rootId: root.id, workoutId: workout.id };
}

/** Opens round `n` (1-based) on 'workout' and does one effort of `reps` reps lasting `ms`. */
export function doRound(tracker: ExecutionTracker, clock: ManualClock, n: number, ms: number, reps: number): void {
  tracker.startSegment('workout', 'round', `Round ${n}`, n - 1);
  tracker.startSpan({ key: `effort-${n}`, label: 'Burpees', blockType: 'effort' });
  clock.advance(ms);
  tracker.recordMetric(`effort-${n}`, 'reps', reps, 'reps');
  tracker.endSpan(`effort-${n}`);
}

/** The snapshot with `exerciseId` set on the records `name` returns one for (a composed block's parts). */
export function nameExercises(snapshot: TrackerSnapshot, name: (record: MetricRecord) => string | undefined): TrackerSnapshot {
  return {
    ...snapshot,
    metrics: snapshot.metrics.map((r) => {
      const exerciseId = name(r);
      return exerciseId === undefined ? r : { ...r, exerciseId };
    }),
  };
}

/** A test-only samples view over plain arrays: `data[rootSpanId][key] = { unit, t, v }`, times ascending. */
export function testSamples(data: Record<string, Record<string, { unit: string; t: number[]; v: number[] }>>): SamplesView {
  return {
    roots: () => Object.keys(data),
    keys: (root) => Object.keys(data[root] ?? {}),
    get: (root, key, range = {}) => {
      const series = data[root]?.[key];
      if (series === undefined) return undefined;
      const from = range.from ?? -Infinity;
      const to = range.to ?? Infinity;
      const keep = series.t.map((t, i) => [t, i] as const).filter(([t]) => t >= from && t <= to);
      return { unit: series.unit, t: keep.map(([t]) => t), v: keep.map(([, i]) => series.v[i]!) };
    },
  };
}

/** A bare span for crafted snapshots: ended at `end` (completed) unless `end` is undefined. */
export function bareSpan(id: string, parentSpanId: string | null, type: SpanType, start: number, end?: number): ExecutionSpan {
  const span: ExecutionSpan = {
    id,
    blockId: id,
    parentSpanId,
    type,
    label: id,
    status: end === undefined ? 'active' : 'completed',
    startTime: start,
    paused: false,
    metrics: { custom: {} },
    segments: [],
    timeSpans: [{ id: `${id}-t0`, type: 'work', start, ...(end === undefined ? {} : { stop: end }), blockId: id, parentSpanId: id }],
  };
  if (end !== undefined) span.endTime = end;
  return span;
}

/** A snapshot of these spans and records, with no samples unless given. */
export function bareSnapshot(spans: ExecutionSpan[], metrics: MetricRecord[] = [], samples?: SamplesView): TrackerSnapshot {
  return {
    version: 1,
    spans,
    metrics,
    active: spans.filter((s) => s.status === 'active'),
    completed: spans.filter((s) => s.status !== 'active'),
    samples: samples ?? testSamples({}),
  };
}

/** A bare `reps` record on `span` at `at`. */
export function bareReps(id: string, span: ExecutionSpan, at: number, reps: number, segmentIds: string[] = []): MetricRecord {
  return {
    id,
    key: 'reps',
    value: reps,
    unit: 'reps',
    recordedAt: at,
    blockId: span.blockId,
    spanId: span.id,
    spanIds: [span.id],
    segmentIds,
    timeSpanId: null,
    phase: 'work',
    context: { spanType: span.type, elapsedMs: 0, totalElapsedMs: 0 },
  };
}

/** Throws unless `value` is plain JSON data: finite numbers, strings, booleans, null, arrays and plain objects. */
export function expectJsonSafe(value: unknown, path = '$'): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${path} is ${value}`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => expectJsonSafe(v, `${path}[${i}]`));
    return;
  }
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) throw new Error(`${path} is not plain data`);
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) throw new Error(`${path}.${k} is undefined`);
    expectJsonSafe(v, `${path}.${k}`);
  }
}
