/**
 * workout-spans: the tracker and what it needs. Each other capability is an entry of its own:
 * `workout-spans/persistence` (save, restore, autosave), `/analysis` (summaries), `/export` (CSV,
 * text tree, SVG timeline), `/runtime` (actions for a block runtime), `/aggregation` (series and
 * percentiles), `/react`, `/otel`, `/fit`, `/compat`.
 */

// records
export type {
  SpanType,
  SpanStatus,
  SegmentType,
  Phase,
  MetricValue,
  SpanMetrics,
  TimeSegment,
  TimeSpan,
  TimerInfo,
  ExecutionSpan,
  ParentTimerContext,
  MetricContext,
  MetricRecord,
  BlockLike,
  BlockKey,
  SpanTotals,
  TrackerSnapshot,
  InterruptionCause,
  SpanPatch,
  RecordOptions,
  SampleSeries,
  SampleRange,
  SamplesView,
  SnapshotStore,
  TrackerLike,
} from './model/types';
export { SPAN_TYPES, SPAN_STATUSES, SEGMENT_TYPES, PHASES } from './model/types';
export { validateMetric } from './model/validate-metric';
export type { MetricValidation } from './model/validate-metric';

// clocks
export { systemClock, createSystemClock, createManualClock } from './clock/index';
export type { Clock, ClockJump, ManualClock, SystemClock, SystemClockOptions } from './clock/index';

// errors
export { TrackerError, ERROR_CODES, isTrackerError } from './errors/index';
export type { TrackerErrorCode } from './errors/index';

// memory and context
export { RuntimeMemory } from './memory/index';
export type { MemoryReference, TypedMemoryReference, MemoryChange, SearchCriteria, RuntimeMemoryOptions, Visibility } from './memory/index';
export { SpanContext } from './context/index';

// events
export type {
  TrackerEvents,
  TrackerEventName,
  MetricRejectedEvent,
  RejectionReason,
  SampleRecordedEvent,
  ClockGapEvent,
} from './events/index';

// the tracker
export { ExecutionTracker, createTracker, INTERRUPTED_LABEL, spanTypeOf } from './tracker/index';
export type { TrackerOptions, TrackerPolicy, SpanProcessor, SpanFilter, StartRestOptions, RestoreOptions } from './tracker/index';
