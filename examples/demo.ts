/**
 * The main job: simulated workouts on a manual clock. For each, the span tree with its totals
 * (total / elapsed / paused, work / rest) and round splits.
 * Run with `npm run demo`.
 */
import { formatDuration } from '../src/model/format';
import { renderTree, type ExecutionTracker } from '../src/index';
import { runCindy } from './workouts/cindy';
import { runEmom } from './workouts/emom';
import { runFran } from './workouts/fran';

function splits(tracker: ExecutionTracker): string {
  const lines: string[] = [];
  for (const span of tracker.getSpans()) {
    for (const seg of span.segments) {
      if ((seg.type === 'round' || seg.type === 'minute') && seg.endTime !== undefined) {
        const reps = tracker.getSnapshot().metrics
          .filter((r) => r.key === 'reps' && r.segmentIds.includes(seg.id))
          .reduce((sum, r) => sum + (r.value as number), 0);
        lines.push(`  ${seg.label.padEnd(10)} ${formatDuration(seg.endTime - seg.startTime).padStart(6)}  ${reps} reps`);
      }
    }
  }
  return lines.join('\n');
}

function show(title: string, tracker: ExecutionTracker, rootId: string): void {
  const t = tracker.totals(rootId)!;
  console.log(`\n=== ${title} ===`);
  console.log(renderTree(tracker.getSnapshot()));
  console.log(
    `\ntotal ${formatDuration(t.totalMs)} · elapsed ${formatDuration(t.elapsedMs)} · paused ${formatDuration(t.pausedMs)}` +
      ` · work ${formatDuration(t.workMs)} / rest ${formatDuration(t.restMs)}`,
  );
  console.log('splits:');
  console.log(splits(tracker));
}

export function main(): void {
  const fran = runFran();
  show('Fran — For Time 21-15-9', fran.tracker, fran.timerId);
  const cindy = runCindy();
  show('Cindy — AMRAP 20, paused 1:00', cindy.tracker, cindy.rootId);
  const emom = runEmom();
  show('EMOM 10 — 40 s work / 20 s rest', emom.tracker, emom.rootId);
}

main();
