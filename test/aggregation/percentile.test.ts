import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentileOfSorted } from 'workout-spans/aggregation';
import { percentiles } from '../../src/model/percentile';
import { referencePercentile } from './reference';

const finite = fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true });

describe('percentileOfSorted (R-7, linear interpolation between order statistics)', () => {
  it('gives the figures of R’s quantile(type = 7) / NumPy’s default', () => {
    expect(percentileOfSorted([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentileOfSorted([1, 2, 3, 4], 25)).toBe(1.75);
    expect(percentileOfSorted([1, 2, 3, 4], 75)).toBe(3.25);
    expect(percentileOfSorted([15, 20, 35, 40, 50], 40)).toBe(29);
    expect(percentileOfSorted([60_000, 75_000, 105_000], 50)).toBe(75_000);
    expect(percentileOfSorted([30_000, 40_000, 60_000], 90)).toBe(56_000);
    expect(percentileOfSorted([7], 99)).toBe(7);
    expect(percentileOfSorted(Float64Array.from([3, 9]), 0)).toBe(3);
    expect(percentileOfSorted([3, 9], 100)).toBe(9);
  });

  it('is NaN on no values, and refuses p outside [0, 100]', () => {
    expect(percentileOfSorted([], 50)).toBeNaN();
    for (const p of [-1, 101, Number.NaN, '50' as never]) expect(() => percentileOfSorted([1], p)).toThrow(RangeError);
  });

  it('matches the sorted-array reference on random data', () => {
    fc.assert(
      fc.property(fc.array(finite, { minLength: 1, maxLength: 200 }), fc.double({ min: 0, max: 100, noNaN: true }), (values, p) => {
        const sorted = Float64Array.from(values).sort();
        const got = percentileOfSorted(sorted, p);
        const want = referencePercentile(values, p);
        expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
      }),
      { numRuns: 300 },
    );
  });

  it('stays between the order statistics it interpolates, and never decreases with p', () => {
    fc.assert(
      fc.property(
        fc.array(finite, { minLength: 1, maxLength: 100 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (values, p, q) => {
          const sorted = Float64Array.from(values).sort();
          const [lo, hi] = p <= q ? [p, q] : [q, p];
          expect(percentileOfSorted(sorted, lo)).toBeLessThanOrEqual(percentileOfSorted(sorted, hi));
          const j = Math.floor(((sorted.length - 1) * p) / 100);
          const v = percentileOfSorted(sorted, p);
          expect(v).toBeGreaterThanOrEqual(sorted[j]!);
          expect(v).toBeLessThanOrEqual(sorted[Math.min(j + 1, sorted.length - 1)]!);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('does not overflow between huge values of opposite sign', () => {
    expect(percentileOfSorted([-1.7e308, 1.7e308], 50)).toBe(0);
    expect(Number.isFinite(percentileOfSorted([-1.7e308, 1.7e308], 30))).toBe(true);
  });

  it('percentiles() reads several at once from unsorted values, leaving them as they were', () => {
    const values = [9, 1, 5, 3];
    expect(percentiles(values, [0, 50, 100])).toEqual({ 0: 1, 50: 4, 100: 9 });
    expect(values).toEqual([9, 1, 5, 3]);
  });
});
