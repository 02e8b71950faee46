import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { downsample } from 'workout-spans/analysis';

const series = (v: number[]) => ({ unit: 'bpm', t: v.map((_, i) => i * 1000), v });

describe('downsample (largest-triangle-three-buckets)', () => {
  it('keeps the first and last points and a lone peak', () => {
    const out = downsample(series([0, 0, 0, 0, 10, 0, 0, 0, 0, 0]), 3);
    expect(out).toEqual({ unit: 'bpm', t: [0, 4000, 9000], v: [0, 10, 0] });
  });

  it('returns the input itself when it has no more points than asked', () => {
    const input = series([1, 2, 3]);
    expect(downsample(input, 3)).toBe(input);
    expect(downsample(input, 100)).toBe(input);
  });

  it('with 2 points keeps the ends', () => {
    expect(downsample(series([5, 9, 1, 7]), 2)).toEqual({ unit: 'bpm', t: [0, 3000], v: [5, 7] });
  });

  it('reads typed arrays and answers plain arrays', () => {
    const out = downsample({ t: Float64Array.from([0, 1, 2, 3, 4]), v: Float64Array.from([1, 5, 1, 1, 1]) }, 3);
    expect(out).toEqual({ t: [0, 1, 4], v: [1, 5, 1] });
  });

  it.each([Number.NaN, 0, 1, -3, 2.5, Infinity, '10', undefined])('refuses %s points with a TypeError', (n) => {
    expect(() => downsample(series([1, 2, 3]), n as number)).toThrow(TypeError);
  });

  it('refuses a series that is not one (no arrays, or t and v of different lengths) with a TypeError', () => {
    for (const bad of [null, 5, {}, { t: [1, 2], v: [1] }, { t: 'ab', v: 'cd' }])
      expect(() => downsample(bad as never, 2)).toThrow(TypeError);
  });

  it('property: N points of the input, in order, first and last kept, the highest value kept when it is a lone spike', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 3, maxLength: 300 }),
        fc.integer({ min: 2, max: 400 }),
        (values, n) => {
          const input = series(values);
          const out = downsample(input, n);
          const length = Math.min(n, values.length);
          expect(out.t.length).toBe(length);
          expect(out.v.length).toBe(length);
          expect(out.t[0]).toBe(0);
          expect(out.t[length - 1]).toBe((values.length - 1) * 1000);
          let last = -1;
          for (let i = 0; i < length; i++) {
            const index = out.t[i]! / 1000;
            expect(index).toBeGreaterThan(last);
            expect(out.v[i]).toBe(values[index]);
            last = index;
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('every point between the ends falls in a bucket, even where the bucket width rounds down (255 points to 57)', () => {
    // 253 / 55 = 4.6 in floating point gives 55 × 4.6 = 252.99…: the last bucket stopped before point 253.
    const values = new Array<number>(255).fill(50);
    values[253] = 200;
    expect(Array.from(downsample(series(values), 57).v)).toContain(200);
  });

  it('property: a spike on a flat line survives any N ≥ 3', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 500 }), fc.nat(), fc.integer({ min: 3, max: 100 }), (length, at, n) => {
        const values = new Array<number>(length).fill(50);
        values[at % length] = 200;
        expect(Array.from(downsample(series(values), n).v)).toContain(200);
      }),
      { numRuns: 200 },
    );
  });
});
