/**
 * A small stack-based block runtime wired to workout-spans through its public entries, and four
 * workouts run through it: `main()` prints each session's tree and summary (`npm run demo`).
 */
import type { MetricRejectedEvent } from 'workout-spans';
import { summarize, type WorkoutSummary } from 'workout-spans/analysis';
import { formatDuration, renderTree } from 'workout-spans/export';
import {
  runCindyThroughRuntime,
  runEmomThroughActions,
  runFranThroughActions,
  runTabataThroughRuntime,
  type WorkoutRun,
} from './sample-runs';

export { BlockRuntime, PushBlockAction, PopBlockAction } from './block-runtime';
export type { Block, Behavior, Turn, RuntimeStack, PopOptions, NextInput } from './block-runtime';
export { StartSpanAction, UpdateSpanAction, EndSpanAction } from './span-actions';
export * from './behaviors';
export * from './blocks';
export * from './workouts';
export { simulate, type Athlete, type ScriptedEvent, type SimulateOptions } from './simulate';
export * from './sample-runs';

/** One line of figures for a summary: score, running time, rest, pauses, rounds. */
export function summaryLine(s: WorkoutSummary): string {
  const t = s.totals;
  const rounds = s.rounds.filter((r) => r.finished).length;
  return (
    `score ${s.score.display} · elapsed ${formatDuration(t.elapsedMs)} (work ${formatDuration(t.workMs)}, rest ${formatDuration(t.restMs)})` +
    ` · paused ${formatDuration(t.pausedMs)} · ${rounds} finished round${rounds === 1 ? '' : 's'}` +
    (s.splits.count > 0 ? ` · split p50 ${formatDuration(s.splits.p50)}` : '')
  );
}

/**
 * Runs Fran, Cindy (paused for a minute), an EMOM 10 and a Tabata through the block runtime, each in
 * its session, and prints each tree and summary line. Returns what it printed.
 */
export function main(print: (text: string) => void = (text) => console.log(text)): string {
  const out: string[] = [];
  const say = (text: string): void => {
    out.push(text);
    print(text);
  };
  const rejected: MetricRejectedEvent[] = [];
  const runs: [string, WorkoutRun][] = [
    ['Fran', runFranThroughActions()],
    ['Cindy, paused from 5:20 to 6:20', runCindyThroughRuntime()],
    ['EMOM 10', runEmomThroughActions({}, (run) => run.executionTracker.on('metric:rejected', (e) => rejected.push(e)))],
    ['Tabata', runTabataThroughRuntime()],
  ];
  for (const [title, run] of runs) {
    const snapshot = run.executionTracker.getSnapshot();
    say(`${title}, through the block runtime:`);
    say(renderTree(snapshot, { segments: false }));
    say(`  ${summaryLine(summarize(snapshot))}`);
    say('');
  }
  for (const r of rejected) say(`rejected: ${String(r.value)} ${r.key} on '${r.blockId}' (${r.reason})`);
  return out.join('\n');
}
