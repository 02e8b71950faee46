import type { WorkoutSummary } from 'workout-spans/analysis';
import { formatDuration } from 'workout-spans/export';
import { displayValue } from '../model/json-text';
import { terminalText } from '../model/terminal-text';

const round2 = (n: number): string => String(Math.round(n * 100) / 100);

/** Text from the session (a label, an exercise, an anomaly's detail) as one line safe for a terminal. */
const t = (text: unknown): string => terminalText(displayValue(text));

/**
 * A workout summary as aligned text lines for the terminal (the report CLI). Every text from the
 * session stays on its line with its control characters shown, never obeyed.
 */
export function formatSummary(label: string, s: WorkoutSummary): string {
  const lines: [string, string][] = [];
  const totals = s.totals;
  lines.push(['Score', s.score.type === 'time' ? `${t(s.score.display)} (for time)` : `${t(s.score.display)} (rounds + reps)`]);
  lines.push([
    'Time',
    `total ${formatDuration(totals.totalMs)} · elapsed ${formatDuration(totals.elapsedMs)} · paused ${formatDuration(totals.pausedMs)} · work ${formatDuration(totals.workMs)} / rest ${formatDuration(totals.restMs)}`,
  ]);
  s.rounds.forEach((r, i) => {
    const paused = r.durationMs > r.elapsedMs ? ` (${formatDuration(r.elapsedMs)} running)` : '';
    lines.push([i === 0 ? 'Rounds' : '', `${t(r.label)}  ${formatDuration(r.durationMs)}${paused}  ${r.reps} reps`]);
  });
  s.minutes.forEach((m, i) => {
    lines.push([
      i === 0 ? 'Minutes' : '',
      `${t(m.label)}  ${m.reps} reps  work ${formatDuration(m.workMs)} / rest ${formatDuration(m.restMs)}`,
    ]);
  });
  if (s.splits.count > 0) {
    const p = s.splits;
    lines.push([
      'Splits',
      `${p.count} rounds · mean ${formatDuration(p.mean)} · p50 ${formatDuration(p.p50)} · p90 ${formatDuration(p.p90)} · min ${formatDuration(p.min)} · max ${formatDuration(p.max)} · cv ${round2(p.cv)}`,
    ]);
  }
  s.exercises.forEach((e, i) => {
    const parts = [`${e.reps} reps`];
    if (e.targetReps !== undefined) parts[0] += ` of ${e.targetReps}`;
    if (e.volume > 0) parts.push(`volume ${round2(e.volume)}`);
    if (e.distance > 0) parts.push(`${round2(e.distance)} distance`);
    parts.push(formatDuration(e.durationMs));
    lines.push([i === 0 ? 'Exercises' : '', `${t(e.exerciseId)}: ${parts.join(' · ')}`]);
  });
  const st = s.statuses;
  lines.push([
    'Spans',
    (['completed', 'active', 'failed', 'skipped'] as const)
      .filter((k) => st[k] > 0)
      .map((k) => `${st[k]} ${k}`)
      .join(' · ') || 'none',
  ]);
  if (s.anomalies.length === 0) lines.push(['Anomalies', 'none']);
  s.anomalies.forEach((a, i) => lines.push([i === 0 ? 'Anomalies' : '', `${t(a.kind)}: ${t(a.label)} — ${t(a.detail)}`]));
  const width = Math.max(...lines.map(([k]) => k.length));
  return [`Summary of ${t(label)}`, ...lines.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)].join('\n');
}
