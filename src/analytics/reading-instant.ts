import { latestInstant } from '../model/format';
import type { ExecutionSpan, MetricRecord } from '../model/types';

/**
 * The instant a snapshot is read at when the caller gives none: the latest instant its spans,
 * segments, intervals or records reach, or the instant it was saved (`savedAt`, §11) when later.
 * A finished workout reads at its end; a saved, still running one at the time it was saved.
 */
export function readingInstant(spans: readonly ExecutionSpan[], records: readonly MetricRecord[], savedAt?: number): number {
  let t = latestInstant(spans);
  for (const r of records) t = Math.max(t, r.recordedAt);
  return savedAt === undefined ? t : Math.max(t, savedAt);
}
