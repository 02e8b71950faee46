import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LogSketch } from '../../src/aggregation/log-sketch';
import { Series, type SeriesSummary } from '../../src/aggregation/series';
import { neighbours, PS, referencePercentile, seeded } from './reference';

const ALPHA = 0.01;
/** Float slack on top of the documented bound (bucket keys come from Math.log). */
const SLACK = 1e-9;

function expectExact(summary: SeriesSummary, values: readonly number[]): void {
  expect(summary.count).toBe(values.length);
  // A series reads -0 as 0 (`+ 0` does the same to the reference).
  expect(summary.min).toBe(Math.min(...values) + 0);
  expect(summary.max).toBe(Math.max(...values) + 0);
  const sum = values.reduce((a, b) => a + b, 0);
  expect(Math.abs(summary.sum - sum)).toBeLessThanOrEqual(
    1e-9 *
      Math.max(
        1,
        values.reduce((a, b) => a + Math.abs(b), 0),
      ),
  );
  for (const p of PS) {
    const want = referencePercentile(values, p) + 0;
    // The same formula; the implementation also keeps the result within its two order statistics.
    expect(Math.abs(summary[`p${p}`] - want)).toBeLessThanOrEqual(1e-12 * Math.abs(want));
  }
}

/** The documented sketch bound: |estimate − exact| ≤ α · max(|x_(j)|, |x_(j+1)|). */
function expectWithinSketchBound(summary: SeriesSummary, values: readonly number[], alpha = ALPHA): void {
  for (const p of PS) {
    const want = referencePercentile(values, p);
    const [lo, hi] = neighbours(values, p);
    const bound = alpha * Math.max(Math.abs(lo), Math.abs(hi)) * (1 + SLACK) + 1e-12;
    expect(Math.abs(summary[`p${p}`] - want), `p${p}: ${summary[`p${p}`]} vs ${want}`).toBeLessThanOrEqual(bound);
  }
}

describe('Series: exact up to N samples, then a log-bucket sketch', () => {
  it('an empty series reads as zeros with count 0 (JSON-safe)', () => {
    const s = new Series();
    expect(s.read()).toEqual({ count: 0, sum: 0, min: 0, max: 0, mean: 0, p50: 0, p75: 0, p90: 0, p95: 0, p99: 0 });
    expect(JSON.parse(JSON.stringify(s.read()))).toEqual(s.read());
    expect(Object.isFrozen(s.read())).toBe(true);
  });

  it('ignores what is not a finite number', () => {
    const s = new Series();
    for (const v of [Number.NaN, Infinity, -Infinity, '3' as never, 4]) s.add(v);
    expect(s.read()).toMatchObject({ count: 1, sum: 4, min: 4, max: 4, p50: 4 });
  });

  it('in exact mode matches the sorted-array reference on random data', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 300 }), (values) => {
        const s = new Series();
        values.forEach((v) => s.add(v));
        expectExact(s.read(), values);
        expect(s.footprint()).toEqual({ mode: 'exact', samples: values.length, buckets: 0, collapsed: false });
      }),
      { numRuns: 300 },
    );
  });

  it('the same summary object is returned until a value is added', () => {
    const s = new Series();
    s.add(1);
    const first = s.read();
    expect(s.read()).toBe(first);
    s.add(2);
    expect(s.read()).not.toBe(first);
    expect(s.read().p50).toBe(1.5);
  });

  it('in sketch mode stays within α = 1 % of the exact R-7 figure on positive data spanning 12 decades', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1e-3, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 400 }),
        fc.nat({ max: 50 }),
        (values, exactSamples) => {
          const s = new Series({ exactSamples });
          values.forEach((v) => s.add(v));
          const r = s.read();
          expect([r.count, r.min, r.max]).toEqual([values.length, Math.min(...values), Math.max(...values)]);
          expectWithinSketchBound(r, values);
          for (const p of PS)
            expect(Math.abs(r[`p${p}`] - referencePercentile(values, p))).toBeLessThanOrEqual(
              ALPHA * (1 + SLACK) * referencePercentile(values, p),
            );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('in sketch mode keeps the bound on mixed signs, zeros and repeated integers', () => {
    // Magnitudes below 1e-6 become 0: the bound needs one sign's magnitudes within a ratio of γ^2048.
    const value = fc.oneof(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => (Math.abs(v) < 1e-6 ? 0 : v)),
      fc.constant(0),
      fc.integer({ min: -30, max: 30 }),
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 300 }), (values) => {
        const s = new Series({ exactSamples: 0 });
        values.forEach((v) => s.add(v));
        expectWithinSketchBound(s.read(), values);
      }),
      { numRuns: 200 },
    );
  });

  it('a 2-hour session at 1 Hz (7 200 heart-rate values) stays exact within 7 200 samples', () => {
    const rand = seeded(7);
    const s = new Series();
    const values: number[] = [];
    for (let t = 0; t < 7_200; t++) {
      const hr = Math.round(90 + 60 * Math.sin(t / 600) ** 2 + 20 * rand());
      values.push(hr);
      s.add(hr);
    }
    expect(s.footprint()).toEqual({ mode: 'exact', samples: 7_200, buckets: 0, collapsed: false });
    expectExact(s.read(), values);
  });

  it('100 000 values turn into a sketch of bounded size whose percentiles stay within 1 %', () => {
    const rand = seeded(42);
    const s = new Series();
    const values: number[] = [];
    for (let i = 0; i < 100_000; i++) {
      // Round durations from 1 s to an hour, log-uniform, in ms.
      const v = Math.round(1000 * Math.exp(rand() * Math.log(3600)));
      values.push(v);
      s.add(v);
      if (i === 9_999) expect(s.footprint().mode).toBe('exact');
      if (i === 10_000) expect(s.footprint()).toMatchObject({ mode: 'sketch', samples: 0 });
    }
    const fp = s.footprint();
    expect(fp.mode).toBe('sketch');
    expect(fp.samples).toBe(0);
    // ⌈log_γ(3.6e6)⌉ − ⌈log_γ(1e3)⌉ + 1 buckets at most, far below the 2 × 2048 cap.
    expect(fp.buckets).toBeLessThanOrEqual(Math.ceil(Math.log(3600) / Math.log(1.01 / 0.99)) + 2);
    expect(fp.collapsed).toBe(false);
    const r = s.read();
    expect(r.count).toBe(100_000);
    expect(r.sum).toBe(values.reduce((a, b) => a + b, 0));
    expect([r.min, r.max]).toEqual([Math.min(...values), Math.max(...values)]);
    expectWithinSketchBound(r, values);
  });

  it('memory does not grow with the number of values once a sketch', () => {
    const rand = seeded(3);
    const s = new Series({ exactSamples: 100 });
    const sizes: number[] = [];
    for (let i = 1; i <= 200_000; i++) {
      s.add(60 + 140 * rand());
      if (i % 50_000 === 0) sizes.push(s.footprint().buckets);
    }
    expect(Math.max(...sizes)).toBeLessThanOrEqual(Math.ceil(Math.log(200 / 60) / Math.log(1.01 / 0.99)) + 2);
    expect(s.footprint().samples).toBe(0);
  });

  it('with a tiny bucket cap, merges the smallest magnitudes, says so, and keeps the high percentiles within α', () => {
    const rand = seeded(11);
    const s = new Series({ exactSamples: 0, maxBuckets: 64 });
    const values: number[] = [];
    for (let i = 0; i < 5_000; i++) {
      const v = Math.exp(rand() * Math.log(1e9)); // 1 to 1e9: about 1 036 buckets wide
      values.push(v);
      s.add(v);
    }
    const fp = s.footprint();
    expect(fp.buckets).toBeLessThanOrEqual(64);
    expect(fp.collapsed).toBe(true);
    const r = s.read();
    // p95 and p99 lie in the top 64 buckets (above 1e9 / γ^64 ≈ 2.8e8): still within α.
    for (const p of [95, 99] as const) {
      const want = referencePercentile(values, p);
      expect(Math.abs(r[`p${p}`] - want)).toBeLessThanOrEqual(ALPHA * (1 + SLACK) * want);
    }
  });

  it('refuses bad options', () => {
    expect(() => new Series({ exactSamples: -1 })).toThrow(RangeError);
    expect(() => new Series({ exactSamples: 1.5 })).toThrow(RangeError);
    expect(() => new Series({ relativeAccuracy: 0 })).toThrow(RangeError);
    expect(() => new Series({ relativeAccuracy: 1 })).toThrow(RangeError);
    expect(() => new Series({ maxBuckets: 0 })).toThrow(RangeError);
  });
});

describe('LogSketch', () => {
  it('reads each order statistic back within α of itself', () => {
    const value = fc.double({ min: -1e12, max: 1e12, noNaN: true }).map((v) => (Math.abs(v) < 1e-3 ? 0 : v));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 200 }), (values) => {
        const sketch = new LogSketch(ALPHA);
        values.forEach((v) => sketch.add(v));
        const sorted = [...values].sort((a, b) => a - b);
        expect(sketch.count).toBe(values.length);
        sorted.forEach((x, r) => expect(Math.abs(sketch.valueAtRank(r) - x)).toBeLessThanOrEqual(ALPHA * (1 + SLACK) * Math.abs(x)));
      }),
      { numRuns: 200 },
    );
  });

  it('handles subnormal and huge magnitudes without overflow', () => {
    const tiny = new LogSketch();
    for (const v of [5e-324, 1e-322, 1e-320]) tiny.add(v);
    expect(tiny.collapsed).toBe(false);
    expect(tiny.valueAtRank(0)).toBeGreaterThan(0);
    const huge = new LogSketch();
    for (const v of [1e300, 1.7e308, Number.MAX_VALUE, -Number.MAX_VALUE]) huge.add(v);
    expect(huge.collapsed).toBe(false);
    for (const r of [0, 3]) {
      expect(Number.isFinite(huge.valueAtRank(r))).toBe(true);
      expect(Math.abs(Math.abs(huge.valueAtRank(r)) - Number.MAX_VALUE)).toBeLessThanOrEqual(ALPHA * Number.MAX_VALUE);
    }
    expect(Math.abs(huge.valueAtRank(1) - 1e300)).toBeLessThanOrEqual(ALPHA * 1e300);
    expect(huge.percentile(50, -Number.MAX_VALUE, Number.MAX_VALUE)).toBeLessThanOrEqual(1.7e308 * (1 + ALPHA));
  });

  it('merges buckets once one sign spans more than maxBuckets, and says so', () => {
    const sketch = new LogSketch(ALPHA, 2048);
    sketch.add(1e-9);
    sketch.add(1e9); // 18 decades: about 2 072 buckets apart
    expect(sketch.collapsed).toBe(true);
    expect(sketch.buckets).toBeLessThanOrEqual(2048);
    expect(Math.abs(sketch.valueAtRank(1) - 1e9)).toBeLessThanOrEqual(ALPHA * 1e9);
  });
});
