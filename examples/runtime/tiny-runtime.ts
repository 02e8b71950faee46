import {
  createManualClock,
  createTracker,
  type BlockLike,
  type ExecutionTracker,
  type ManualClock,
  type TrackerOptions,
} from 'workout-spans';
import { type IRuntimeAction, type IScriptRuntime } from 'workout-spans/runtime';

/** A block behaviour: asked at push, at pop and when the block moves on; answers with actions. */
export interface Behavior {
  onPush?(runtime: IScriptRuntime, block: Block): IRuntimeAction[];
  onNext?(runtime: IScriptRuntime, block: Block): IRuntimeAction[];
  onPop?(runtime: IScriptRuntime, block: Block): IRuntimeAction[];
}

export interface Block extends BlockLike {
  key: string;
  behaviors: Behavior[];
}

/**
 * A tiny block runtime: a stack of blocks whose behaviours return actions, which the runtime runs.
 * It never calls the tracker itself; every change goes through an action's `do(runtime)`.
 * On push the behaviours are asked in order, on pop in reverse order (so the span, opened first,
 * is ended last).
 */
export class TinyRuntime implements IScriptRuntime {
  readonly executionTracker: ExecutionTracker;
  readonly clock: ManualClock;
  readonly #blocks: Block[] = [];
  readonly stack: { readonly current: Block | undefined };
  /** Every action run, by class name: what the runtime asked for, in order. */
  readonly log: string[] = [];

  constructor(start: number, options: TrackerOptions = {}) {
    this.clock = createManualClock(start);
    this.executionTracker = createTracker({ clock: this.clock, ...options });
    const blocks = this.#blocks;
    this.stack = {
      get current() {
        return blocks[blocks.length - 1];
      },
    };
  }

  push(block: Block): void {
    this.#blocks.push(block);
    for (const b of block.behaviors) this.run(b.onPush?.(this, block));
  }

  /** The current block moves on (next round, next minute). */
  next(): void {
    const block = this.stack.current;
    if (block !== undefined) for (const b of block.behaviors) this.run(b.onNext?.(this, block));
  }

  pop(): void {
    const block = this.stack.current;
    if (block === undefined) return;
    for (const b of [...block.behaviors].reverse()) this.run(b.onPop?.(this, block));
    this.#blocks.pop();
  }

  /** Runs actions: from behaviours, or from outside (a rep counted by a sensor, a pause button). */
  run(actions: readonly IRuntimeAction[] | undefined): void {
    for (const action of actions ?? []) {
      this.log.push(action.constructor.name);
      action.do(this);
    }
  }

  advance(ms: number): void {
    this.clock.advance(ms);
  }
}

/** Opens the block's span (parent: the span current in the tracker's context). */
export class StartSpanAction implements IRuntimeAction {
  constructor(readonly block: BlockLike) {}
  do(runtime: IScriptRuntime): void {
    runtime.executionTracker!.startSpan(this.block);
  }
}

/** Ends the block's span. */
export class EndSpanAction implements IRuntimeAction {
  constructor(readonly blockId: string) {}
  do(runtime: IScriptRuntime): void {
    runtime.executionTracker!.endSpan(this.blockId);
  }
}
