import { ownMemoryTracker, type ExecutionTracker } from './execution-tracker';
import type { TrackerOptions } from './options';

/**
 * A tracker that owns a new RuntimeMemory. A memory listener that throws is reported by the tracker
 * like any other handler: `onError` and an `error` event with code HANDLER_FAILED. With
 * `strict: true`, refused calls throw, and the calls' result types leave out `undefined`.
 */
export function createTracker<S extends boolean = false>(options?: TrackerOptions & { strict?: S }): ExecutionTracker<S> {
  if (options !== undefined && options !== null && typeof options !== 'object')
    throw new TypeError('createTracker: options must be an object');
  return ownMemoryTracker<S>(undefined, options ?? {});
}
