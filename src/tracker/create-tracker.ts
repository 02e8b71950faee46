import { ownMemoryTracker, type ExecutionTracker } from './execution-tracker';
import type { TrackerOptions } from './options';

/**
 * A tracker that owns a new RuntimeMemory (API.md §2). A memory listener that throws is reported by
 * the tracker like any other handler: `onError` and an `error` event with code HANDLER_FAILED.
 */
export function createTracker(options: TrackerOptions = {}): ExecutionTracker {
  return ownMemoryTracker(undefined, options);
}
