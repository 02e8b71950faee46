/**
 * A page reload mid-workout.
 *
 * Cindy (AMRAP 20) runs with an autosave attached. At 10:00 the tab goes away: its `pagehide`
 * handler flushes the autosave. Five minutes later the page loads again, finds the saved session,
 * restores it on a clock that now reads 15:00, and the athlete finishes the workout. The five
 * minutes away are a pause segment labelled 'Interrupted': counted as paused time, not as work.
 *
 * Run it: `npx tsx examples/reload.ts`.
 */
import { pathToFileURL } from 'node:url';
import {
  createManualClock,
  ExecutionTracker,
  INTERRUPTED_LABEL,
  type ExecutionTracker as Tracker,
  type ManualClock,
  type SpanTotals,
  type TimeSegment,
} from 'workout-spans';
import { renderTree } from 'workout-spans/export';
import { createAutosave, loadAutosave, memoryStorage, type Autosave } from 'workout-spans/persistence';
import { runCindy } from './workouts/cindy';

const KEY = 'workout-spans:cindy';
const CAP_MS = 1_200_000;
const AWAY_MS = 5 * 60_000;
const MOVES = [
  { key: 'pullups', label: 'Pull-ups', exerciseId: 'pull-up', reps: 5, ms: 30_000 },
  { key: 'pushups', label: 'Push-ups', exerciseId: 'push-up', reps: 10, ms: 45_000 },
  { key: 'squats', label: 'Air squats', exerciseId: 'air-squat', reps: 15, ms: 60_000 },
] as const;

export interface ReloadResult {
  /** The 'Interrupted' segment on the root. */
  gap: TimeSegment;
  /** Root totals when the workout ended. */
  totals: SpanTotals;
  /** Everything printed. */
  text: string;
}

function clockTime(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Carries Cindy on from wherever it stands until 20 minutes of elapsed time (pauses excluded). */
function finishCindy(tracker: Tracker, clock: ManualClock, rootId: string): void {
  const root = tracker.getSpan(rootId)!;
  let round = root.segments.filter((s) => s.type === 'round').length;
  // the move in progress when the page went away (if any), else the next one
  let m = MOVES.findIndex((move) => tracker.getActiveSpan(`cindy-${move.key}-${round}`) !== undefined);
  if (m < 0) m = 0;
  for (;;) {
    const move = MOVES[m]!;
    const key = `cindy-${move.key}-${round}`;
    if (tracker.getActiveSpan(key) === undefined) {
      tracker.startSpan({ key, label: move.label, blockType: 'effort' });
      tracker.recordMetric(key, 'exerciseId', move.exerciseId, '');
    }
    const remaining = CAP_MS - tracker.totals(rootId)!.elapsedMs;
    if (remaining < move.ms) {
      clock.advance(remaining);
      tracker.recordMetric(key, 'reps', Math.floor((move.reps * remaining) / move.ms), 'reps');
      tracker.endSpan(key);
      tracker.endSpan('cindy');
      return;
    }
    clock.advance(move.ms);
    tracker.recordMetric(key, 'reps', move.reps, 'reps');
    tracker.endSpan(key);
    m = (m + 1) % MOVES.length;
    if (m === 0) {
      round++;
      tracker.startSegment('cindy', 'round', `Round ${round}`, round - 1);
    }
  }
}

export async function main(print: (line: string) => void = console.log): Promise<ReloadResult> {
  const lines: string[] = [];
  const say = (line = ''): void => {
    lines.push(line);
    print(line);
  };
  // Stands in for localStorage (use `webStorage(localStorage)` in a browser).
  const storage = memoryStorage();

  // 1. The first page: Cindy with an autosave, until the tab goes away at 10:00.
  let autosave: Autosave | undefined;
  const first = runCindy({}, 600, (tracker) => {
    autosave = createAutosave(tracker, { storage, key: KEY });
  });
  await autosave!.flush(); // what a `pagehide` handler does
  autosave!.stop();
  const before = first.tracker.totals(first.rootId)!;
  say(`Saved at ${clockTime(before.totalMs)}: ${clockTime(before.elapsedMs)} of work, then the tab went away.`);

  // 2. Five minutes later the page loads again and finds the session.
  const saved = await loadAutosave(storage, KEY);
  if (saved === null) throw new Error('reload example: nothing was saved');
  const clock = createManualClock(saved.savedAt! + AWAY_MS);
  const tracker = ExecutionTracker.restore(saved, { clock, strict: true });
  const again = createAutosave(tracker, { storage, key: KEY });
  const root = tracker.getSpan(first.rootId)!;
  const gap = root.segments.find((s) => s.label === INTERRUPTED_LABEL)!;
  const t0 = root.startTime;
  say(`Reloaded at ${clockTime(clock.now() - t0)}: the root is ${root.status}${root.paused ? ', paused' : ''}.`);
  say(
    `Gap: '${gap.label}' [${gap.type}] from ${clockTime(gap.startTime - t0)} to ${clockTime(gap.endTime! - t0)} (${clockTime(gap.endTime! - gap.startTime)} away).`,
  );

  // 3. The athlete finishes; the last state is saved.
  finishCindy(tracker, clock, first.rootId);
  await again.flush();
  again.stop();
  const totals = tracker.totals(first.rootId)!;
  say(
    `Finished: total ${clockTime(totals.totalMs)}, elapsed ${clockTime(totals.elapsedMs)}, paused ${clockTime(totals.pausedMs)} (the 1:00 pause and the 5:00 away).`,
  );
  say();
  say(renderTree(tracker.getSnapshot()));
  return { gap, totals, text: lines.join('\n') };
}

const invoked = process.argv[1];
if (invoked !== undefined && import.meta.url === pathToFileURL(invoked).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
