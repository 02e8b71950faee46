import type { MetricRecord } from './types';

/**
 * Reps per segment id: the sum of `reps` records whose `segmentIds` hold it. One pass
 * over the records, so rounds and minutes each look up their reps in O(1).
 */
export function repsBySegment(records: readonly MetricRecord[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of records) {
    if (r.key !== 'reps' || typeof r.value !== 'number' || !Number.isFinite(r.value)) continue;
    for (const id of r.segmentIds) out.set(id, (out.get(id) ?? 0) + r.value);
  }
  return out;
}
