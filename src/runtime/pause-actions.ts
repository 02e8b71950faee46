import type { ExecutionTracker } from 'workout-spans';
import { BlockAction } from './block-action';
import { splitBinding } from './binding';
import type { ActionBinding } from './types';

/**
 * Pauses the target's active span and its active descendants (`tracker.pause`). To pause a whole
 * workout, bind it to the root block (or its span id). No block, or one with no active span: does
 * nothing. Pausing a paused span is refused by the tracker (`ALREADY_PAUSED`).
 */
export class PauseAction extends BlockAction {
  constructor(binding?: ActionBinding) {
    super(splitBinding<[]>([binding], 'PauseAction').binding, 'PauseAction');
  }

  protected act(tracker: ExecutionTracker, target: string): void {
    const span = tracker.getActiveSpan(target);
    if (span !== undefined) tracker.pause(span.id);
  }
}

/**
 * Resumes the target's active span and its paused descendants (`tracker.resume`). No block, or one
 * with no active span: does nothing. Resuming a running span (`NOT_PAUSED`) or one whose parent is
 * paused (`PARENT_PAUSED`) is refused by the tracker.
 */
export class ResumeAction extends BlockAction {
  constructor(binding?: ActionBinding) {
    super(splitBinding<[]>([binding], 'ResumeAction').binding, 'ResumeAction');
  }

  protected act(tracker: ExecutionTracker, target: string): void {
    const span = tracker.getActiveSpan(target);
    if (span !== undefined) tracker.resume(span.id);
  }
}
