import type { BlockLike } from 'workout-spans';
import { EndRestAction, StartRestAction } from './rest-actions';
import { keyOfBlock } from './target';
import type { IRuntimeAction, IScriptRuntime } from './types';

/**
 * A block behaviour that makes the block it is on a rest period (API.md §10): pushing the block
 * opens a rest of `restDurationMs` (planned) on the block's span, popping it closes that rest.
 * The actions it returns are bound to the block, so they act on it whatever is current when they run.
 * A metric recorded on that span, or on a span below it, while the rest is open is rejected with
 * reason `'rest'` under the default policy.
 */
export class RestBehavior {
  readonly restDurationMs: number;
  /** The block whose rest this behaviour opened: set by onPush, cleared by onPop. */
  #restingBlockId: string | undefined;

  constructor(restDurationMs: number) {
    if (typeof restDurationMs !== 'number' || !Number.isFinite(restDurationMs) || restDurationMs < 0) {
      throw new RangeError(`RestBehavior: restDurationMs must be a finite number ≥ 0, got ${String(restDurationMs)}`);
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
   * Returns `[EndRestAction]` bound to the block when its span still has a rest open, else `[]`
   * (the rest was already closed, or the span has ended: nothing to close, nothing refused).
   */
  onPop(runtime: IScriptRuntime, block: BlockLike): IRuntimeAction[] {
    this.#restingBlockId = undefined;
    if (block === undefined || block === null) return [];
    const blockId = keyOfBlock(block);
    const span = runtime.executionTracker.getActiveSpan(blockId);
    const open = span?.segments.some((s) => s.type === 'rest' && s.endTime === undefined) ?? false;
    return open ? [new EndRestAction({ blockId })] : [];
  }

  /** True between `onPush` and `onPop`: the behaviour's rest period is under way. */
  isInRestPeriod(): boolean {
    return this.#restingBlockId !== undefined;
  }
}
