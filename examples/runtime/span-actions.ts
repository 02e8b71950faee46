/**
 * The actions a runtime writes for itself: opening, describing and ending a block's span. The
 * package's own actions (`EmitMetricAction`, segments, pause, rest) cover what happens inside a
 * span; these three are the span's life, and take the tracker from the turn.
 */
import type { SpanPatch, SpanStatus } from 'workout-spans';
import type { IRuntimeAction } from 'workout-spans/runtime';
import type { Block, Turn } from './block-runtime';

/** Opens the block's span under its parent block's span (`null`: a root). */
export class StartSpanAction implements IRuntimeAction {
  constructor(
    readonly block: Block,
    readonly parentKey: string | null,
  ) {}
  do(turn: Turn): void {
    turn.tracker.startSpan(this.block, this.parentKey);
  }
}

/**
 * Tells the tracker what a block learnt once mounted: its timer (an EMOM's rest lasts until the top
 * of the minute), its target. Descriptions are not records, so no policy refuses them, paused or
 * resting.
 */
export class UpdateSpanAction implements IRuntimeAction {
  constructor(
    readonly blockKey: string,
    readonly patch: SpanPatch,
  ) {}
  do(turn: Turn): void {
    turn.tracker.updateSpan(this.blockKey, this.patch);
  }
}

/** Ends the block's span (and any span still open below it) with a status and, if given, why. */
export class EndSpanAction implements IRuntimeAction {
  constructor(
    readonly blockKey: string,
    readonly status: SpanStatus = 'completed',
    readonly reason?: string,
  ) {}
  do(turn: Turn): void {
    turn.tracker.endSpan(this.blockKey, this.status, this.reason);
  }
}
