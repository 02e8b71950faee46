import type { BlockLike } from 'workout-spans';
import { isTrackerLike } from './binding';
import { EndRestAction, StartRestAction } from './rest-actions';
import { contextTracker, keyOfBlock } from './target';
import type { IRuntimeAction, IScriptRuntime } from './types';

/**
 * A block behaviour that makes the block it is on a rest period: pushing the block opens a rest on
 * the block's span (of `restDurationMs` planned, or with no planned length), popping it closes that
 * rest. Rest rolls up: while it is open, the workout above the block is resting too, so the
 * workout's `restMs` counts it. The actions it returns are bound to the block, so they act on it
 * whatever is current when they run. Under the default policy, reps, weight and distance recorded
 * on that span, or a span above or below it, while the rest is open are rejected with reason `'rest'`.
 */
export class RestBehavior {
  /** The planned length of the rest, or `undefined`: a rest that lasts as long as the block. */
  readonly restDurationMs: number | undefined;
  /** The block whose rest this behaviour opened: set by onPush, cleared by onPop. */
  #restingBlockId: string | undefined;

  constructor(restDurationMs?: number) {
    if (restDurationMs !== undefined && (typeof restDurationMs !== 'number' || !Number.isFinite(restDurationMs) || restDurationMs < 0)) {
      throw new RangeError(`RestBehavior: restDurationMs must be a finite number ≥ 0 or left out, got ${String(restDurationMs)}`);
    }
    this.restDurationMs = restDurationMs;
  }

  /** Returns `[StartRestAction(restDurationMs)]` bound to the block; no block: `[]`. */
  onPush(_runtime: IScriptRuntime, block: BlockLike): IRuntimeAction[] {
    if (block === undefined || block === null) return [];
    const blockId = keyOfBlock(block);
    this.#restingBlockId = blockId;
    return [new StartRestAction(this.restDurationMs, { blockId })];
  }

  /**
   * Returns `[EndRestAction]` bound to the block when its span still has a rest of its own open,
   * else `[]` (the rest was already closed, or the span has ended: nothing to close, nothing
   * refused). The tracker is the context's (`executionTracker`, else `tracker`); a context with
   * neither cannot be asked, and gets the `EndRestAction` when this behaviour opened the rest.
   */
  onPop(runtime: IScriptRuntime, block: BlockLike): IRuntimeAction[] {
    const opened = this.#restingBlockId;
    this.#restingBlockId = undefined;
    if (block === undefined || block === null) return [];
    const blockId = keyOfBlock(block);
    const tracker = contextTracker(runtime);
    if (!isTrackerLike(tracker)) return opened === blockId ? [new EndRestAction({ blockId })] : [];
    const span = tracker.getActiveSpan(blockId);
    const open = span?.segments.some((s) => s.type === 'rest' && s.endTime === undefined) ?? false;
    return open ? [new EndRestAction({ blockId })] : [];
  }

  /** True between `onPush` and `onPop`: the behaviour's rest period is under way. */
  isInRestPeriod(): boolean {
    return this.#restingBlockId !== undefined;
  }
}
