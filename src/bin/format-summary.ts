import type { WorkoutSummary } from 'workout-spans/analysis';
import { formatDuration } from 'workout-spans/export';

const round2 = (n: number): string => String(Math.round(n * 100) / 100);

/** A workout summary as aligned text lines for the terminal (the report CLI, API.md §11). */
export function formatSummary(label: string, s: WorkoutSummary): string {
  const lines: [string, string][] = [];
  const t = s.totals;
  lines.push(['Score', s.score.type === 'time' ? `${s.score.display} (for time)` : `${s.score.display} (rounds + reps)`]);
  lines.push([
    'Time',
    `total ${formatDuration(t.totalMs)} · elapsed ${formatDuration(t.elapsedMs)} · paused ${formatDuration(t.pausedMs)} · work ${formatDuration(t.workMs)} / rest ${formatDuration(t.restMs)}`,
  ]);
  for (const r of s.rounds) {
    const paused = r.durationMs > r.elapsedMs ? ` (${formatDuration(r.elapsedMs)} running)` : '';
    lines.push([
      lines.some(([k]) => k === 'Rounds') ? '' : 'Rounds',
      `${r.label}  ${formatDuration(r.durationMs)}${paused}  ${r.reps} reps`,
    ]);
  }
  for (const m of s.minutes) {
    lines.push([
      lines.some(([k]) => k === 'Minutes') ? '' : 'Minutes',
      `${m.label}  ${m.reps} reps  work ${formatDuration(m.workMs)} / rest ${formatDuration(m.restMs)}`,
    ]);
  }
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
    lines.push([i === 0 ? 'Exercises' : '', `${e.exerciseId}: ${parts.join(' · ')}`]);
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
  s.anomalies.forEach((a, i) => lines.push([i === 0 ? 'Anomalies' : '', `${a.kind}: ${a.label} — ${a.detail}`]));
  const width = Math.max(...lines.map(([k]) => k.length));
  return [`Summary of ${label}`, ...lines.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)].join('\n');
}
