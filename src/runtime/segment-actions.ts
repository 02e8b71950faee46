import type { ExecutionTracker, SegmentType } from 'workout-spans';
import { BlockAction } from './block-action';
import { splitBinding } from './binding';
import type { ActionBinding } from './types';

/** Opens a segment on the target's span: `tracker.startSegment` (Round 2 closes Round 1). */
export class StartSegmentAction extends BlockAction {
  readonly type: SegmentType;
  readonly label: string;
  readonly index: number | undefined;

  constructor(type: SegmentType, label: string, binding?: ActionBinding);
  constructor(type: SegmentType, label: string, index?: number, binding?: ActionBinding);
  constructor(type: SegmentType, label: string, ...more: unknown[]) {
    const { rest, binding } = splitBinding<[number?]>(more, 'StartSegmentAction');
    super(binding, 'StartSegmentAction');
    this.type = type;
    this.label = label;
    this.index = rest[0];
  }

  protected act(tracker: ExecutionTracker, target: string): void {
    tracker.startSegment(target, this.type, this.label, this.index);
  }
}

/**
 * Closes a segment on the target's span: that segment, or the most recently opened open one that is
 * not a pause (`tracker.endSegment`).
 */
export class EndSegmentAction extends BlockAction {
  readonly segmentId: string | undefined;

  constructor(binding?: ActionBinding);
  constructor(segmentId?: string, binding?: ActionBinding);
  constructor(...args: unknown[]) {
    const { rest, binding } = splitBinding<[string?]>(args, 'EndSegmentAction');
    super(binding, 'EndSegmentAction');
    this.segmentId = rest[0];
  }

  protected act(tracker: ExecutionTracker, target: string): void {
    tracker.endSegment(target, this.segmentId);
  }
}
