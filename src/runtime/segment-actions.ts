import type { SegmentType } from '../model/types';
import { splitTarget, targetBlockId } from './target';
import type { ActionTarget, IRuntimeAction, IScriptRuntime } from './types';

/** Opens a segment on the current (or bound) block's span: `tracker.startSegment` (API.md §10). */
export class StartSegmentAction implements IRuntimeAction {
  readonly type: SegmentType;
  readonly label: string;
  readonly index: number | undefined;
  readonly blockId: string | undefined;

  constructor(type: SegmentType, label: string, target?: ActionTarget);
  constructor(type: SegmentType, label: string, index?: number, target?: ActionTarget);
  constructor(type: SegmentType, label: string, ...more: unknown[]) {
    const { rest, blockId } = splitTarget<[number?]>(more, 'StartSegmentAction');
    this.type = type;
    this.label = label;
    this.index = rest[0];
    this.blockId = blockId;
  }

  do(runtime: IScriptRuntime): void {
    const blockId = targetBlockId(runtime, this.blockId);
    if (blockId === undefined) return;
    runtime.executionTracker.startSegment(blockId, this.type, this.label, this.index);
  }
}

/**
 * Closes a segment on the current (or bound) block's span: that segment, or the most recently
 * opened open one that is not a pause (`tracker.endSegment`, API.md §10).
 */
export class EndSegmentAction implements IRuntimeAction {
  readonly segmentId: string | undefined;
  readonly blockId: string | undefined;

  constructor(target?: ActionTarget);
  constructor(segmentId?: string, target?: ActionTarget);
  constructor(...args: unknown[]) {
    const { rest, blockId } = splitTarget<[string?]>(args, 'EndSegmentAction');
    this.segmentId = rest[0];
    this.blockId = blockId;
  }

  do(runtime: IScriptRuntime): void {
    const blockId = targetBlockId(runtime, this.blockId);
    if (blockId === undefined) return;
    runtime.executionTracker.endSegment(blockId, this.segmentId);
  }
}
