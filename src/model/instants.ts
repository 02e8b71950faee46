import type { ExecutionSpan, MetricRecord } from './types';

type Timed = Pick<ExecutionSpan, 'startTime' | 'endTime' | 'segments' | 'timeSpans'>;

/**
 * The latest instant that spans (their segments and running intervals), records and a `savedAt`
 * reach; `-Infinity` when there is none. What a save can be no earlier than, and where a finished
 * session is read.
 */
export function latestInstant(
  spans: readonly Timed[],
  records: readonly Pick<MetricRecord, 'recordedAt'>[] = [],
  savedAt = -Infinity,
): number {
  let t = savedAt;
  for (const span of spans) {
    t = Math.max(t, span.startTime, span.endTime ?? -Infinity);
    for (const seg of span.segments) t = Math.max(t, seg.startTime, seg.endTime ?? -Infinity);
    for (const ts of span.timeSpans) t = Math.max(t, ts.start, ts.stop ?? -Infinity);
  }
  for (const r of records) if (r.recordedAt > t) t = r.recordedAt;
  return t;
}

/**
 * The instant a snapshot is read at when the caller gives none: its latest instant, or the instant
 * it was saved (`savedAt`) when later; 0 for an empty one. A finished workout reads at its end,
 * a saved, still running one at the time it was saved.
 */
export function readingInstant(spans: readonly Timed[], records: readonly Pick<MetricRecord, 'recordedAt'>[], savedAt?: number): number {
  const t = latestInstant(spans, records, savedAt);
  return t === -Infinity ? 0 : t;
}
