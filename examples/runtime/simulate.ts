/**
 * Runs a block runtime on a manual clock with a scripted athlete: how long each effort takes and
 * how many reps it gets, reps logged when a timer cuts an effort short, and events at given times
 * (a pause, a sensor). Jumps straight from one thing that happens to the next, so a 20-minute
 * workout simulates in milliseconds and every figure is exact. For tests, replays and demos.
 */
import type { ExecutionSpan, ManualClock } from 'workout-spans';
import type { Block, BlockRuntime } from './block-runtime';

export interface Athlete {
  /**
   * How an effort goes: the running time (ms, pauses excluded) the athlete needs for it and the reps
   * done then (default: what is left of the target). `undefined`: the athlete works until a timer
   * ends it.
   */
  effort(block: Block, span: ExecutionSpan): { ms: number; reps?: number } | undefined;
  /** Reps to log when a timer ends the effort after `elapsedMs` of it (a partial set, a timed set). */
  cut?(block: Block, elapsedMs: number): number | undefined;
}

export interface ScriptedEvent {
  /** Wall-clock ms since the start (pauses included). */
  at: number;
  run(runtime: BlockRuntime): void;
}

export interface SimulateOptions {
  /** Stop here (wall-clock ms since the start), the workout still running: a session to save mid-way. */
  untilMs?: number;
  /** A workout still running this long after the start (wall clock) is an error: it would never end. Default 6 h. */
  limitMs?: number;
}

/**
 * Runs until the runtime finishes (or until `untilMs`). Each step advances the clock to the soonest
 * of: the athlete finishing the current effort, a timer running out, a scripted event; at one
 * instant, scripted events come first, then the athlete, then timers.
 */
export function simulate(
  runtime: BlockRuntime,
  clock: ManualClock,
  athlete: Athlete,
  events: readonly ScriptedEvent[] = [],
  options: SimulateOptions = {},
): void {
  const { untilMs = Infinity, limitMs = 6 * 60 * 60_000 } = options;
  const start = clock.now();
  const pending = [...events].sort((a, b) => a.at - b.at);
  while (!runtime.finished) {
    const now = clock.now() - start;
    if (now >= untilMs) return;
    if (now > limitMs) throw new Error(`simulate: still running after ${limitMs} ms`);
    const top = runtime.stack.current;
    const span = top === undefined ? undefined : runtime.spanOf(top);
    const plan = top !== undefined && span !== undefined && top.blockType === 'effort' ? athlete.effort(top, span) : undefined;
    const effortIn = plan === undefined || runtime.paused ? undefined : plan.ms - runtime.elapsedOf(top!);
    const timerIn = runtime.dueIn();
    const eventIn = pending.length > 0 ? pending[0]!.at - now : undefined;
    const stopIn = Number.isFinite(untilMs) ? untilMs - now : undefined;
    const waits = [effortIn, timerIn, eventIn, stopIn].filter((w): w is number => w !== undefined);
    if (waits.length === 0) throw new Error('simulate: nothing will ever happen (paused with no event to resume?)');
    clock.advance(Math.max(0, Math.min(...waits)));

    const at = clock.now() - start;
    if (at >= untilMs) return;
    while (pending.length > 0 && pending[0]!.at <= at) pending.shift()!.run(runtime);
    if (plan !== undefined && !runtime.paused && runtime.stack.current === top && runtime.elapsedOf(top!) >= plan.ms) {
      runtime.next(plan.reps === undefined ? {} : { reps: plan.reps });
    }
    if (runtime.dueIn() === 0) {
      const cut = runtime.stack.current;
      if (cut !== undefined && cut.blockType === 'effort') {
        const reps = athlete.cut?.(cut, runtime.elapsedOf(cut));
        if (reps !== undefined && reps > 0) runtime.logReps(reps);
      }
      runtime.tick();
    }
  }
}
