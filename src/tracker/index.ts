export { ExecutionTracker } from './execution-tracker';
export type { Checked } from './execution-tracker';
export { createTracker } from './create-tracker';
export { INTERRUPTED_LABEL } from './span-time';
export type { RestoreOptions } from './restore';
export type { TrackerOptions, TrackerPolicy, SpanProcessor, SpanFilter, StartRestOptions } from './options';
export { spanTypeOf } from './args';
