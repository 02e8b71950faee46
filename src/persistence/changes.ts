import type { ExecutionSpan, MetricRecord, SamplesView } from 'workout-spans';
import type { EncodeInput, SeriesRows } from './encode-document';
import { latestTime } from './snapshot-parts';

/**
 * What changed between two snapshots of one tracker, as a change entry for autosave: the spans that
 * are new or not the same object any more (a tracker hands out a new frozen span only when it
 * changed), the spans that are gone (archived, with their records), the records and samples added.
 * Null when the later snapshot is not the earlier one plus such changes (a list reordered, a record
 * gone without its span, samples rewritten): then only a whole copy says it.
 *
 * The comparison walks the lists by identity (one pointer compare per span and record, one number
 * compare per sample), so it costs microseconds even for a long session; the entry it gives costs
 * what changed.
 */
export function changesBetween(before: SavedState, after: CurrentState, savedAt: number): { input: EncodeInput; state: SavedState } | null {
  const spans = spanChanges(before.spans, after.spans);
  if (spans === null) return null;
  const recordsFrom = keptRecords(before.records, after.records, spans.removedIds);
  if (recordsFrom < 0) return null;
  const samples = sampleChanges(before.series, after.samples);
  if (samples === null) return null;
  const changed = spans.rows.map((i) => after.spans[i]!);
  const added = after.records.slice(recordsFrom);
  const latest = latestTime(changed, added, samples.rows);
  return {
    input: {
      savedAt: Math.max(savedAt, latest),
      spans: after.spans,
      spanRows: spans.rows,
      records: after.records,
      recordsFrom,
      samples: samples.rows,
      removed: spans.removed,
    },
    state: { spans: after.spans, records: after.records, series: samples.state },
  };
}

/** What a save stored: the lists as they were, and how far each series of samples went. */
export interface SavedState {
  spans: readonly ExecutionSpan[];
  records: readonly MetricRecord[];
  series: SeriesState[];
}

/** A snapshot to save: its lists, and its samples view (read only as far as needed). */
export interface CurrentState {
  spans: readonly ExecutionSpan[];
  records: readonly MetricRecord[];
  samples: SamplesView;
}

/** How far a series of samples was saved: how many, the last time, and the values at that time. */
export interface SeriesState {
  root: string;
  key: string;
  unit: string;
  count: number;
  lastT: number;
  /** The values of the last samples, those at `lastT` (several samples may share a time). */
  atLast: number[];
}

/** The saved state of whole series (after a whole copy). */
export function seriesState(series: readonly SeriesRows[]): SeriesState[] {
  return series.map((s) => {
    const n = s.t.length;
    const lastT = n === 0 ? -Infinity : s.t[n - 1]!;
    const atLast: number[] = [];
    for (let i = n - 1; i >= 0 && s.t[i] === lastT; i--) atLast.unshift(s.v[i]!);
    return { root: s.root, key: s.key, unit: s.unit, count: n, lastT, atLast };
  });
}

interface SpanChanges {
  /** Places (in the later list) of spans to write. */
  rows: number[];
  /** Places (in the earlier list) of spans that are gone. */
  removed: number[];
  removedIds: Set<string> | null;
}

function spanChanges(before: readonly ExecutionSpan[], after: readonly ExecutionSpan[]): SpanChanges | null {
  const rows: number[] = [];
  if (before === after) return { rows, removed: [], removedIds: null };
  let i = 0;
  // The usual case: the same spans in the same places, some replaced, some added at the end.
  for (; i < before.length && i < after.length; i++) {
    if (after[i] === before[i]) continue;
    if (after[i]!.id !== before[i]!.id) break;
    rows.push(i);
  }
  if (i === before.length) {
    for (; i < after.length; i++) rows.push(i);
    return { rows, removed: [], removedIds: null };
  }
  // Spans are gone (archived): the others keep their order, new ones come last.
  const placeBefore = new Map<string, number>();
  before.forEach((s, k) => placeBefore.set(s.id, k));
  rows.length = 0;
  const kept = new Set<number>();
  let last = -1;
  let adding = false;
  for (let k = 0; k < after.length; k++) {
    const s = after[k]!;
    const was = placeBefore.get(s.id);
    if (was === undefined) {
      adding = true;
      rows.push(k);
      continue;
    }
    if (adding || was <= last) return null;
    last = was;
    kept.add(was);
    if (before[was] !== s) rows.push(k);
  }
  const removed: number[] = [];
  const removedIds = new Set<string>();
  for (let k = 0; k < before.length; k++) {
    if (kept.has(k)) continue;
    removed.push(k);
    removedIds.add(before[k]!.id);
  }
  return { rows, removed, removedIds };
}

/** Where the added records begin in `after`, or -1 when `after` is not `before` (less the records of removed spans) plus records at the end. */
function keptRecords(before: readonly MetricRecord[], after: readonly MetricRecord[], removedIds: Set<string> | null): number {
  if (before === after) return after.length;
  let j = 0;
  for (let i = 0; i < before.length; i++) {
    const r = before[i]!;
    if (removedIds !== null && removedIds.has(r.spanId)) continue;
    if (after[j] !== r) return -1;
    j++;
  }
  return j;
}

/**
 * The samples added since the saved state, read through the view: only the tail of each series
 * (`get(root, key, { from: lastT })`), so a save does not read the whole series again. A samples view
 * only grows (a snapshot's view is fixed at the samples present, and the store only appends); the
 * tail is checked to begin with the samples saved last. Null when a series or root is gone, its unit
 * changed, or a new key or root would be read back in another order.
 */
function sampleChanges(before: readonly SeriesState[], view: SamplesView): { rows: SeriesRows[]; state: SeriesState[] } | null {
  const rows: SeriesRows[] = [];
  const state: SeriesState[] = [];
  const byName = new Map<string, SeriesState>();
  for (const s of before) byName.set(`${s.root}\u0000${s.key}`, s);
  let old = 0;
  const rootsWithNewKeys = new Set<string>();
  const newRoots: string[] = [];
  const oldRoots = new Set(before.map((s) => s.root));
  const roots = view === undefined || view === null ? [] : view.roots();
  for (const root of roots) {
    if (!oldRoots.has(root)) newRoots.push(root);
    for (const key of view.keys(root)) {
      const was = byName.get(`${root}\u0000${key}`);
      if (was === undefined) {
        const whole = view.get(root, key);
        if (whole === undefined || whole.t.length !== whole.v.length) return null;
        const row: SeriesRows = { root, key, unit: whole.unit, t: whole.t, v: whole.v, from: 0 };
        rows.push(row);
        state.push(...seriesState([row]));
        rootsWithNewKeys.add(root);
        continue;
      }
      // A root's new keys are read back after its earlier ones; earlier series keep their order.
      if (was !== before[old] || rootsWithNewKeys.has(root)) return null;
      old++;
      const tail = was.count === 0 ? view.get(root, key) : view.get(root, key, { from: was.lastT });
      if (tail === undefined || tail.unit !== was.unit || tail.t.length !== tail.v.length) return null;
      const k = was.atLast.length;
      if (tail.t.length < k) return null;
      for (let i = 0; i < k; i++) if (tail.t[i] !== was.lastT || !Object.is(tail.v[i], was.atLast[i])) return null;
      if (tail.t.length > k) rows.push({ root, key, unit: was.unit, t: tail.t, v: tail.v, from: k });
      const added = seriesState([{ root, key, unit: was.unit, t: tail.t, v: tail.v, from: 0 }])[0]!;
      state.push(tail.t.length > k ? { ...added, count: was.count - k + tail.t.length } : was);
    }
  }
  if (old !== before.length) return null;
  // New roots come after the earlier ones, as the reader lists them.
  const expected = [...new Set(before.map((s) => s.root)), ...newRoots];
  if (expected.join('\u0000') !== roots.join('\u0000')) return null;
  return { rows, state };
}
