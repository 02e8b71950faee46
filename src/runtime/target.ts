import { readBlockKey } from '../model/block-key';
import type { BlockLike, ExecutionTracker } from 'workout-spans';
import { isTrackerLike } from './binding';
import type { IScriptRuntime } from './types';

/** A block's key as a string (`String(key)` / `toString()`), or `''` when it has none that reads. */
export function keyOfBlock(block: BlockLike): string {
  return readBlockKey(block?.key) ?? '';
}

/**
 * What an action acts on: the bound block key or span id, else the key of the context's current
 * block, else `undefined` (no block: the action does nothing). A current block whose key does not
 * read as a non-empty string is passed on as it is, so that the tracker reports it like any unknown
 * block.
 */
export function targetOf(runtime: IScriptRuntime | undefined, bound: string | undefined): string | undefined {
  if (bound !== undefined) return bound;
  const current = runtime?.stack?.current;
  if (current === undefined || current === null) return undefined;
  return readBlockKey(current.key) ?? (current.key as string);
}

/** The context's tracker: its `executionTracker`, else its `tracker` (unchecked). */
export function contextTracker(runtime: IScriptRuntime | undefined): ExecutionTracker | undefined {
  return runtime?.executionTracker ?? runtime?.tracker;
}

/**
 * The tracker an action acts on: the bound one, else the context's (`contextTracker`). A runtime
 * that hands its actions a context without one is wired wrong whatever the block: a TypeError that
 * says how to bind one, not a silent no-op.
 */
export function trackerOf(runtime: IScriptRuntime | undefined, bound: ExecutionTracker | undefined, action: string): ExecutionTracker {
  if (bound !== undefined) return bound;
  const fromContext = contextTracker(runtime);
  if (fromContext == null) {
    throw new TypeError(
      `${action}: no tracker to act on. Give the context passed to do() an executionTracker (or tracker), ` +
        `or bind one when making the action: new ${action}(…, { tracker }).`,
    );
  }
  if (!isTrackerLike(fromContext)) {
    const name = runtime?.executionTracker != null ? 'executionTracker' : 'tracker';
    throw new TypeError(
      `${action}: the context's ${name} is not a workout-spans tracker (it has no recordMetric/getActiveSpan). ` +
        `Bind one when making the action: new ${action}(…, { tracker }).`,
    );
  }
  return fromContext;
}
