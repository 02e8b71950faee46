import type { SplitStats } from './types';
import { percentile } from '../model/percentile';

/**
 * Statistics of round times (the splits): mean, *population* standard deviation (the rounds are the
 * whole workout, not a sample of it), coefficient of variation cv = stdev / mean, min, max and
 * the R-7 percentiles of `percentile`. No rounds: every figure is 0, which stays JSON-safe.
 */
export function splitStats(values: readonly number[]): SplitStats {
  const count = values.length;
  if (count === 0) return { count, mean: 0, stdev: 0, cv: 0, min: 0, max: 0, p50: 0, p75: 0, p90: 0, p95: 0, p99: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  let mean = sorted.reduce((s, v) => s + v, 0) / count;
  let stdev = Math.sqrt(sorted.reduce((s, v) => s + (v - mean) ** 2, 0) / count);
  if (!Number.isFinite(mean) || !Number.isFinite(stdev)) {
    // Huge times (a hand-made snapshot) overflow the sums: the same figures, scaled down first.
    const scale = Math.max(Math.abs(sorted[0]!), Math.abs(sorted[count - 1]!));
    const m = sorted.reduce((s, v) => s + v / scale, 0) / count;
    mean = m * scale;
    stdev = Math.sqrt(sorted.reduce((s, v) => s + (v / scale - m) ** 2, 0) / count) * scale;
  }
  return {
    count,
    mean,
    stdev,
    cv: mean === 0 ? 0 : stdev / mean,
    min: sorted[0]!,
    max: sorted[count - 1]!,
    p50: percentile(sorted, 50),
    p75: percentile(sorted, 75),
    p90: percentile(sorted, 90),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}
