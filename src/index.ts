/**
 * workout-spans: the core's only public door.
 * Subpath entries: workout-spans/react, /fit, /otel, /compat.
 */

// records and helpers (§1)
export * from './model/types';
export { spanTotals } from './model/totals';

// clocks (§2)
export { systemClock, createManualClock } from './clock/index';
export type { Clock, ManualClock } from './clock/index';

// errors (§7)
export { TrackerError, ERROR_CODES, isTrackerError, validateMetric } from './errors/index';
export type { TrackerErrorCode, MetricValidation } from './errors/index';

// memory (§6) and context (§4)
export { RuntimeMemory } from './memory/index';
export type { MemoryReference, TypedMemoryReference, MemoryChange, SearchCriteria, RuntimeMemoryOptions, Visibility } from './memory/index';
export { SpanContext } from './context/index';

// events (§5)
export type { TrackerEvents, TrackerEventName, MetricRejectedEvent, RejectionReason } from './events/index';

// tracker (§2, §3, §8)
export { ExecutionTracker, createTracker, INTERRUPTED_LABEL, spanTypeOf } from './tracker/index';
export type { TrackerOptions, TrackerPolicy, SpanProcessor, SpanFilter, StartRestOptions, RestoreOptions } from './tracker/index';

// export (§11)
export { renderTree } from './export/render-tree';

// ---- runtime integration (§9, §10): actions, RestBehavior, processors, aggregation ----
export {
  EmitMetricAction,
  StartSegmentAction,
  EndSegmentAction,
  PauseAction,
  ResumeAction,
  StartRestAction,
  EndRestAction,
  RestBehavior,
  isActionTarget,
} from './runtime/index';
export type { IScriptRuntime, IRuntimeAction, ActionTarget, RuntimeMetric } from './runtime/index';
export { createMetricAggregator, percentileOfSorted } from './processors/index';
export type {
  MetricAggregator,
  MetricAggregatorOptions,
  MetricMatch,
  MetricMeasure,
  MetricSpec,
  SeriesSummary,
  SeriesFootprint,
} from './processors/index';

// ---- persistence (§11): serialize, deserialize, autosave, storages ----
export {
  serialize,
  deserialize,
  FORMAT,
  FORMAT_VERSION,
  createAutosave,
  loadAutosave,
  clearAutosave,
  memoryStorage,
  webStorage,
} from './persistence/index';
export type { SavedDocument, Autosave, AutosaveOptions, AutosaveStorage, DomStorageLike, MemoryStorage } from './persistence/index';

// ---- analytics and export (§11): summarize, toCSV, renderTimelineSvg, describeSpan ----
export { summarize } from './analytics/index';
export type {
  WorkoutSummary,
  SummarizeOptions,
  SummaryTotals,
  WorkoutScore,
  RoundSummary,
  MinuteSummary,
  ExerciseSummary,
  SplitStats,
  RepsInMinute,
  StatusCounts,
  Anomaly,
  AnomalyKind,
} from './analytics/index';
export { toCSV, renderTimelineSvg, describeSpan } from './export/index';
export type { RenderTreeOptions, CsvKind, ToCsvOptions, TimelineSvgOptions, SpanDescription, SpanIcon } from './export/index';
