import type { ExecutionTracker } from '../tracker/execution-tracker';
import { splitTarget, targetBlockId } from './target';
import type { ActionTarget, IRuntimeAction, IScriptRuntime } from './types';

/** The active span of the block the action acts on, if any. */
function spanIdOf(runtime: IScriptRuntime, blockId: string | undefined): { tracker: ExecutionTracker; spanId: string } | undefined {
  const id = targetBlockId(runtime, blockId);
  if (id === undefined) return undefined;
  const tracker = runtime.executionTracker;
  const span = tracker.getActiveSpan(id);
  return span === undefined ? undefined : { tracker, spanId: span.id };
}

/**
 * Pauses the active span of the current (or bound) block, and its active descendants
 * (`tracker.pause(spanId)`, API.md §10). To pause a whole workout, bind it to the root block.
 * No block, or a block with no active span: does nothing. Pausing a paused span is refused by the
 * tracker (`ALREADY_PAUSED`).
 */
export class PauseAction implements IRuntimeAction {
  readonly blockId: string | undefined;

  constructor(target?: ActionTarget) {
    this.blockId = splitTarget<[]>([target], 'PauseAction').blockId;
  }

  do(runtime: IScriptRuntime): void {
    const found = spanIdOf(runtime, this.blockId);
    if (found !== undefined) found.tracker.pause(found.spanId);
  }
}

/**
 * Resumes the active span of the current (or bound) block, and its paused descendants
 * (`tracker.resume(spanId)`). No block, or a block with no active span: does nothing. Resuming a
 * running span (`NOT_PAUSED`) or one whose parent is paused (`PARENT_PAUSED`) is refused by the tracker.
 */
export class ResumeAction implements IRuntimeAction {
  readonly blockId: string | undefined;

  constructor(target?: ActionTarget) {
    this.blockId = splitTarget<[]>([target], 'ResumeAction').blockId;
  }

  do(runtime: IScriptRuntime): void {
    const found = spanIdOf(runtime, this.blockId);
    if (found !== undefined) found.tracker.resume(found.spanId);
  }
}
