import { targetBlockId } from './target';
import type { IRuntimeAction, IScriptRuntime } from './types';

/**
 * What every action of API.md §10 shares: it acts on the block bound to it, else on the runtime's
 * current block when `do()` runs, and does nothing when there is neither.
 */
export abstract class BlockAction implements IRuntimeAction {
  /** The bound block, or `undefined`: the block current when `do()` runs. */
  readonly blockId: string | undefined;

  protected constructor(blockId: string | undefined) {
    this.blockId = blockId;
  }

  do(runtime: IScriptRuntime): void {
    const blockId = targetBlockId(runtime, this.blockId);
    if (blockId !== undefined) this.act(runtime, blockId);
  }

  /** The tracker call, on the block resolved by `do()`. */
  protected abstract act(runtime: IScriptRuntime, blockId: string): void;
}
