import type { ExecutionTracker } from 'workout-spans';
import { BlockAction } from './block-action';
import { splitBinding } from './binding';
import type { ActionBinding } from './types';

/**
 * Opens a rest period on the target's span: `tracker.startRest(target, { durationMs })`. Its time,
 * its ancestors' and its active descendants' is rest until it closes; with no duration the rest has
 * no planned length.
 */
export class StartRestAction extends BlockAction {
  readonly durationMs: number | undefined;

  constructor(binding?: ActionBinding);
  constructor(durationMs?: number, binding?: ActionBinding);
  constructor(...args: unknown[]) {
    const { rest, binding } = splitBinding<[number?]>(args, 'StartRestAction');
    super(binding, 'StartRestAction');
    this.durationMs = rest[0];
  }

  protected act(tracker: ExecutionTracker, target: string): void {
    tracker.startRest(target, this.durationMs === undefined ? {} : { durationMs: this.durationMs });
  }
}

/** Closes the rest period of the target's span: `tracker.endRest(target)`. */
export class EndRestAction extends BlockAction {
  constructor(binding?: ActionBinding) {
    super(splitBinding<[]>([binding], 'EndRestAction').binding, 'EndRestAction');
  }

  protected act(tracker: ExecutionTracker, target: string): void {
    tracker.endRest(target);
  }
}
