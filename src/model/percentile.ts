/**
 * Percentiles by linear interpolation between order statistics: Hyndman & Fan's definition 7 (R's
 * default `type = 7`, NumPy's default `'linear'`, Excel's `PERCENTILE.INC`).
 *
 * For n sorted values x[0] ≤ … ≤ x[n-1] and p in [0, 100]: h = (n − 1)·p/100, j = ⌊h⌋,
 * P(p) = x[j] + (h − j)·(x[j+1] − x[j]). So P(0) is the minimum, P(100) the maximum, P(50) the
 * median (the mean of the two middle values for an even n), and P is non-decreasing in p.
 */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  if (typeof p !== 'number' || !(p >= 0 && p <= 100)) throw new RangeError(`percentile: p must be in [0, 100], got ${String(p)}`);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const { j, w } = percentileRank(n, p);
  return interpolate(sorted[j]!, sorted[Math.min(j + 1, n - 1)]!, w);
}

/**
 * The R-7 figure between the two order statistics `lo` ≤ `hi` at fraction `w` of the way, kept
 * within [lo, hi] even where `hi − lo` would overflow.
 */
export function interpolate(lo: number, hi: number, w: number): number {
  if (w === 0 || lo === hi) return lo;
  const d = hi - lo;
  const v = Number.isFinite(d) ? lo + w * d : (1 - w) * lo + w * hi;
  return Math.min(hi, Math.max(lo, v));
}

/** The rank position R-7 reads for percentile `p` of `n` values: order statistics `j`, `j+1` and the weight `w`. */
export function percentileRank(n: number, p: number): { j: number; w: number } {
  const h = ((n - 1) * p) / 100;
  const j = Math.floor(h);
  return { j, w: h - j };
}

/** Percentiles of unsorted values (copied and sorted; the input is left as it is). */
export function percentiles<P extends number>(values: Iterable<number>, ps: readonly P[]): Record<P, number> {
  const sorted = Float64Array.from(values).sort();
  const out = {} as Record<P, number>;
  for (const p of ps) out[p] = percentileOfSorted(sorted, p);
  return out;
}

/**
 * The p-th percentile (0 ≤ p ≤ 100) of values sorted ascending, by linear interpolation between the
 * closest ranks (Hyndman & Fan type 7, R's and NumPy's default): with n values the rank is
 * h = (n − 1)·p/100, and the result x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). So p50 of an odd count is
 * the middle value, and p0 / p100 are the min / max. It is the aggregator's method
 * (`percentileOfSorted`), so a summary and an aggregator agree. An empty list gives 0 (JSON-safe).
 */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? 0 : percentileOfSorted(sorted, p);
}

/** The median of unsorted values (R-7 p50). */
export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((x, y) => x - y),
    50,
  );
}
