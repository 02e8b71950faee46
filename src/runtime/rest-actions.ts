import { BlockAction } from './block-action';
import { splitTarget } from './target';
import type { ActionTarget, IScriptRuntime } from './types';

/**
 * Opens a rest period on the current (or bound) block's span: `tracker.startRest(blockId,
 * { durationMs })` (API.md §10). The span and its active descendants switch to phase `'rest'`.
 */
export class StartRestAction extends BlockAction {
  readonly durationMs: number | undefined;

  constructor(target?: ActionTarget);
  constructor(durationMs?: number, target?: ActionTarget);
  constructor(...args: unknown[]) {
    const { rest, blockId } = splitTarget<[number?]>(args, 'StartRestAction');
    super(blockId);
    this.durationMs = rest[0];
  }

  protected act(runtime: IScriptRuntime, blockId: string): void {
    runtime.executionTracker.startRest(blockId, this.durationMs === undefined ? {} : { durationMs: this.durationMs });
  }
}

/** Closes the rest period of the current (or bound) block's span: `tracker.endRest(blockId)`. */
export class EndRestAction extends BlockAction {
  constructor(target?: ActionTarget) {
    super(splitTarget<[]>([target], 'EndRestAction').blockId);
  }

  protected act(runtime: IScriptRuntime, blockId: string): void {
    runtime.executionTracker.endRest(blockId);
  }
}
