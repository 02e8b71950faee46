import type { SamplesView } from 'workout-spans';
import { ColumnSamples, NO_SAMPLES, type RootColumns, type SeriesColumns } from '../model/samples-view';
import type { SeriesModel } from './decode-document';
import { corrupt, type Obj } from './reader-kit';

/**
 * Checks decoded samples and builds their frozen view: a non-empty key, times finite and in order,
 * values finite; a root that names a span of the document names a root span (the samples of a
 * workout whose spans were archived keep their root's id). Returns the view and the latest time.
 */
export function readSamples(series: readonly SeriesModel[], spans: readonly Obj[]): { view: SamplesView; latest: number } {
  if (series.length === 0) return { view: NO_SAMPLES, latest: -Infinity };
  const parentOf = new Map<string, unknown>();
  for (const s of spans) parentOf.set(s.id as string, s.parentSpanId);
  const roots = new Map<string, SeriesColumns[]>();
  let latest = -Infinity;
  for (const s of series) {
    if (s.key.length === 0) corrupt(`${s.at}[1]`, 'expected a non-empty key');
    const parent = parentOf.get(s.root);
    if (parent !== undefined && parent !== null) corrupt(`${s.at}[0]`, `names a span that is not a root ('${s.root}')`);
    const t = s.n === s.t.length ? s.t : s.t.slice(0, s.n);
    const v = s.n === s.v.length ? s.v : s.v.slice(0, s.n);
    for (let i = 0; i < t.length; i++) {
      if (!Number.isFinite(t[i]!)) corrupt(`${s.at}[3][${i}]`, 'expected a finite time');
      if (i > 0 && t[i]! < t[i - 1]!) corrupt(`${s.at}[3][${i}]`, 'samples are not in time order');
      if (!Number.isFinite(v[i]!)) corrupt(`${s.at}[4][${i}]`, 'expected a finite number');
    }
    if (t.length > 0 && t[t.length - 1]! > latest) latest = t[t.length - 1]!;
    let list = roots.get(s.root);
    if (list === undefined) roots.set(s.root, (list = []));
    list.push(Object.freeze({ key: s.key, unit: s.unit, t, v }));
  }
  const content: RootColumns[] = [];
  for (const [root, list] of roots) content.push(Object.freeze({ root, series: Object.freeze(list) }));
  return { view: new ColumnSamples(Object.freeze(content)), latest };
}
