import type { ExecutionSpan, MetricRecord } from 'workout-spans';
import type { EncodeInput, SeriesRows } from './encode-document';
import { latestTime, type SnapshotParts } from './snapshot-parts';

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
export function changesBetween(before: SnapshotParts, after: SnapshotParts, savedAt: number): EncodeInput | null {
  const spans = spanChanges(before.spans, after.spans);
  if (spans === null) return null;
  const recordsFrom = keptRecords(before.records, after.records, spans.removedIds);
  if (recordsFrom < 0) return null;
  const samples = sampleChanges(before.series, after.series);
  if (samples === null) return null;
  const changed = spans.rows.map((i) => after.spans[i]!);
  const added = after.records.slice(recordsFrom);
  const latest = latestTime(changed, added, samples);
  return {
    savedAt: Math.max(savedAt, latest),
    spans: after.spans,
    spanRows: spans.rows,
    records: after.records,
    recordsFrom,
    samples,
    removed: spans.removed,
  };
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

/** The first `n` numbers are the same: the same memory (views of one append-only buffer), or equal one by one. */
function sameValues(a: ArrayLike<number>, b: ArrayLike<number>, n: number): boolean {
  if (a === b) return true;
  if (
    ArrayBuffer.isView(a) &&
    ArrayBuffer.isView(b) &&
    a.buffer === b.buffer &&
    a.byteOffset === b.byteOffset &&
    a.constructor === b.constructor
  )
    return true;
  for (let i = 0; i < n; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** The new tail of each series (new series whole), or null when a series shrank, changed or moved. */
function sampleChanges(before: readonly SeriesRows[], after: readonly SeriesRows[]): SeriesRows[] | null {
  const out: SeriesRows[] = [];
  if (before.length === 0 && after.length === 0) return out;
  const byName = new Map<string, SeriesRows>();
  for (const s of before) byName.set(`${s.root}\u0000${s.key}`, s);
  // Order: the earlier series first, in their order; new ones after, as the reader appends them.
  let old = 0;
  const rootsWithNewKeys = new Set<string>();
  for (const s of after) {
    const was = byName.get(`${s.root}\u0000${s.key}`);
    if (was === undefined) {
      out.push({ ...s, from: 0 });
      rootsWithNewKeys.add(s.root);
      continue;
    }
    // A root's new keys are read back after its earlier ones.
    if (was !== before[old] || rootsWithNewKeys.has(s.root)) return null;
    old++;
    const n = was.t.length;
    if (was.unit !== s.unit || s.t.length < n) return null;
    if (!sameValues(was.t, s.t, n) || !sameValues(was.v, s.v, n)) return null;
    if (s.t.length > n) out.push({ ...s, from: n });
  }
  if (old !== before.length) return null;
  // A new key under a root listed before it, after a new root, would be read back in another order.
  const roots: string[] = [];
  for (const s of before) if (!roots.includes(s.root)) roots.push(s.root);
  const order = after.map((s) => s.root);
  const readOrder: string[] = [...roots];
  for (const s of out) if (s.from === 0 && !readOrder.includes(s.root)) readOrder.push(s.root);
  const firstSeen: string[] = [];
  for (const r of order) if (!firstSeen.includes(r)) firstSeen.push(r);
  if (firstSeen.join('\u0000') !== readOrder.join('\u0000')) return null;
  return out;
}
