/** Test helpers: a sorted-array reference for R-7 percentiles, and a seeded random source. */

/** R-7 straight from its definition, on a sorted copy: x[j] + (h − j)(x[j+1] − x[j]), h = (n − 1)p/100. */
export function referencePercentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const h = ((sorted.length - 1) * p) / 100;
  const j = Math.floor(h);
  const lo = sorted[j]!;
  const hi = sorted[Math.min(j + 1, sorted.length - 1)]!;
  return lo + (h - j) * (hi - lo);
}

/** The two order statistics R-7 interpolates between for percentile p. */
export function neighbours(values: readonly number[], p: number): [number, number] {
  const sorted = [...values].sort((a, b) => a - b);
  const j = Math.floor(((sorted.length - 1) * p) / 100);
  return [sorted[j]!, sorted[Math.min(j + 1, sorted.length - 1)]!];
}

/** mulberry32: a small seeded generator, so that long series are the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const PS = [50, 75, 90, 95, 99] as const;
