import { LogSketch } from './log-sketch';
import { percentileOfSorted } from '../model/percentile';

/** What a series reads as. */
export interface SeriesSummary {
  count: number;
  sum: number;
  min: number;
  max: number;
  mean: number;
  p50: number;
  p75: number;
  p90: number;
  p95: number;
  p99: number;
}

/** How much a series holds: its samples while exact, its buckets once it is a sketch. */
export interface SeriesFootprint {
  mode: 'exact' | 'sketch';
  /** Values kept one by one (0 in sketch mode). */
  samples: number;
  /** Sketch buckets held (0 in exact mode). */
  buckets: number;
  /** Sketch buckets were merged: the α guarantee no longer covers the smallest magnitudes. */
  collapsed: boolean;
}

export interface SeriesOptions {
  /** Values kept exactly before the series turns into a sketch (default 10 000). */
  exactSamples?: number;
  /** The sketch's relative accuracy α (default 0.01, i.e. 1 %). */
  relativeAccuracy?: number;
  /** Buckets per sign in the sketch (default 2048). */
  maxBuckets?: number;
}

export const DEFAULT_EXACT_SAMPLES = 10_000;
export const DEFAULT_RELATIVE_ACCURACY = 0.01;
export const DEFAULT_MAX_BUCKETS = 2048;

const EMPTY: SeriesSummary = Object.freeze({ count: 0, sum: 0, min: 0, max: 0, mean: 0, p50: 0, p75: 0, p90: 0, p95: 0, p99: 0 });

/**
 * One series of numbers with bounded memory: exact up to `exactSamples` values, then a `LogSketch`
 * (every value kept so far moves into it). `count`, `sum` (compensated), `min`, `max` and `mean`
 * stay exact; percentiles are exact in exact mode and within the sketch's relative accuracy after.
 */
export class Series {
  readonly #exactSamples: number;
  readonly #relativeAccuracy: number;
  readonly #maxBuckets: number;
  #samples: number[] | null = [];
  #sorted = true;
  #sketch: LogSketch | null = null;
  #count = 0;
  #sum = 0;
  #compensation = 0;
  #min = Infinity;
  #max = -Infinity;
  #summary: SeriesSummary | null = EMPTY;

  constructor(options: SeriesOptions = {}) {
    const {
      exactSamples = DEFAULT_EXACT_SAMPLES,
      relativeAccuracy = DEFAULT_RELATIVE_ACCURACY,
      maxBuckets = DEFAULT_MAX_BUCKETS,
    } = options;
    if (!Number.isInteger(exactSamples) || exactSamples < 0)
      throw new RangeError(`exactSamples must be an integer ≥ 0, got ${String(exactSamples)}`);
    new LogSketch(relativeAccuracy, maxBuckets); // validates both up front
    this.#exactSamples = exactSamples;
    this.#relativeAccuracy = relativeAccuracy;
    this.#maxBuckets = maxBuckets;
  }

  /** Adds a finite number (anything else is ignored). */
  add(x: number): void {
    if (typeof x !== 'number' || !Number.isFinite(x)) return;
    if (x === 0) x = 0; // -0 reads as 0
    this.#count++;
    // Neumaier's compensated sum: long series of ms durations keep their last digits.
    const t = this.#sum + x;
    this.#compensation += Math.abs(this.#sum) >= Math.abs(x) ? this.#sum - t + x : x - t + this.#sum;
    this.#sum = t;
    if (x < this.#min) this.#min = x;
    if (x > this.#max) this.#max = x;
    this.#summary = null;
    if (this.#samples !== null) {
      if (this.#samples.length < this.#exactSamples) {
        const n = this.#samples.length;
        if (this.#sorted && n > 0 && x < this.#samples[n - 1]!) this.#sorted = false;
        this.#samples.push(x);
        return;
      }
      this.#sketch = new LogSketch(this.#relativeAccuracy, this.#maxBuckets);
      for (const v of this.#samples) this.#sketch.add(v);
      this.#samples = null;
    }
    this.#sketch!.add(x);
  }

  /** The figures, as a frozen plain object (the same object until the next value). Empty: all 0. */
  read(): SeriesSummary {
    if (this.#summary !== null) return this.#summary;
    const pct = this.#percentileReader();
    const sum = this.#sum + this.#compensation;
    this.#summary = Object.freeze({
      count: this.#count,
      sum,
      min: this.#min,
      max: this.#max,
      mean: sum / this.#count,
      p50: pct(50),
      p75: pct(75),
      p90: pct(90),
      p95: pct(95),
      p99: pct(99),
    });
    return this.#summary;
  }

  footprint(): SeriesFootprint {
    return this.#samples !== null
      ? { mode: 'exact', samples: this.#samples.length, buckets: 0, collapsed: false }
      : { mode: 'sketch', samples: 0, buckets: this.#sketch!.buckets, collapsed: this.#sketch!.collapsed };
  }

  #percentileReader(): (p: number) => number {
    const samples = this.#samples;
    if (samples !== null) {
      if (!this.#sorted) {
        samples.sort((a, b) => a - b);
        this.#sorted = true;
      }
      return (p) => percentileOfSorted(samples, p);
    }
    const sketch = this.#sketch!;
    return (p) => sketch.percentile(p, this.#min, this.#max);
  }
}
