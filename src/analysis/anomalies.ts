import { formatDuration } from '../model/format';
import type { Anomaly } from './types';
import { median } from '../model/percentile';
import type { RoundRead } from './rounds';
import { endAsOf, endedBy, listedSegments, type WorkoutTree } from '../model/workout-tree';

/** The thresholds of the anomalies, named so the docs and the tests can point at them. */
export const SLOW_ROUND_FACTOR = 1.5;
export const FATIGUE_MIN_ROUNDS = 3;
export const FATIGUE_RISE = 0.1;
export const LONG_PAUSE_MS = 60_000;

/**
 * `slow-round`: a finished round whose running time (pauses excluded) is longer than
 * 1.5 × the median of the finished rounds. Pauses are left out so that a pause is reported once,
 * as a `long-pause`, and does not also make its round look slow.
 */
export function slowRounds(rounds: readonly RoundRead[]): Anomaly[] {
  const times = rounds.map((r) => r.summary.elapsedMs);
  const mid = median(times);
  if (mid <= 0) return [];
  return rounds
    .filter((r) => r.summary.elapsedMs > SLOW_ROUND_FACTOR * mid)
    .map((r) => ({
      kind: 'slow-round' as const,
      label: r.summary.label,
      detail: `${formatDuration(r.summary.elapsedMs)} vs median ${formatDuration(mid)} (×${(r.summary.elapsedMs / mid).toFixed(2)})`,
    }));
}

/**
 * `fatigue`: round times rising through the workout. With n ≥ 3 finished rounds, fit a
 * least-squares line t(i) = a + b·i to their running times (pauses excluded) over the round
 * index i = 0 … n−1; it is fatigue when the fitted last round exceeds the fitted first by more
 * than 10 %: t(n−1) > 1.1 · t(0), with t(0) > 0. A line, unlike first-vs-last, is not fooled by
 * one bad round at either end.
 */
export function fatigue(rounds: readonly RoundRead[], label: string): Anomaly[] {
  const n = rounds.length;
  if (n < FATIGUE_MIN_ROUNDS) return [];
  const ys = rounds.map((r) => r.summary.elapsedMs);
  const meanX = (n - 1) / 2;
  const meanY = ys.reduce((s, y) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  ys.forEach((y, x) => {
    sxy += (x - meanX) * (y - meanY);
    sxx += (x - meanX) ** 2;
  });
  const slope = sxy / sxx;
  const first = meanY - slope * meanX;
  const last = first + slope * (n - 1);
  if (!(first > 0 && last > (1 + FATIGUE_RISE) * first)) return [];
  const rise = Math.round((last / first - 1) * 100);
  return [
    {
      kind: 'fatigue',
      label,
      detail: `round times rise ${formatDuration(slope)} per round over ${n} rounds: fitted ${formatDuration(first)} → ${formatDuration(last)} (+${rise} %)`,
    },
  ];
}

/**
 * `long-pause`: a pause longer than a minute. Pausing a span pauses its descendants too, each
 * with its own pause segment, so overlapping pause segments of the tree are merged into one
 * pause, named after the outermost span that paused.
 */
export function longPauses(tree: WorkoutTree): Anomaly[] {
  // In start order, stable: at one instant, the outermost span (started first) leads.
  const windows = listedSegments(tree, 'pause').map(({ segment, owner }) => ({
    start: segment.startTime,
    end: endAsOf(segment, tree.at),
    label: segment.label,
    span: owner.label,
    open: !endedBy(segment, tree.at),
  }));
  const merged: typeof windows = [];
  for (const w of windows) {
    const last = merged[merged.length - 1];
    if (last !== undefined && w.start <= last.end) {
      if (w.end > last.end) last.end = w.end;
      last.open ||= w.open;
    } else merged.push(w);
  }
  return merged
    .filter((w) => w.end - w.start > LONG_PAUSE_MS)
    .map((w) => ({
      kind: 'long-pause' as const,
      label: w.label,
      detail: `${formatDuration(w.end - w.start)} at ${formatDuration(w.start - tree.root.startTime)} in ${w.span}${w.open ? ' (still paused)' : ''}`,
    }));
}
