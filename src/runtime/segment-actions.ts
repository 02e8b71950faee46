import type { SegmentType } from 'workout-spans';
import { BlockAction } from './block-action';
import { splitTarget } from './target';
import type { ActionTarget, IScriptRuntime } from './types';

/** Opens a segment on the current (or bound) block's span: `tracker.startSegment` (API.md §10). */
export class StartSegmentAction extends BlockAction {
  readonly type: SegmentType;
  readonly label: string;
  readonly index: number | undefined;

  constructor(type: SegmentType, label: string, target?: ActionTarget);
  constructor(type: SegmentType, label: string, index?: number, target?: ActionTarget);
  constructor(type: SegmentType, label: string, ...more: unknown[]) {
    const { rest, blockId } = splitTarget<[number?]>(more, 'StartSegmentAction');
    super(blockId);
    this.type = type;
    this.label = label;
    this.index = rest[0];
  }

  protected act(runtime: IScriptRuntime, blockId: string): void {
    runtime.executionTracker.startSegment(blockId, this.type, this.label, this.index);
  }
}

/**
 * Closes a segment on the current (or bound) block's span: that segment, or the most recently
 * opened open one that is not a pause (`tracker.endSegment`, API.md §10).
 */
export class EndSegmentAction extends BlockAction {
  readonly segmentId: string | undefined;

  constructor(target?: ActionTarget);
  constructor(segmentId?: string, target?: ActionTarget);
  constructor(...args: unknown[]) {
    const { rest, blockId } = splitTarget<[string?]>(args, 'EndSegmentAction');
    super(blockId);
    this.segmentId = rest[0];
  }

  protected act(runtime: IScriptRuntime, blockId: string): void {
    runtime.executionTracker.endSegment(blockId, this.segmentId);
  }
}
