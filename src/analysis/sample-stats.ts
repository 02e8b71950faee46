import type { SampleStats } from './types';
import { percentileOfSorted } from '../model/percentile';

/**
 * Count, min, max, mean and median (R-7, as the splits) of the values of a series whose time lies
 * in [from, to], or [from, to) when `closed` is false. Values that are not finite numbers are left
 * out (a sensor's dropout), and so are points outside the window, whatever the view returned.
 * `undefined` when no value is left.
 */
export function sampleStats(
  unit: string,
  t: ArrayLike<number>,
  v: ArrayLike<number>,
  from: number,
  to: number,
  closed: boolean,
): SampleStats | undefined {
  const n = Math.min(t.length, v.length);
  const values: number[] = [];
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const time = t[i]!;
    const value = v[i]!;
    if (!(time >= from && (time < to || (closed && time === to))) || typeof value !== 'number' || !Number.isFinite(value)) continue;
    values.push(value);
    sum += value;
  }
  const count = values.length;
  if (count === 0) return undefined;
  const sorted = Float64Array.from(values).sort();
  // A sum of huge values can overflow where their mean does not.
  const mean = Number.isFinite(sum) ? sum / count : values.reduce((m, x) => m + x / count, 0);
  return { unit, count, min: sorted[0]!, max: sorted[count - 1]!, mean, p50: percentileOfSorted(sorted, 50) };
}
