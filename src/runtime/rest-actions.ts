import { splitTarget, targetBlockId } from './target';
import type { ActionTarget, IRuntimeAction, IScriptRuntime } from './types';

/**
 * Opens a rest period on the current (or bound) block's span: `tracker.startRest(blockId,
 * { durationMs })` (API.md §10). The span and its active descendants switch to phase `'rest'`.
 */
export class StartRestAction implements IRuntimeAction {
  readonly durationMs: number | undefined;
  readonly blockId: string | undefined;

  constructor(target?: ActionTarget);
  constructor(durationMs?: number, target?: ActionTarget);
  constructor(...args: unknown[]) {
    const { rest, blockId } = splitTarget<[number?]>(args, 'StartRestAction');
    this.durationMs = rest[0];
    this.blockId = blockId;
  }

  do(runtime: IScriptRuntime): void {
    const blockId = targetBlockId(runtime, this.blockId);
    if (blockId === undefined) return;
    runtime.executionTracker.startRest(blockId, this.durationMs === undefined ? {} : { durationMs: this.durationMs });
  }
}

/** Closes the rest period of the current (or bound) block's span: `tracker.endRest(blockId)`. */
export class EndRestAction implements IRuntimeAction {
  readonly blockId: string | undefined;

  constructor(target?: ActionTarget) {
    this.blockId = splitTarget<[]>([target], 'EndRestAction').blockId;
  }

  do(runtime: IScriptRuntime): void {
    const blockId = targetBlockId(runtime, this.blockId);
    if (blockId === undefined) return;
    runtime.executionTracker.endRest(blockId);
  }
}
