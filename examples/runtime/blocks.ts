/**
 * Blocks, made of behaviours: a session, a timer, rounds, an AMRAP, an EMOM, an interval, efforts
 * and rests. Block keys name their place in the workout (`cindy/r3/push-ups`), so the tree reads
 * well and a block can be found again after a reload.
 */
import type { BlockLike } from 'workout-spans';
import { RestBehavior } from 'workout-spans/runtime';
import type { Behavior, Block, Turn } from './block-runtime';
import {
  childIndex,
  effortBehavior,
  emomBehavior,
  minutesOf,
  parentOf,
  sequenceBehavior,
  spanBehavior,
  timerBehavior,
  type ChildAt,
  type EffortOptions,
  type TimerOptions,
} from './behaviors';

/** What the tracker sees of a block: key, label, type and descriptions. */
export type BlockInfo = BlockLike & { key: string };

/** A block that runs `childAt(0)`, `childAt(1)`… in turn, with an optional timer and rounds. */
export function sequence(info: BlockInfo, childAt: ChildAt, options: { timer?: TimerOptions; perRound?: number } = {}): Block {
  const behaviors: Behavior[] = [spanBehavior];
  if (options.timer !== undefined) behaviors.push(timerBehavior(options.timer));
  behaviors.push(sequenceBehavior(childAt, options.perRound));
  return {
    ...info,
    behaviors,
    restoreChild: (turn, span) => childAt(childIndex(turn, span.id, span.parentSpanId)),
  };
}

/** The root a runtime wraps every workout in: a group with the workout as its only child. */
export function session(workout: Block, key = `session/${workout.key}`): Block {
  return sequence({ key, label: 'Session', blockType: 'group' }, (i) => (i === 0 ? workout : undefined));
}

/** An exercise the athlete finishes by pressing "done" (or, timed, that its timer ends). */
export function effort(info: BlockInfo, options: EffortOptions & { durationMs?: number } = {}): Block {
  const behaviors: Behavior[] = [spanBehavior];
  if (options.durationMs !== undefined) behaviors.push(timerBehavior({ direction: 'down', durationMs: options.durationMs, expires: true }));
  behaviors.push(effortBehavior({ ...options, timed: options.durationMs !== undefined }));
  return { blockType: 'effort', ...info, behaviors };
}

/**
 * A rest block: `RestBehavior` makes its time rest (and, rolled up, the workout's), a timer ends it.
 * `plannedMs`: the rest's planned length, when there is one; `durationMs`: how long the block lasts,
 * or how to work it out when it is mounted.
 */
export function rest(key: string, durationMs: number | ((turn: Turn, block: Block) => number), plannedMs?: number): Block {
  return {
    key,
    label: 'Rest',
    blockType: 'group',
    behaviors: [spanBehavior, timerBehavior({ direction: 'down', durationMs, expires: true }), new RestBehavior(plannedMs)],
  };
}

/**
 * Every minute on the minute (see `emomBehavior`): a 'minute' segment per minute on its span, the
 * work of each minute, then a rest block whose length is only known when it is mounted: what is left
 * of the minute. That rest has no planned length (`RestBehavior()`): it is whatever the work left.
 */
export function emom(info: BlockInfo, options: { minutes: number; minuteMs?: number; work(minute: number): Block }): Block {
  const minuteMs = options.minuteMs ?? 60_000;
  const restOf = (m: number): Block =>
    rest(`${info.key}/m${m}/rest`, (turn, block) => {
      const emomBlock = parentOf(turn, block);
      return m * minuteMs - (emomBlock === undefined ? 0 : turn.runtime.elapsedOf(emomBlock));
    });
  const behavior = emomBehavior({ minutes: options.minutes, minuteMs, work: options.work, rest: restOf });
  return {
    blockType: 'emom',
    ...info,
    behaviors: [spanBehavior, timerBehavior({ direction: 'down', durationMs: options.minutes * minuteMs }), behavior],
    restoreChild(turn: Turn, span) {
      const m = minutesOf(turn.tracker.getSpan(span.parentSpanId ?? ''));
      return [options.work(m), restOf(m)].find((b) => b.key === span.blockId);
    },
  };
}
