/**
 * workout-spans/compat: adapters for runtimes migrating off the older `ExecutionRecord` and global
 * metric collector, so they can dual-write during a migration. No peer dependency; imports the
 * core's types and its TrackerError.
 *
 * @deprecated Migration aid only: read spans (`tracker.getSpans()`, `getSnapshot()`) and record with
 * `tracker.recordMetric` / `EmitMetricAction` instead. This entry will be removed in a future major.
 */
import { MEASURED_KEYS } from '../model/metric-keys';
import {
  TrackerError,
  type BlockLike,
  type ExecutionSpan,
  type MetricRecord,
  type MetricValue,
  type SpanStatus,
  type SpanType,
} from 'workout-spans';
import type { ExecutionTracker } from 'workout-spans';
import { displayValue } from '../model/json-text';
import { spanExercise } from '../model/exercise-of';

/**
 * One value of the older model.
 * @deprecated Use `MetricRecord` (one recorded value) or `SpanMetrics` (latest value per key).
 */
export interface RuntimeMetricValue {
  type: string;
  value: number;
  unit: string;
}

/**
 * The older per-exercise metric.
 * @deprecated Use `MetricRecord`s, read with `tracker.getMetrics(spanId)`.
 */
export interface RuntimeMetric {
  exerciseId: string;
  values: RuntimeMetricValue[];
  /** Always empty here: the running intervals are `span.timeSpans`. */
  timeSpans: [];
}

/**
 * What `MetricCollector.collect` accepts: the older shape, loosely (a value may be `undefined`, and
 * `timeSpans` may hold anything; both as the older collectors allowed).
 * @deprecated Use `tracker.recordMetric`.
 */
export interface CollectedMetric {
  exerciseId: string;
  values: { type: string; value: number | undefined; unit: string }[];
  timeSpans?: unknown[];
}

/**
 * The older execution record, read from a span.
 * @deprecated Use `ExecutionSpan`.
 */
export interface ExecutionRecord {
  id: string;
  blockId: string;
  parentId: string | null;
  type: SpanType;
  label: string;
  startTime: number;
  endTime?: number;
  status: SpanStatus;
  metrics: RuntimeMetric[];
}

/**
 * The older model's value types that mean one of the tracker's known keys. Every other type is
 * recorded under its own name (a custom metric: `heart_rate`, `calories`, `power`, ...).
 */
const LEGACY_KEYS: ReadonlyMap<string, string> = new Map([
  ['repetitions', 'reps'],
  ['resistance', 'weight'],
]);

/**
 * A span as an older `ExecutionRecord`: one `RuntimeMetric` (or none, when the span holds no
 * numeric value) whose values are `reps`, `weight`, `distance`, `duration`, `elapsed` and every
 * numeric custom metric, in that order, typed by their key. `exerciseId` is the span's, else its label.
 *
 * @deprecated Read `ExecutionSpan`s directly.
 */
export function toExecutionRecord(span: ExecutionSpan): ExecutionRecord {
  const values: RuntimeMetricValue[] = [];
  const push = (type: string, v: MetricValue<unknown> | undefined): void => {
    // Any value a span may hold (a crafted one may hold null where a value belongs): only finite numbers are kept.
    if (v !== null && typeof v === 'object' && typeof v.value === 'number' && Number.isFinite(v.value)) {
      values.push(Object.freeze({ type, value: v.value, unit: typeof v.unit === 'string' ? v.unit : displayValue(v.unit) }));
    }
  };
  const measured: Partial<ExecutionSpan['metrics']> = span.metrics ?? {};
  for (const key of MEASURED_KEYS) push(key, measured[key]);
  const custom = measured.custom;
  if (custom !== null && typeof custom === 'object') for (const key of Object.keys(custom)) push(key, custom[key]);
  const metrics: RuntimeMetric[] =
    values.length === 0
      ? []
      : [
          Object.freeze({
            exerciseId: spanExercise(span),
            values: Object.freeze(values) as RuntimeMetricValue[],
            timeSpans: Object.freeze([]) as [],
          }),
        ];
  const record: ExecutionRecord = {
    id: span.id,
    blockId: span.blockId,
    parentId: span.parentSpanId,
    type: span.type,
    label: span.label,
    startTime: span.startTime,
    status: span.status,
    metrics: Object.freeze(metrics) as RuntimeMetric[],
  };
  if (span.endTime !== undefined) record.endTime = span.endTime;
  return Object.freeze(record);
}

/**
 * The older execution logger over a tracker: each call is a tracker call, each result an
 * `ExecutionRecord` (or `undefined` when the tracker refused the call, in lenient mode).
 *
 * @deprecated Use `tracker.startSpan` / `tracker.endSpan`.
 */
export class ExecutionLogger {
  readonly #tracker: Pick<ExecutionTracker, 'startSpan' | 'endSpan'>;

  /** @deprecated Use the tracker directly. */
  constructor(tracker: Pick<ExecutionTracker, 'startSpan' | 'endSpan'>) {
    this.#tracker = tracker;
  }

  /**
   * Starts a span for the block (`tracker.startSpan(block, parentId)`); `parentId` is a span id, as
   * `ExecutionRecord.id` is. Omitted: under the current span.
   * @deprecated Use `tracker.startSpan`.
   */
  startExecution(block: BlockLike, parentId?: string | null): ExecutionRecord | undefined {
    const span = parentId === undefined ? this.#tracker.startSpan(block) : this.#tracker.startSpan(block, parentId);
    return span === undefined ? undefined : toExecutionRecord(span);
  }

  /**
   * Ends the block's active span as completed (`tracker.endSpan(blockId)`), and its active
   * descendants first.
   * @deprecated Use `tracker.endSpan`.
   */
  completeExecution(blockId: string): ExecutionRecord | undefined {
    const span = this.#tracker.endSpan(blockId);
    return span === undefined ? undefined : toExecutionRecord(span);
  }
}

/** What a `MetricCollector` needs from a tracker. */
type CollectorTracker = Pick<ExecutionTracker, 'recordMetric'> & { readonly context: { getCurrentSpan(): ExecutionSpan | undefined } };

/**
 * @deprecated Options of a migration aid.
 */
export interface MetricCollectorOptions {
  /**
   * Record each collected value on the tracker (default `true`). Set `false` when the collector is
   * a runtime's `metrics` and `EmitMetricAction` already records the same values:
   * then it only lists them, and nothing is recorded twice.
   */
  record?: boolean;
}

/**
 * The older global metric collector over a tracker: `collect(metric)` records each value on the
 * current span (the top of `tracker.context`) and keeps the metric, `getMetrics()` lists what it
 * kept. Value types `repetitions` and `resistance` are recorded as `reps` and `weight`; any other
 * type under its own name. A value that is `undefined` is kept but not recorded, and so is every
 * value collected while no span is current. The tracker validates and applies its rest/pause
 * policy as usual (a rejected value is a `metric:rejected` event, not an exception).
 *
 * Satisfies `IScriptRuntime.metrics` (the runtime interface of `workout-spans/runtime`).
 *
 * @deprecated Use `tracker.recordMetric` or `EmitMetricAction`.
 */
export class MetricCollector {
  readonly #tracker: CollectorTracker;
  readonly #record: boolean;
  readonly #collected: CollectedMetric[] = [];

  /** @deprecated Use the tracker directly. */
  constructor(tracker: CollectorTracker, options: MetricCollectorOptions = {}) {
    this.#tracker = tracker;
    this.#record = options.record !== false;
  }

  /**
   * Keeps the metric and records its values on the current span; returns the records made.
   *
   * The metric is read once, into a frozen copy, before anything is kept or recorded: a metric
   * that is not of the older shape (not an object, `values` not an array of objects, a getter
   * that throws, a value whose `type` is not a string) is refused with a `TrackerError`
   * `INVALID_METRIC`, and nothing is kept.
   * @deprecated Use `tracker.recordMetric`.
   */
  collect(metric: CollectedMetric): MetricRecord[] {
    const copy = readMetric(metric);
    this.#collected.push(copy);
    const span = this.#record ? this.#tracker.context.getCurrentSpan() : undefined;
    if (span === undefined) return [];
    const made: MetricRecord[] = [];
    for (const { type, value, unit } of copy.values) {
      if (value === undefined) continue;
      const record = this.#tracker.recordMetric(span.blockId, LEGACY_KEYS.get(type) ?? type, value, unit);
      if (record !== undefined) made.push(record);
    }
    return made;
  }

  /**
   * Every metric collected, in order, as it was given (copied and frozen).
   * @deprecated Use `tracker.getMetrics(spanId)` or `getSnapshot().metrics`.
   */
  getMetrics(): CollectedMetric[] {
    return this.#collected.slice();
  }
}

/** A metric the collector cannot read: nothing of it is kept. */
function refused(reason: string): TrackerError {
  return new TrackerError('INVALID_METRIC', `MetricCollector.collect: ${reason}`, { reason });
}

/** The metric read once (each field one read), copied and frozen; a shape it cannot read is INVALID_METRIC. */
function readMetric(metric: CollectedMetric): CollectedMetric {
  try {
    if (metric === null || typeof metric !== 'object') throw refused('expected an object { exerciseId, values, timeSpans? }');
    const exerciseId = metric.exerciseId;
    const values: unknown = metric.values;
    if (!Array.isArray(values)) throw refused('values must be an array');
    const read: CollectedMetric['values'] = [];
    for (let i = 0; i < values.length; i++) {
      const v: unknown = values[i];
      if (v === null || typeof v !== 'object') throw refused(`values[${i}] must be an object { type, value, unit }`);
      const { type, value, unit } = v as CollectedMetric['values'][number];
      if (typeof type !== 'string') throw refused(`values[${i}].type must be a string`);
      read.push(Object.freeze({ type, value, unit }));
    }
    const timeSpans: unknown = metric.timeSpans;
    if (timeSpans !== undefined && !Array.isArray(timeSpans)) throw refused('timeSpans must be an array when given');
    return Object.freeze({
      exerciseId,
      values: Object.freeze(read) as CollectedMetric['values'],
      timeSpans: Object.freeze(timeSpans === undefined ? [] : Array.from(timeSpans as unknown[])) as unknown[],
    });
  } catch (e) {
    if (e instanceof TrackerError) throw e;
    throw refused(`the metric could not be read (${describeThrown(e)})`);
  }
}

/** What a getter or a Proxy threw, as text, without throwing again. */
function describeThrown(e: unknown): string {
  try {
    return e instanceof Error ? displayValue(e.message, 80) : displayValue(e, 80);
  } catch {
    return 'unreadable';
  }
}
