export { ExecutionTracker } from './execution-tracker';
export { createTracker } from './create-tracker';
export { INTERRUPTED_LABEL } from './restore';
export type { RestoreOptions } from './restore';
export type { TrackerOptions, TrackerPolicy, SpanProcessor, SpanFilter, StartRestOptions } from './options';
export { spanTypeOf } from './block';
