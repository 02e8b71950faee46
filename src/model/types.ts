import type { TrackerError } from '../errors/tracker-error';
import type { DescriptorKey } from './metric-keys';

/**
 * The records the package hands out. Each is a plain, JSON-safe, frozen object (no Map, no Date, no
 * class instance), so it can be stored, sent and compared as it is. All times are epoch milliseconds
 * read from the tracker's clock.
 */

export type SpanType = 'timer' | 'rounds' | 'effort' | 'group' | 'interval' | 'emom' | 'amrap';
export type SpanStatus = 'active' | 'completed' | 'failed' | 'skipped';
export type SegmentType = 'work' | 'rest' | 'round' | 'minute' | 'pause' | 'transition';
export type Phase = 'work' | 'rest' | 'transition';

export const SPAN_TYPES: readonly SpanType[] = ['timer', 'rounds', 'effort', 'group', 'interval', 'emom', 'amrap'];
export const SPAN_STATUSES: readonly SpanStatus[] = ['active', 'completed', 'failed', 'skipped'];
export const SEGMENT_TYPES: readonly SegmentType[] = ['work', 'rest', 'round', 'minute', 'pause', 'transition'];
export const PHASES: readonly Phase[] = ['work', 'rest', 'transition'];

export interface MetricValue<T = number> {
  value: T;
  unit: string;
  recorded: number;
  source?: string;
}

/** Latest value per key, for display. */
export interface SpanMetrics {
  exerciseId?: string;
  exerciseImage?: string;
  reps?: MetricValue<number>;
  targetReps?: number;
  weight?: MetricValue<number>;
  distance?: MetricValue<number>;
  /** Milliseconds; set by `endSpan` when nobody set it. */
  duration?: MetricValue<number>;
  elapsed?: MetricValue<number>;
  currentRound?: number;
  totalRounds?: number;
  repScheme?: number[];
  /** Heart rate, power, calories, ... */
  custom: Record<string, MetricValue<unknown>>;
}

/** What interrupted a workout: a reload (restore), a device that slept, a clock that was stepped. */
export type InterruptionCause = 'reload' | 'suspend' | 'clock-step';

/** A labelled window inside a span. */
export interface TimeSegment {
  id: string;
  parentSpanId: string;
  startTime: number;
  endTime?: number;
  type: SegmentType;
  label: string;
  index?: number;
  /** Planned length, e.g. a rest of 60 000 ms. */
  plannedMs?: number;
  /** Only what was recorded while the segment was open. */
  metrics: Partial<SpanMetrics>;
  /**
   * True when the segment was still open as its span ended (closed by `endSpan`), not closed by
   * `endSegment`, by the next segment of its type or by a resume. Absent otherwise.
   */
  closedByEnd?: boolean;
  /** On an `'Interrupted'` pause segment: what interrupted the workout. */
  cause?: InterruptionCause;
}

/** One contiguous running interval of a span. */
export interface TimeSpan {
  id: string;
  type: Phase;
  start: number;
  stop?: number;
  blockId: string;
  /** The owning ExecutionSpan's id. */
  parentSpanId?: string;
}

export interface TimerInfo {
  direction: 'up' | 'down';
  durationMs?: number;
}

export interface ExecutionSpan {
  /** Unique (nanoid), never derived from the clock. */
  id: string;
  blockId: string;
  parentSpanId: string | null;
  type: SpanType;
  label: string;
  status: SpanStatus;
  startTime: number;
  endTime?: number;
  /** True while a pause segment is open. */
  paused: boolean;
  /** From the block, when it has one. */
  timer?: TimerInfo;
  /** Message of the error that failed it (`trace()`). */
  error?: string;
  /** Why it ended, as `endSpan` was told (`'timer-expired'`, `'forced'`, `'aborted'`…). */
  endReason?: string;
  metrics: SpanMetrics;
  /** In start order. */
  segments: TimeSegment[];
  /** A pause closes one; resume and rest/work switches open the next. */
  timeSpans: TimeSpan[];
}

export interface ParentTimerContext {
  blockId: string;
  elapsedMs: number;
  remainingMs?: number;
  direction: 'up' | 'down';
}

export interface MetricContext {
  spanType: SpanType;
  /** In `spanId`, pauses excluded. */
  elapsedMs: number;
  /** In the root span, pauses excluded. */
  totalElapsedMs: number;
  /** Nearest open 'round' segment (1-based) or the currentRound metric. */
  roundNumber?: number;
  /** Nearest open 'minute' segment's index (0-based). */
  minuteIndex?: number;
  /** Nearest ancestor (not the span itself) of type timer, amrap, emom or interval. */
  parentTimer?: ParentTimerContext;
}

/** One recorded value, never rewritten. */
export interface MetricRecord {
  id: string;
  key: string;
  value: unknown;
  unit: string;
  source?: string;
  recordedAt: number;
  blockId: string;
  /** The span it was recorded on. */
  spanId: string;
  /** That span's ancestry, root first, ending with spanId. */
  spanIds: string[];
  /** Segments of those spans open at recordedAt. */
  segmentIds: string[];
  /** The exercise the record names, when the call named one (a composed block's parts). */
  exerciseId?: string;
  /** The running interval of spanId at recordedAt; null while paused. */
  timeSpanId: string | null;
  phase: Phase;
  context: MetricContext;
}

/** A block's key: a string, a number, or an object whose `toString()` gives a non-empty string. */
export type BlockKey = string | number | (object & { toString(): string });

/** A block of a workout runtime: anything with a key and a label. */
export interface BlockLike {
  key: BlockKey;
  label: string;
  blockType?: string;
  timer?: TimerInfo;
  /** Descriptions of the block's work, shown in `span.metrics` (not records). */
  exerciseId?: string;
  exerciseImage?: string;
  targetReps?: number;
  totalRounds?: number;
  repScheme?: number[];
}

/** What `updateSpan` may change on an active span: its label, and the timer and descriptions a block carries. */
export interface SpanPatch extends Pick<BlockLike, 'timer' | DescriptorKey> {
  label?: string;
}

/** `recordMetric`'s last argument: a source string, or these options. */
export interface RecordOptions {
  source?: string;
  /** The exercise this value belongs to, when the span holds several (5 pull-ups + 10 push-ups). */
  exerciseId?: string;
}

/** Samples of one key: times (epoch ms) and values, in time order. Read-only: do not write to them. */
export interface SampleSeries {
  unit: string;
  t: ArrayLike<number> & Iterable<number>;
  v: ArrayLike<number> & Iterable<number>;
}

/** A time window, inclusive at both ends; a missing end is open. */
export interface SampleRange {
  from?: number;
  to?: number;
}

/**
 * The sensor samples of a snapshot (heart rate, power, cadence), per workout root and key, fixed at
 * the samples present when the snapshot was taken.
 */
export interface SamplesView {
  /** Root span ids that hold samples, in the order their first sample came. */
  roots(): string[];
  /** Keys with samples under that root, in the order their first sample came. */
  keys(rootSpanId: string): string[];
  /** The samples of a key under that root, within `range`; undefined when it has none. */
  get(rootSpanId: string, key: string, range?: SampleRange): SampleSeries | undefined;
}

export interface SpanTotals {
  /** Wall-clock time, pauses included. */
  totalMs: number;
  /** Time not paused: work + rest (+ transition). */
  elapsedMs: number;
  workMs: number;
  restMs: number;
  pausedMs: number;
}

export interface TrackerSnapshot {
  version: number;
  savedAt?: number;
  spans: ExecutionSpan[];
  metrics: MetricRecord[];
  active: ExecutionSpan[];
  /** Every span that is no longer active (completed, failed or skipped). */
  completed: ExecutionSpan[];
  /** Sensor samples, per root and key (`recordSample`). */
  samples: SamplesView;
}

/**
 * A store a reader follows (a React hook, autosave): `getSnapshot()` returns the same frozen object
 * until the next change, and `subscribe` is told of each change (or batch). `ExecutionTracker` is one.
 */
export interface SnapshotStore {
  getSnapshot(): TrackerSnapshot;
  subscribe(listener: () => void): () => void;
}

/**
 * What a plug-in of a live tracker relies on (autosave, the page-lifecycle helper): its snapshots,
 * its clock, and a way to report a failure as the tracker's own `error`. `ExecutionTracker` is one.
 */
export interface TrackerLike extends SnapshotStore {
  /** The tracker's clock, as it would record now: never earlier than a time it already recorded. */
  now(): number;
  /** Reports a failure to the tracker's `onError` and as its `error` event. */
  reportError(error: TrackerError): void;
}
