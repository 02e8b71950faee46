import { lowerBound, upperBound } from './list';
import type { SampleRange, SampleSeries, SamplesView } from './types';

/** The samples of one key under one root: times (epoch ms, in order) and values, at the same length. */
export interface SeriesColumns {
  readonly key: string;
  readonly unit: string;
  readonly t: Float64Array;
  readonly v: Float64Array;
}

/** The series of one workout root, keys in the order their first sample came. */
export interface RootColumns {
  readonly root: string;
  readonly series: readonly SeriesColumns[];
}

/** A series as a caller hands it to `samplesView`. */
export interface SeriesInput {
  root: string;
  key: string;
  unit: string;
  t: ArrayLike<number>;
  v: ArrayLike<number>;
}

function rangeEnd(range: SampleRange | undefined, name: 'from' | 'to'): number | undefined {
  if (range === undefined) return undefined;
  let value: unknown;
  try {
    value = range[name];
  } catch {
    throw new TypeError(`samples.get: range.${name} could not be read`);
  }
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || Number.isNaN(value)) throw new TypeError(`samples.get: range.${name} must be a number`);
  return value;
}

/**
 * An immutable view of sensor samples, per root and key, over columns of times and values
 * (Float64Array, used as they are: callers must not write to them). Its one own field, `content`,
 * holds everything it answers in a canonical order (roots, then each root's keys, in the order their
 * first sample came), so two views compare equal (deep equality) exactly when they answer alike.
 */
export class ColumnSamples implements SamplesView {
  readonly content: readonly RootColumns[];

  /** `content` is taken as it is (no copy, no check): build checked views with `samplesView`. */
  constructor(content: readonly RootColumns[]) {
    this.content = content;
    Object.freeze(this);
  }

  roots(): string[] {
    return this.content.map((r) => r.root);
  }

  keys(rootSpanId: string): string[] {
    const root = this.#root(rootSpanId);
    return root === undefined ? [] : root.series.map((s) => s.key);
  }

  get(rootSpanId: string, key: string, range?: SampleRange): SampleSeries | undefined {
    if (range !== undefined && (range === null || typeof range !== 'object')) throw new TypeError('samples.get: range must be an object');
    const from = rangeEnd(range, 'from');
    const to = rangeEnd(range, 'to');
    const series = this.#root(rootSpanId)?.series.find((s) => s.key === key);
    if (series === undefined) return undefined;
    const { t, v, unit } = series;
    const lo = from === undefined ? 0 : lowerBound(t, from);
    const hi = to === undefined ? t.length : Math.max(lo, upperBound(t, to));
    if (lo === 0 && hi === t.length) return Object.freeze({ unit, t, v });
    return Object.freeze({ unit, t: t.subarray(lo, hi), v: v.subarray(lo, hi) });
  }

  #root(rootSpanId: string): RootColumns | undefined {
    for (const r of this.content) if (r.root === rootSpanId) return r;
    return undefined;
  }
}

/** The view of a snapshot with no samples. */
export const NO_SAMPLES: SamplesView = new ColumnSamples(Object.freeze([]));

function column(values: ArrayLike<number>, what: string): Float64Array {
  if (values instanceof Float64Array) return values;
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number')
    throw new TypeError(`samplesView: ${what} must be an array of numbers`);
  return Float64Array.from(values as ArrayLike<number>);
}

/**
 * A checked samples view from a list of series (roots and their keys in the order given). Times must
 * be finite and in order, values finite, both of the same length; a Float64Array is used as it is.
 * Throws a TypeError for anything else (a programming error).
 */
export function samplesView(series: Iterable<SeriesInput>): SamplesView {
  try {
    return checkedView(series);
  } catch (cause) {
    if (cause instanceof TypeError) throw cause;
    throw new TypeError(`samplesView: the series could not be read (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
  }
}

function checkedView(series: Iterable<SeriesInput>): SamplesView {
  if (series === null || typeof series !== 'object' || typeof (series as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function') {
    throw new TypeError('samplesView: expected a list of series');
  }
  const roots = new Map<string, SeriesColumns[]>();
  for (const s of series) {
    if (s === null || typeof s !== 'object') throw new TypeError('samplesView: each series must be an object');
    const { root, key, unit } = s;
    if (typeof root !== 'string' || root.length === 0) throw new TypeError('samplesView: root must be a non-empty string');
    if (typeof key !== 'string' || key.length === 0) throw new TypeError('samplesView: key must be a non-empty string');
    if (typeof unit !== 'string') throw new TypeError('samplesView: unit must be a string');
    const t = column(s.t, 't');
    const v = column(s.v, 'v');
    if (t.length !== v.length) throw new TypeError(`samplesView: ${root}/${key} has ${t.length} times and ${v.length} values`);
    for (let i = 0; i < t.length; i++) {
      if (!Number.isFinite(t[i]!) || (i > 0 && t[i]! < t[i - 1]!))
        throw new TypeError(`samplesView: ${root}/${key}: times must be finite and in order`);
      if (!Number.isFinite(v[i]!)) throw new TypeError(`samplesView: ${root}/${key}: values must be finite`);
    }
    let list = roots.get(root);
    if (list === undefined) roots.set(root, (list = []));
    if (list.some((x) => x.key === key)) throw new TypeError(`samplesView: ${root}/${key} given twice`);
    list.push(Object.freeze({ key, unit, t, v }));
  }
  if (roots.size === 0) return NO_SAMPLES;
  const content: RootColumns[] = [];
  for (const [root, list] of roots) content.push(Object.freeze({ root, series: Object.freeze(list) }));
  return new ColumnSamples(Object.freeze(content));
}
