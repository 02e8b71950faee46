import type { TimeSeries } from './types';

function isArrayLike(value: unknown): value is ArrayLike<number> {
  return (Array.isArray(value) || ArrayBuffer.isView(value)) && typeof (value as ArrayLike<number>).length === 'number';
}

/**
 * A series cut down to at most `points` points for display (a chart a few hundred pixels wide
 * does not need 7 200 heart-rate samples), by largest-triangle-three-buckets (Steinarsson, 2013):
 * the first and last points are kept; the points between are split into `points − 2` buckets of
 * equal count, and from each the point kept is the one that makes the largest triangle with the
 * point kept before it and the average of the next bucket. So peaks and troughs survive, unlike
 * with averaging or taking every n-th point.
 *
 * Every point returned is a point of the input, in input order. The input itself is returned when
 * it has no more than `points` points; otherwise a new series, with the input's other fields
 * (`unit`) and plain arrays `t` and `v`. `points` must be an integer ≥ 2 and `t` and `v` arrays (or
 * typed arrays) of one length, else a TypeError.
 */
export function downsample<S extends TimeSeries>(series: S, points: number): Omit<S, 't' | 'v'> & TimeSeries {
  if (series === null || typeof series !== 'object' || !isArrayLike(series.t) || !isArrayLike(series.v))
    throw new TypeError('downsample: expected a series { t, v } of arrays');
  const { t, v } = series;
  if (t.length !== v.length) throw new TypeError(`downsample: t and v differ in length (${t.length} and ${v.length})`);
  if (typeof points !== 'number' || !Number.isInteger(points) || points < 2)
    throw new TypeError(`downsample: points must be an integer ≥ 2, got ${String(points)}`);
  const n = t.length;
  if (n <= points) return series;
  const outT: number[] = [t[0]!];
  const outV: number[] = [v[0]!];
  const buckets = points - 2;
  // Where bucket b starts among the points between the ends, in integers: a width such as 253 / 55
  // times 55 comes out at 252.99… in floating point and would leave point 253 in no bucket.
  const bucketStart = (b: number): number => Math.floor((b * (n - 2)) / buckets) + 1;
  let a = 0;
  for (let bucket = 0; bucket < buckets; bucket++) {
    // The average point of the next bucket (the last point, for the last bucket).
    const nextStart = bucketStart(bucket + 1);
    const nextEnd = Math.min(bucketStart(bucket + 2), n);
    let avgT = 0;
    let avgV = 0;
    for (let i = nextStart; i < nextEnd; i++) {
      avgT += t[i]!;
      avgV += v[i]!;
    }
    avgT /= nextEnd - nextStart;
    avgV /= nextEnd - nextStart;
    const start = bucketStart(bucket);
    const end = nextStart;
    let kept = start;
    let largest = -1;
    for (let i = start; i < end; i++) {
      const area = Math.abs((t[a]! - avgT) * (v[i]! - v[a]!) - (t[a]! - t[i]!) * (avgV - v[a]!));
      if (area > largest) {
        largest = area;
        kept = i;
      }
    }
    outT.push(t[kept]!);
    outV.push(v[kept]!);
    a = kept;
  }
  outT.push(t[n - 1]!);
  outV.push(v[n - 1]!);
  return { ...series, t: outT, v: outV };
}
