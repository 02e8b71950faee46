import { interpolate, percentileRank } from '../model/percentile';

/**
 * Counts per bucket over a window of at most `maxBuckets` consecutive bucket keys. When a key would
 * widen the window beyond that, the lowest keys (the smallest magnitudes) are merged into the lowest
 * key kept: memory stays bounded, and only the smallest magnitudes lose their accuracy.
 */
class BucketWindow {
  #counts: number[] = [];
  #minKey = 0;
  total = 0;
  /** Whether low buckets were ever merged (the accuracy guarantee then no longer covers them). */
  collapsed = false;

  readonly maxBuckets: number;

  constructor(maxBuckets: number) {
    this.maxBuckets = maxBuckets;
  }

  get size(): number {
    return this.#counts.length;
  }

  add(key: number): void {
    this.total++;
    const counts = this.#counts;
    if (counts.length === 0) {
      this.#minKey = key;
      counts.push(1);
      return;
    }
    const maxKey = this.#minKey + counts.length - 1;
    if (key < this.#minKey) {
      // Widen downwards as far as allowed; a key below that joins the lowest bucket kept.
      const newMin = Math.max(key, maxKey - this.maxBuckets + 1);
      if (newMin < this.#minKey) {
        counts.unshift(...new Array<number>(this.#minKey - newMin).fill(0));
        this.#minKey = newMin;
      }
      if (key < newMin) this.collapsed = true;
      counts[0]!++;
      return;
    }
    if (key > maxKey) {
      if (key - this.#minKey + 1 > this.maxBuckets) this.#shiftLowTo(key - this.maxBuckets + 1);
      const last = this.#minKey + counts.length - 1;
      for (let k = last + 1; k <= key; k++) counts.push(0);
    }
    counts[key - this.#minKey]!++;
  }

  /** Merges every bucket below `newMin` into bucket `newMin`. */
  #shiftLowTo(newMin: number): void {
    const counts = this.#counts;
    const drop = Math.min(newMin - this.#minKey, counts.length);
    let merged = 0;
    for (let i = 0; i < drop; i++) merged += counts[i]!;
    counts.splice(0, drop);
    if (counts.length === 0) counts.push(0);
    counts[0]! += merged;
    this.#minKey = newMin;
    if (merged > 0) this.collapsed = true;
  }

  /** The key of the bucket holding the value of rank `r` (0-based, lowest key first). */
  keyAtRank(r: number): number {
    let seen = 0;
    const counts = this.#counts;
    for (let i = 0; i < counts.length; i++) {
      seen += counts[i]!;
      if (seen > r) return this.#minKey + i;
    }
    return this.#minKey + counts.length - 1;
  }
}

/**
 * A log-bucket quantile sketch in the manner of DDSketch (Masson, Rim & Lee, VLDB 2019), written
 * here: a non-zero value x goes to bucket k = ⌈log_γ |x|⌉ with γ = (1 + α)/(1 − α), one window of
 * buckets per sign plus a count of zeros. A bucket k is read back as 2γ^k/(γ + 1), which is within a
 * relative error α of every value the bucket can hold. So an order statistic read from the sketch
 * is within α·|x| of the true one, x, for any data, as long as no bucket was merged (`collapsed`).
 *
 * Memory: at most `2·maxBuckets + O(1)` numbers, whatever the number of values. With α = 1 % and
 * 2048 buckets, merging starts only when one sign's non-zero magnitudes span a ratio above
 * γ^2048 ≈ 6·10^17 (1 ms to 19 million years).
 */
export class LogSketch {
  readonly relativeAccuracy: number;
  readonly #lnGamma: number;
  readonly #lnScale: number;
  readonly #pos: BucketWindow;
  readonly #neg: BucketWindow;
  #zeros = 0;

  constructor(relativeAccuracy = 0.01, maxBuckets = 2048) {
    if (!(relativeAccuracy > 0 && relativeAccuracy < 1))
      throw new RangeError(`LogSketch: relativeAccuracy must be in (0, 1), got ${String(relativeAccuracy)}`);
    if (!Number.isInteger(maxBuckets) || maxBuckets < 1)
      throw new RangeError(`LogSketch: maxBuckets must be an integer ≥ 1, got ${String(maxBuckets)}`);
    this.relativeAccuracy = relativeAccuracy;
    const gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
    this.#lnGamma = Math.log(gamma);
    this.#lnScale = Math.log(2 / (gamma + 1));
    this.#pos = new BucketWindow(maxBuckets);
    this.#neg = new BucketWindow(maxBuckets);
  }

  get count(): number {
    return this.#pos.total + this.#neg.total + this.#zeros;
  }

  /** Buckets held (both signs), the sketch's memory in numbers. */
  get buckets(): number {
    return this.#pos.size + this.#neg.size;
  }

  /** Whether buckets were ever merged: the α guarantee then does not cover the smallest magnitudes. */
  get collapsed(): boolean {
    return this.#pos.collapsed || this.#neg.collapsed;
  }

  add(x: number): void {
    if (x === 0) this.#zeros++;
    else if (x > 0) this.#pos.add(this.#key(x));
    else this.#neg.add(this.#key(-x));
  }

  /** Estimate of the order statistic of rank `r` (0-based): negatives, then zeros, then positives. */
  valueAtRank(r: number): number {
    const neg = this.#neg.total;
    if (r < neg) return -this.#value(this.#neg.keyAtRank(neg - 1 - r));
    if (r < neg + this.#zeros) return 0;
    return this.#value(this.#pos.keyAtRank(r - neg - this.#zeros));
  }

  /** R-7 percentile (see `percentileOfSorted`) over the estimated order statistics, within [min, max]. */
  percentile(p: number, min: number, max: number): number {
    const n = this.count;
    if (n === 0) return Number.NaN;
    const { j, w } = percentileRank(n, p);
    const clamp = (v: number): number => Math.min(max, Math.max(min, v));
    const lo = clamp(this.valueAtRank(j));
    return w === 0 ? lo : interpolate(lo, clamp(this.valueAtRank(Math.min(j + 1, n - 1))), w);
  }

  #key(magnitude: number): number {
    return Math.ceil(Math.log(magnitude) / this.#lnGamma);
  }

  #value(key: number): number {
    // 2γ^k/(γ + 1), computed in logs so that the top buckets do not overflow.
    return Math.min(Number.MAX_VALUE, Math.exp(key * this.#lnGamma + this.#lnScale));
  }
}
