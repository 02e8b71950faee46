import {
  TrackerError,
  type ExecutionSpan,
  type MetricRecord,
  type SamplesView,
  type SpanMetrics,
  type TrackerSnapshot,
} from 'workout-spans';
import { latestInstant } from '../model/instants';
import { MEASURED_KEYS } from '../model/metric-keys';
import type { SeriesRows } from './encode-document';

/** What a save reads of a snapshot, read once: its spans, records and sample series. */

/** The series of a samples view, through its interface only (`roots`, `keys`, `get`). */
export function seriesOf(samples: SamplesView | undefined): SeriesRows[] {
  const out: SeriesRows[] = [];
  if (samples === undefined || samples === null) return out;
  for (const root of samples.roots()) {
    for (const key of samples.keys(root)) {
      const s = samples.get(root, key);
      if (s === undefined) continue;
      if (s.t.length !== s.v.length)
        throw new TrackerError(
          'CORRUPT_DATA',
          `snapshot cannot be saved: samples ${root}/${key} have ${s.t.length} times and ${s.v.length} values`,
          { path: '$.samples' },
        );
      out.push({ root, key, unit: s.unit, t: s.t, v: s.v, from: 0 });
    }
  }
  return out;
}

/** The latest `recorded` of a metrics object's measured and custom values (or `t` when none is later). */
function latestRecorded(m: Partial<SpanMetrics>, t: number): number {
  for (let i = 0; i < MEASURED_KEYS.length; i++) {
    const mv = m[MEASURED_KEYS[i]!];
    if (mv !== undefined && mv.recorded > t) t = mv.recorded;
  }
  const custom = m.custom;
  if (custom !== undefined) for (const mv of Object.values(custom)) if (mv.recorded > t) t = mv.recorded;
  return t;
}

/** The latest instant spans, records, their display values and samples reach (what a save can be no earlier than). */
export function latestTime(spans: readonly ExecutionSpan[], metrics: readonly MetricRecord[], series: readonly SeriesRows[]): number {
  let t = latestInstant(spans, metrics);
  for (const span of spans) {
    t = latestRecorded(span.metrics, t);
    for (const seg of span.segments) t = latestRecorded(seg.metrics, t);
  }
  for (const s of series) if (s.t.length > 0 && s.t[s.t.length - 1]! > t) t = s.t[s.t.length - 1]!;
  return t;
}

/** A snapshot's lists, read once (a live snapshot builds them on first read). */
export interface SnapshotParts {
  spans: readonly ExecutionSpan[];
  records: readonly MetricRecord[];
  series: SeriesRows[];
}

export function partsOf(snapshot: TrackerSnapshot): SnapshotParts {
  return { spans: snapshot.spans, records: snapshot.metrics, series: seriesOf(snapshot.samples) };
}
