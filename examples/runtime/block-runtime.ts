/**
 * A small stack-based block runtime, the kind a workout app runs: a workout is a tree of blocks
 * (a session, a timer, rounds, an AMRAP, an EMOM, efforts, rests); the runtime keeps the blocks that
 * are running on a stack, and each block's behaviours answer the runtime's events (pushed, the
 * athlete moved on, a child finished, time passed, popped) with actions.
 *
 * The runtime reads the tracker (elapsed time, the active spans) but changes it only through
 * actions, run in turns: one turn per event, inside `tracker.batch`, so that a page subscribed to
 * the tracker hears of each turn once. The tracker is also the runtime's memory: which round, which
 * minute, how long a timer has run are read from the spans, so a runtime rebuilt from a restored
 * tracker (`restore`) carries on where the saved one stood.
 */
import type { BlockLike, ExecutionSpan, ExecutionTracker, SpanStatus } from 'workout-spans';
import { PauseAction, ResumeAction, EmitMetricAction, type IRuntimeAction, type IScriptRuntime } from 'workout-spans/runtime';

/** How a block leaves the stack: its span's status and why it ended. */
export interface PopOptions {
  status?: SpanStatus;
  /** Why it ended early or by force: `'timer-expired'`, `'forced'`, `'aborted'`… */
  reason?: string;
}

/** What the athlete says when moving on: the reps done (default: what was left of the target). */
export interface NextInput {
  reps?: number;
}

/**
 * The context of one turn, handed to every action and behaviour: the stack, the tracker (under the
 * name `tracker`: the package's actions find it there) and the runtime.
 */
export interface Turn extends IScriptRuntime {
  readonly stack: RuntimeStack;
  readonly tracker: ExecutionTracker;
  readonly runtime: BlockRuntime;
}

/** The runtime's stack as actions and pages read it. */
export interface RuntimeStack {
  /** The block on top. */
  readonly current: Block | undefined;
  /** Every running block, the root first. */
  readonly blocks: readonly Block[];
}

/** One part of a block's logic. Each hook answers with actions for the runtime to run. */
export interface Behavior {
  /** The block was pushed (mounted). */
  onPush?(turn: Turn, block: Block): IRuntimeAction[];
  /** The athlete moved on (pressed "done") while the block was on top. */
  onNext?(turn: Turn, block: Block, input: NextInput): IRuntimeAction[];
  /** A child of the block finished and left the stack. */
  onChildDone?(turn: Turn, block: Block, child: Block): IRuntimeAction[];
  /** Time passed: a timer may have run out. */
  onTick?(turn: Turn, block: Block): IRuntimeAction[];
  /** Running time (ms) until `onTick` will have something to do; `undefined`: nothing planned. */
  dueIn?(turn: Turn, block: Block): number | undefined;
  /** The block is leaving the stack (popped by itself, by its parent, or by force). */
  onPop?(turn: Turn, block: Block, how: PopOptions): IRuntimeAction[];
}

/** A block: what the tracker sees of it (key, label, type, descriptions) and its behaviours. */
export interface Block extends BlockLike {
  readonly key: string;
  readonly behaviors: readonly Behavior[];
  /** A block that runs children rebuilds the one whose span this is (after a reload). */
  restoreChild?(turn: Turn, span: ExecutionSpan): Block | undefined;
}

/** How many times `tick` lets timers fire in one call (a Tabata ends a work and a rest per instant at most). */
const MAX_FIRES_PER_TICK = 1_000;

export class BlockRuntime implements IScriptRuntime {
  readonly tracker: ExecutionTracker;
  readonly stack: RuntimeStack;
  readonly #blocks: Block[] = [];
  #root: Block | undefined;
  /** Turns under way: a push inside a turn is part of it, not a turn of its own. */
  #depth = 0;

  constructor(tracker: ExecutionTracker) {
    this.tracker = tracker;
    const blocks = this.#blocks;
    this.stack = {
      get current() {
        return blocks[blocks.length - 1];
      },
      get blocks() {
        return blocks;
      },
    };
  }

  /** The root block once started (or restored). */
  get root(): Block | undefined {
    return this.#root;
  }

  /** Started, and every block has left the stack. */
  get finished(): boolean {
    return this.#root !== undefined && this.#blocks.length === 0;
  }

  /** Whether the workout's clock is stopped. */
  get paused(): boolean {
    return this.#root !== undefined && this.spanOf(this.#root)?.paused === true;
  }

  // ---------------------------------------------------------------- what a page or a test calls

  /** Pushes the root block (a session wrapping the workout): its behaviours push the rest. */
  start(root: Block): void {
    if (this.#root !== undefined) throw new Error('BlockRuntime: already started');
    this.#root = root;
    this.#turn((turn) => this.runAction(new PushBlockAction(root), turn));
  }

  /**
   * Rebuilds the stack from a tracker restored from a saved session: the root's active span, then
   * down through each active child, each block rebuilt by its parent. No block is pushed again (its
   * span is already open); timers that ran out while the page was away fire now. Returns false when
   * the tracker holds no active span of that root (the session had ended: start a new one).
   */
  restore(root: Block): boolean {
    if (this.#root !== undefined) throw new Error('BlockRuntime: already started');
    const rootSpan = this.tracker.getActiveSpan(root.key);
    if (rootSpan === undefined) return false;
    let span: ExecutionSpan = rootSpan;
    this.#root = root;
    const turn = this.#context();
    let block: Block = root;
    this.#blocks.push(root);
    for (;;) {
      const child: ExecutionSpan | undefined = this.tracker.getChildren(span.id).find((c) => c.status === 'active');
      if (child === undefined) break;
      const rebuilt = block.restoreChild?.(turn, child);
      if (rebuilt === undefined || rebuilt.key !== child.blockId) {
        throw new Error(`BlockRuntime: block '${block.key}' cannot rebuild its child '${child.blockId}'`);
      }
      this.#blocks.push(rebuilt);
      block = rebuilt;
      span = child;
    }
    this.tick();
    return true;
  }

  /** The athlete moved on: the top block's `onNext` (an effort records its reps and pops). */
  next(input: NextInput = {}): void {
    this.#turn((turn) => {
      const block = this.stack.current;
      if (block === undefined) return;
      for (const b of block.behaviors) this.run(b.onNext?.(turn, block, input), turn);
    });
  }

  /** Reps done so far in the current block, without moving on (a rep counter, a partial set). */
  logReps(reps: number): void {
    this.#turn((turn) => this.runAction(new EmitMetricAction('reps', reps, 'reps'), turn));
  }

  /** Stops the workout's clock; efforts stay open. */
  pause(): void {
    const root = this.#root;
    if (root === undefined || this.finished || this.paused) return;
    this.#turn((turn) => this.runAction(new PauseAction({ blockId: root.key }), turn));
  }

  /** Starts the workout's clock again. */
  resume(): void {
    const root = this.#root;
    if (root === undefined || this.finished || !this.paused) return;
    this.#turn((turn) => this.runAction(new ResumeAction({ blockId: root.key }), turn));
    this.tick();
  }

  /** Forces the top block out (status `'skipped'`, reason `'forced'`); its parent carries on. */
  skip(): void {
    const block = this.stack.current;
    if (block === undefined || block === this.#root) return;
    this.#turn((turn) => this.runAction(new PopBlockAction(block, { status: 'skipped', reason: 'forced' }), turn));
  }

  /** Ends the whole session now (status `'skipped'`, reason `'aborted'`). */
  abort(): void {
    const root = this.#root;
    if (root === undefined || this.finished) return;
    this.#turn((turn) => this.runAction(new PopBlockAction(root, { status: 'skipped', reason: 'aborted' }), turn));
  }

  /** Lets timers that ran out fire, outer blocks first (an AMRAP's cap before its effort). */
  tick(): void {
    if (this.finished || this.paused) return;
    for (let fired = 0; fired < MAX_FIRES_PER_TICK; fired++) {
      const acted = this.#turn((turn) => {
        for (const block of [...this.#blocks]) {
          for (const b of block.behaviors) {
            const actions = b.onTick?.(turn, block);
            if (actions !== undefined && actions.length > 0) {
              this.run(actions, turn);
              return true;
            }
          }
        }
        return false;
      });
      if (!acted) return;
    }
    throw new Error('BlockRuntime: timers keep firing in the same instant');
  }

  /** Running time (ms) until the next timer runs out; `undefined` while paused or when none will. */
  dueIn(): number | undefined {
    if (this.finished || this.paused) return undefined;
    const turn = this.#context();
    let soonest: number | undefined;
    for (const block of this.#blocks) {
      for (const b of block.behaviors) {
        const due = b.dueIn?.(turn, block);
        if (due !== undefined && (soonest === undefined || due < soonest)) soonest = Math.max(0, due);
      }
    }
    return soonest;
  }

  // ---------------------------------------------------------------- what actions and behaviours call

  /** The block's active span. */
  spanOf(block: Block): ExecutionSpan | undefined {
    return this.tracker.getActiveSpan(block.key);
  }

  /** The block's running time so far (pauses excluded), 0 when it has no active span. */
  elapsedOf(block: Block): number {
    const span = this.spanOf(block);
    return span === undefined ? 0 : (this.tracker.totals(span.id)?.elapsedMs ?? 0);
  }

  /** Puts a block on the stack and asks its behaviours, in order. */
  push(block: Block, turn: Turn): void {
    this.#blocks.push(block);
    for (const b of block.behaviors) this.run(b.onPush?.(turn, block), turn);
  }

  /**
   * Takes `block` off the stack, and first every block above it (innermost first, with the same
   * status and reason): each block's behaviours are asked in reverse order, so its span, opened
   * first, ends last. Then the block's parent hears that its child is done.
   */
  pop(block: Block, how: PopOptions, turn: Turn): void {
    const at = this.#blocks.lastIndexOf(block);
    if (at < 0) return;
    while (this.#blocks.length > at) {
      const top = this.#blocks[this.#blocks.length - 1]!;
      for (const b of [...top.behaviors].reverse()) this.run(b.onPop?.(turn, top, how), turn);
      this.#blocks.pop();
    }
    const parent = this.stack.current;
    if (parent !== undefined) for (const b of parent.behaviors) this.run(b.onChildDone?.(turn, parent, block), turn);
  }

  /** Runs actions in order. */
  run(actions: readonly IRuntimeAction[] | undefined, turn: Turn): void {
    for (const action of actions ?? []) this.runAction(action, turn);
  }

  /** Runs one action with the turn's context (a subclass may watch here). */
  protected runAction(action: IRuntimeAction, turn: Turn): void {
    action.do(turn);
  }

  // ---------------------------------------------------------------- turns

  #context(): Turn {
    return { stack: this.stack, tracker: this.tracker, runtime: this };
  }

  /** One event: its actions in one tracker batch, so subscribers hear of it once. */
  #turn<R>(fn: (turn: Turn) => R): R {
    const turn = this.#context();
    if (this.#depth > 0) return fn(turn);
    this.#depth++;
    try {
      return this.tracker.batch(() => fn(turn));
    } finally {
      this.#depth--;
    }
  }
}

/** Pushes a block (its behaviours start its span, its timer, its first child). */
export class PushBlockAction implements IRuntimeAction {
  constructor(readonly block: Block) {}
  do(turn: Turn): void {
    turn.runtime.push(this.block, turn);
  }
}

/** Pops a block, and the blocks above it. */
export class PopBlockAction implements IRuntimeAction {
  constructor(
    readonly block: Block,
    readonly how: PopOptions = {},
  ) {}
  do(turn: Turn): void {
    turn.runtime.pop(this.block, this.how, turn);
  }
}
