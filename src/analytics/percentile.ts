import { percentileOfSorted } from '../processors/percentile';

/**
 * The p-th percentile (0 ≤ p ≤ 100) of values sorted ascending, by linear interpolation between the
 * closest ranks (Hyndman & Fan type 7, R's and NumPy's default): with n values the rank is
 * h = (n − 1)·p/100, and the result x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). So p50 of an odd count is
 * the middle value, and p0 / p100 are the min / max. It is the aggregator's method (§9,
 * `percentileOfSorted`), so a summary and an aggregator agree. An empty list gives 0 (JSON-safe, §1).
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
