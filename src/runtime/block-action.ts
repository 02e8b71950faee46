import type { ExecutionTracker } from 'workout-spans';
import { targetOf, trackerOf } from './target';
import type { ActionBinding, IRuntimeAction, IScriptRuntime } from './types';

/**
 * What every action shares: it acts through the bound tracker, else the context's
 * `executionTracker`, else its `tracker`; on the bound block (a block key or a span id), else on
 * the context's current block when `do()` runs; and does nothing when there is no block.
 */
export abstract class BlockAction implements IRuntimeAction {
  /** The bound block key or span id, or `undefined`: the block current when `do()` runs. */
  readonly blockId: string | undefined;
  /** The bound tracker, or `undefined`: the context's tracker when `do()` runs. */
  readonly tracker: ExecutionTracker | undefined;

  /** The action's name in messages (a class name may not survive a minifier). */
  readonly #name: string;

  protected constructor(binding: ActionBinding, name: string) {
    this.blockId = binding.blockId;
    this.tracker = binding.tracker;
    this.#name = name;
  }

  do(runtime: IScriptRuntime): void {
    const tracker = trackerOf(runtime, this.tracker, this.#name);
    const target = targetOf(runtime, this.blockId);
    if (target !== undefined) this.act(tracker, target, runtime);
  }

  /** The tracker call, on the target resolved by `do()`. */
  protected abstract act(tracker: ExecutionTracker, target: string, runtime: IScriptRuntime): void;
}
