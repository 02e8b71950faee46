/**
 * The four workouts run through the block runtime on a manual clock, with a scripted athlete: the
 * figures tests, the demo and the docs quote.
 */
import { createManualClock, createTracker, type ExecutionTracker, type ManualClock, type TrackerOptions } from 'workout-spans';
import { BlockRuntime } from './block-runtime';
import { simulate, type Athlete, type ScriptedEvent } from './simulate';
import { sessionOf, type WorkoutId } from './workouts';

export const T0 = 1_700_000_000_000;

/** A finished (or stopped) run: the runtime, its clock and its tracker. */
export interface WorkoutRun {
  runtime: BlockRuntime;
  clock: ManualClock;
  executionTracker: ExecutionTracker;
}

export interface RunOptions {
  /** Scripted events: a pause, a sensor. */
  events?: readonly ScriptedEvent[];
  /** The tracker's options (the clock is the run's manual clock). */
  tracker?: TrackerOptions;
  /** Runs before the first block is pushed (to plug processors or listeners in). */
  prepare?: (run: WorkoutRun) => void;
  /** When the workout starts (epoch ms); default T0. */
  start?: number;
  /** Stop here (wall-clock ms since the start), the workout still running. */
  untilMs?: number;
}

/** Runs a workout's session on a manual clock with a scripted athlete. */
export function runWorkout(id: WorkoutId, athlete: Athlete, options: RunOptions = {}): WorkoutRun {
  const clock = createManualClock(options.start ?? T0);
  const executionTracker = createTracker({ clock, ...options.tracker });
  const runtime = new BlockRuntime(executionTracker);
  const run = { runtime, clock, executionTracker };
  options.prepare?.(run);
  runtime.start(sessionOf(id));
  simulate(runtime, clock, athlete, options.events, options.untilMs === undefined ? {} : { untilMs: options.untilMs });
  return run;
}

/** Seconds per set: [thrusters, pull-ups] of rounds 1, 2, 3. */
const FRAN_MS = [
  [60_000, 45_000],
  [40_000, 35_000],
  [30_000, 30_000],
];

/** Fran in 4:00: rounds of 1:45, 1:15 and 1:00. */
export function runFranThroughActions(options: TrackerOptions = {}, prepare?: (run: WorkoutRun) => void): WorkoutRun {
  const athlete: Athlete = {
    effort: (block) => {
      const m = /^fran\/r(\d)\/(thrusters|pull-ups)$/.exec(block.key);
      return m === null ? undefined : { ms: FRAN_MS[Number(m[1]) - 1]![m[2] === 'thrusters' ? 0 : 1]! };
    },
  };
  return runWorkout('fran', athlete, { tracker: options, prepare });
}

const CINDY_MS: Record<string, number> = { 'pull-ups': 30_000, 'push-ups': 45_000, squats: 60_000 };

/** A Cindy round's sets take 30, 45 and 60 s: 8 rounds and 5 + 10 + 11 reps when the 20:00 cap cuts round 9. */
export const cindyAthlete: Athlete = {
  effort: (block) => ({ ms: CINDY_MS[block.key.split('/')[2]!]! }),
  cut: (block, elapsedMs) => Math.floor(((block.targetReps ?? 0) * elapsedMs) / CINDY_MS[block.key.split('/')[2]!]!),
};

/** Cindy's pause: from 5:20 to 6:20 on the wall clock. */
export const CINDY_PAUSE: readonly ScriptedEvent[] = [
  { at: 320_000, run: (rt) => rt.pause() },
  { at: 380_000, run: (rt) => rt.resume() },
];

/** Cindy with a pause from 5:20 to 6:20 (wall clock): 8+26, 21:00 on the wall. */
export function runCindyThroughRuntime(options: TrackerOptions = {}, prepare?: (run: WorkoutRun) => void): WorkoutRun {
  return runWorkout('cindy', cindyAthlete, { events: CINDY_PAUSE, tracker: options, prepare });
}

/**
 * EMOM 10: each minute's 10 burpees take `burpeeMs(minute)` (default 40 s: 20 s of rest). In minute
 * 4's rest, at 3:45, a rep counter sends 3 reps: refused, the athlete is resting. A minute whose
 * burpees take longer than 60 s is forced out at the top of the minute, with the reps done by then.
 */
export function runEmomThroughActions(
  options: TrackerOptions = {},
  prepare?: (run: WorkoutRun) => void,
  burpeeMs: (minute: number) => number = () => 40_000,
): WorkoutRun {
  const minuteOf = (key: string): number => Number(/^emom\/m(\d+)\//.exec(key)?.[1] ?? 0);
  const athlete: Athlete = {
    effort: (block) => ({ ms: burpeeMs(minuteOf(block.key)) }),
    cut: (block, elapsedMs) => Math.floor((10 * elapsedMs) / burpeeMs(minuteOf(block.key))),
  };
  const events: ScriptedEvent[] = [{ at: 225_000, run: (rt) => rt.logReps(3) }];
  return runWorkout('emom', athlete, { events, tracker: options, prepare });
}

/** Tabata: air squats until each 20 s is up, 14 reps in the first round and one fewer each round after. */
export function runTabataThroughRuntime(options: TrackerOptions = {}, prepare?: (run: WorkoutRun) => void): WorkoutRun {
  let round = 0;
  const athlete: Athlete = {
    effort: () => undefined,
    cut: () => 14 - round++,
  };
  return runWorkout('tabata', athlete, { tracker: options, prepare });
}
