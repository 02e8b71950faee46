import { BlockAction } from './block-action';
import { splitTarget } from './target';
import type { ActionTarget, IScriptRuntime } from './types';

/**
 * Pauses the active span of the current (or bound) block, and its active descendants
 * (`tracker.pause(spanId)`, API.md §10). To pause a whole workout, bind it to the root block.
 * No block, or a block with no active span: does nothing. Pausing a paused span is refused by the
 * tracker (`ALREADY_PAUSED`).
 */
export class PauseAction extends BlockAction {
  constructor(target?: ActionTarget) {
    super(splitTarget<[]>([target], 'PauseAction').blockId);
  }

  protected act(runtime: IScriptRuntime, blockId: string): void {
    const span = runtime.executionTracker.getActiveSpan(blockId);
    if (span !== undefined) runtime.executionTracker.pause(span.id);
  }
}

/**
 * Resumes the active span of the current (or bound) block, and its paused descendants
 * (`tracker.resume(spanId)`). No block, or a block with no active span: does nothing. Resuming a
 * running span (`NOT_PAUSED`) or one whose parent is paused (`PARENT_PAUSED`) is refused by the tracker.
 */
export class ResumeAction extends BlockAction {
  constructor(target?: ActionTarget) {
    super(splitTarget<[]>([target], 'ResumeAction').blockId);
  }

  protected act(runtime: IScriptRuntime, blockId: string): void {
    const span = runtime.executionTracker.getActiveSpan(blockId);
    if (span !== undefined) runtime.executionTracker.resume(span.id);
  }
}
