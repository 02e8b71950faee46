/**
 * The main job (`npm run demo`): simulated workouts on a manual clock. For each scenario, the span
 * tree with totals (total / elapsed / paused, work / rest), round splits and the summary; each
 * scenario's SVG timeline and FIT file are written to the folder printed at the end. Then four
 * workouts run by a small block runtime inside a session root, and a session saved and reloaded.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { toFit } from 'workout-spans/fit';
import { type ExecutionTracker } from 'workout-spans';
import { summarize, type WorkoutSummary } from 'workout-spans/analysis';
import { formatDuration, renderTimelineSvg, renderTree } from 'workout-spans/export';
import { main as reloadExample } from './reload';
import { main as runtimeExample } from './runtime/index';
import { runCindy } from './workouts/cindy';
import { runEmom } from './workouts/emom';
import { runFran } from './workouts/fran';

const OUT_DIR = resolve(process.env.WORKOUT_SPANS_DEMO_DIR ?? 'demo-output');

function printSummary(s: WorkoutSummary): void {
  const t = s.totals;
  console.log(
    `\nscore ${s.score.display} · total ${formatDuration(t.totalMs)} · elapsed ${formatDuration(t.elapsedMs)} · paused ${formatDuration(t.pausedMs)}` +
      ` · work ${formatDuration(t.workMs)} / rest ${formatDuration(t.restMs)}`,
  );
  const windows =
    s.rounds.length > 0
      ? s.rounds.map((r) => ({ label: r.label, ms: r.durationMs, reps: r.reps }))
      : s.minutes.map((m) => ({ label: m.label, ms: m.workMs + m.restMs, reps: m.reps }));
  console.log(s.rounds.length > 0 ? 'round splits:' : 'minutes:');
  for (const w of windows) console.log(`  ${w.label.padEnd(10)} ${formatDuration(w.ms).padStart(6)}  ${w.reps} reps`);
  if (s.splits.count > 0)
    console.log(`  p50 ${formatDuration(s.splits.p50)} · p90 ${formatDuration(s.splits.p90)} · cv ${s.splits.cv.toFixed(2)}`);
  for (const e of s.exercises) {
    console.log(`  ${e.exerciseId.padEnd(10)} ${String(e.reps).padStart(4)} reps${e.volume > 0 ? ` · volume ${e.volume}` : ''}`);
  }
  for (const a of s.anomalies) console.log(`  ! ${a.kind}: ${a.label} — ${a.detail}`);
}

function show(name: string, title: string, tracker: ExecutionTracker): void {
  const snapshot = tracker.getSnapshot();
  console.log(`\n=== ${title} ===`);
  console.log(renderTree(snapshot));
  printSummary(summarize(snapshot));
  writeFileSync(resolve(OUT_DIR, `${name}.svg`), renderTimelineSvg(snapshot, { title }));
  writeFileSync(resolve(OUT_DIR, `${name}.fit`), toFit(snapshot));
}

export async function main(): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  show('fran', 'Fran — For Time 21-15-9', runFran().tracker);
  show('cindy', 'Cindy — AMRAP 20, paused 1:00', runCindy().tracker);
  show('emom', 'EMOM 10 — 40 s work / 20 s rest', runEmom().tracker);

  console.log('\n=== Fran, Cindy, an EMOM and a Tabata inside a session, through a block runtime ===');
  runtimeExample();

  console.log('\n=== A page reload mid-workout ===');
  await reloadExample();

  console.log(`\nSVG timelines and FIT files written to ${OUT_DIR}`);
}

await main();
