/**
 * The behaviours blocks are made of. Each reads what it needs from the tracker (elapsed time, the
 * segments of its span, its children) rather than keeping counters of its own, so a block rebuilt
 * after a reload behaves as the one that was saved.
 */
import type { ExecutionSpan, TimerInfo } from 'workout-spans';
import { EmitMetricAction, StartSegmentAction, type IRuntimeAction } from 'workout-spans/runtime';
import { PopBlockAction, PushBlockAction, type Behavior, type Block, type Turn } from './block-runtime';
import { EndSpanAction, StartSpanAction, UpdateSpanAction } from './span-actions';

/** The block's span: opened under the block below it on the stack when pushed, ended when popped. */
export const spanBehavior: Behavior = {
  onPush: (turn, block) => [new StartSpanAction(block, parentOf(turn, block)?.key ?? null)],
  onPop: (_turn, block, how) => [new EndSpanAction(block.key, how.status ?? 'completed', how.reason)],
};

/** The reps recorded on a block's span so far. */
export function repsLogged(turn: Turn, block: Block): number {
  const span = turn.runtime.spanOf(block);
  if (span === undefined) return 0;
  let reps = 0;
  for (const r of turn.tracker.getMetrics(span.id)) if (r.key === 'reps' && typeof r.value === 'number') reps += r.value;
  return reps;
}

export interface TimerOptions {
  direction: 'up' | 'down';
  /** Its length, or how to work it out once the block is mounted. */
  durationMs?: number | ((turn: Turn, block: Block) => number);
  /** When it runs out, pop the block (status completed, reason `'timer-expired'`). */
  expires?: boolean;
}

/**
 * A block's timer. Its length may only be known once the block is mounted (an EMOM's rest lasts
 * until the top of the minute), so the span starts without one and `updateSpan` gives it. Elapsed
 * time is the span's (pauses excluded); the length is read back from the span, so a timer rebuilt
 * after a reload carries on.
 */
export function timerBehavior(options: TimerOptions): Behavior {
  const remaining = (turn: Turn, block: Block): number | undefined => {
    const planned = turn.runtime.spanOf(block)?.timer?.durationMs;
    return planned === undefined ? undefined : planned - turn.runtime.elapsedOf(block);
  };
  return {
    onPush(turn, block) {
      const { direction, durationMs } = options;
      const ms = typeof durationMs === 'function' ? durationMs(turn, block) : durationMs;
      const timer: TimerInfo = ms === undefined ? { direction } : { direction, durationMs: Math.max(0, ms) };
      return [new UpdateSpanAction(block.key, { timer })];
    },
    dueIn: (turn, block) => (options.expires === true ? remaining(turn, block) : undefined),
    onTick(turn, block) {
      if (options.expires !== true) return [];
      const left = remaining(turn, block);
      return left !== undefined && left <= 0 ? [new PopBlockAction(block, { status: 'completed', reason: 'timer-expired' })] : [];
    },
  };
}

/** Children in order: `childAt(i)` is the i-th, `undefined` once there are no more. */
export type ChildAt = (index: number) => Block | undefined;

/**
 * Runs children one after another, and pops the block after the last. With `perRound`, every
 * `perRound` children make a round: a `Round n` segment on the block's span and `currentRound`.
 * Which child comes next is the number of child spans the block's span already has.
 */
export function sequenceBehavior(childAt: ChildAt, perRound?: number): Behavior {
  const start = (block: Block, index: number): IRuntimeAction[] => {
    const child = childAt(index);
    if (child === undefined) return [new PopBlockAction(block)];
    const actions: IRuntimeAction[] = [];
    if (perRound !== undefined && index % perRound === 0) {
      const round = index / perRound + 1;
      actions.push(
        new StartSegmentAction('round', `Round ${round}`, round - 1, { blockId: block.key }),
        new EmitMetricAction('currentRound', round, 'round', { blockId: block.key }),
      );
    }
    actions.push(new PushBlockAction(child));
    return actions;
  };
  return {
    onPush: (_turn, block) => start(block, 0),
    onChildDone(turn, block) {
      const span = turn.runtime.spanOf(block);
      return span === undefined ? [] : start(block, turn.tracker.getChildren(span.id).length);
    },
  };
}

/** Which child of its parent a span is (its place among the parent span's children). */
export function childIndex(turn: Turn, spanId: string, parentSpanId: string | null): number {
  return parentSpanId === null ? -1 : turn.tracker.getChildren(parentSpanId).findIndex((c) => c.id === spanId);
}

export interface EffortOptions {
  /** The load, recorded when the effort starts (reps done later are lifted at it). */
  weight?: { value: number; unit: string };
  /** A timed effort (Tabata's 20 s): "done" only logs reps, the timer ends it. */
  timed?: boolean;
}

/**
 * An exercise. "Done" records the reps (those given, else what is left of the target after the reps
 * already logged) and pops the block. A timed effort's "done" only logs the reps given.
 */
export function effortBehavior(options: EffortOptions = {}): Behavior {
  return {
    onPush: (_turn, block) =>
      options.weight === undefined
        ? []
        : [new EmitMetricAction('weight', options.weight.value, options.weight.unit, { blockId: block.key })],
    onNext(turn, block, input) {
      const reps = input.reps ?? (options.timed === true ? 0 : Math.max(0, (block.targetReps ?? 0) - repsLogged(turn, block)));
      const actions: IRuntimeAction[] = reps > 0 ? [new EmitMetricAction('reps', reps, 'reps', { blockId: block.key })] : [];
      if (options.timed !== true) actions.push(new PopBlockAction(block));
      return actions;
    },
  };
}

export interface EmomOptions {
  minutes: number;
  minuteMs: number;
  /** The work of minute m (1-based). */
  work(minute: number): Block;
  /** The rest after minute m's work, until the top of the next minute. */
  rest(minute: number): Block;
}

/** The minute an EMOM span is in (1-based): the number of its minute segments. */
export function minutesOf(span: ExecutionSpan | undefined): number {
  return span?.segments.filter((s) => s.type === 'minute').length ?? 0;
}

function currentMinute(turn: Turn, block: Block): number {
  return minutesOf(turn.runtime.spanOf(block));
}

/** The block under `block` on the stack. */
export function parentOf(turn: Turn, block: Block): Block | undefined {
  const blocks = turn.stack.blocks;
  const at = blocks.lastIndexOf(block);
  return at > 0 ? blocks[at - 1] : undefined;
}

/**
 * Every minute on the minute: a `Minute n` segment, the work, then rest until the top of the next
 * minute. Work still going at the top of the minute is forced out (status `'skipped'`, reason
 * `'forced'`) and the next minute starts.
 */
export function emomBehavior(options: EmomOptions): Behavior {
  const { minuteMs } = options;
  const startMinute = (block: Block, m: number): IRuntimeAction[] => [
    new StartSegmentAction('minute', `Minute ${m}`, m - 1, { blockId: block.key }),
    new PushBlockAction(options.work(m)),
  ];
  const overrunning = (turn: Turn, block: Block): Block | undefined => {
    const top = turn.stack.current;
    return top !== undefined && top !== block && top.key === options.work(currentMinute(turn, block)).key ? top : undefined;
  };
  return {
    onPush: (_turn, block) => startMinute(block, 1),
    onChildDone(turn, block, child) {
      const m = currentMinute(turn, block);
      const workDone = child.key === options.work(m).key;
      if (workDone && turn.runtime.elapsedOf(block) < m * minuteMs) return [new PushBlockAction(options.rest(m))];
      return m < options.minutes ? startMinute(block, m + 1) : [new PopBlockAction(block)];
    },
    dueIn(turn, block) {
      return overrunning(turn, block) === undefined ? undefined : currentMinute(turn, block) * minuteMs - turn.runtime.elapsedOf(block);
    },
    onTick(turn, block) {
      const work = overrunning(turn, block);
      if (work === undefined || turn.runtime.elapsedOf(block) < currentMinute(turn, block) * minuteMs) return [];
      return [new PopBlockAction(work, { status: 'skipped', reason: 'forced' })];
    },
  };
}
