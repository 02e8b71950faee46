import { summarize, type WorkoutSummary } from 'workout-spans/analysis';
import type { TrackerSnapshot } from 'workout-spans';
import { formatDuration } from '../model/format';
import type { TimelineModel } from './timeline-model';
import { FONT, HEAD_FONT } from './timeline-style';
import { fitLabel, fits, TEXT_PAD } from './timeline-text';

/** The timeline's heading: what was drawn and what it scored. */

/** The summary of the one workout drawn, or undefined when several are drawn or it cannot be summarised. */
export function summaryOf(snapshot: TrackerSnapshot, model: TimelineModel, rootSpanId: string | undefined): WorkoutSummary | undefined {
  if (model.roots.length !== 1) return undefined;
  try {
    return summarize(snapshot, { at: model.at, rootSpanId });
  } catch {
    // A snapshot the drawing can read but the analysis cannot: the heading goes without a score.
    return undefined;
  }
}

/** The heading: the name and the score, then totals worth knowing; each line fitted to the width. */
export function heading(name: string, summary: WorkoutSummary | undefined, plotW: number): { title: string; detail: string; full: string } {
  const score = summary?.score.display;
  const items: string[] = [];
  if (summary !== undefined) {
    const t = summary.totals;
    if (summary.score.type !== 'time') items.push(`${formatDuration(t.elapsedMs)} running`);
    if (t.restMs > 0) items.push(`${formatDuration(t.restMs)} rest`);
    if (t.pausedMs > 0) items.push(`${formatDuration(t.pausedMs)} paused`);
    const reps = summary.exercises.reduce((n, e) => n + e.reps, 0);
    if (reps > 0 && Number.isFinite(reps)) items.push(`${reps} reps`);
  }
  const full = score === undefined ? name : `${name} · ${score}`;
  let title = full;
  if (!fits(full, plotW + 2 * TEXT_PAD, HEAD_FONT, true)) {
    title = fitLabel(name, plotW + 2 * TEXT_PAD, HEAD_FONT, true);
    if (score !== undefined) items.unshift(`score ${score}`);
  }
  while (items.length > 0 && !fits(items.join(' · '), plotW + 2 * TEXT_PAD, FONT)) items.pop();
  return { title, detail: items.join(' · '), full };
}
