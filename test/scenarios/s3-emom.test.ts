import { describe, expect, it } from 'vitest';
import { runEmom } from '../../examples/workouts/emom';
import { T0 } from '../../examples/workouts/fran';
import type { MetricRejectedEvent } from 'workout-spans';

describe('S3 EMOM 10 — 40 s work / 20 s rest', () => {
  const { tracker, rootId } = runEmom({ strict: true });
  const snapshot = tracker.getSnapshot();
  const root = snapshot.spans.find((s) => s.id === rootId)!;

  it('counts 600 000 total, 400 000 work, 200 000 rest', () => {
    expect(tracker.totals(rootId)).toEqual({ totalMs: 600_000, elapsedMs: 600_000, workMs: 400_000, restMs: 200_000, pausedMs: 0 });
  });

  it('has 10 minutes with 10 reps each', () => {
    const minutes = root.segments.filter((s) => s.type === 'minute');
    expect(minutes.map((m) => m.label)).toEqual(Array.from({ length: 10 }, (_, i) => `Minute ${i + 1}`));
    for (const minute of minutes) {
      const reps = snapshot.metrics.filter((r) => r.key === 'reps' && r.segmentIds.includes(minute.id));
      expect(reps.map((r) => r.value)).toEqual([10]);
      expect(minute.endTime! - minute.startTime).toBe(60_000);
    }
  });

  it('has 10 rest segments of 20 s planned and 20 running intervals alternating work and rest', () => {
    const rests = root.segments.filter((s) => s.type === 'rest');
    expect(rests).toHaveLength(10);
    for (const r of rests) {
      expect(r.plannedMs).toBe(20_000);
      expect(r.endTime! - r.startTime).toBe(20_000);
      expect(r.label).toBe('Rest');
    }
    expect(root.timeSpans).toHaveLength(20);
    expect(root.timeSpans.map((t) => t.type)).toEqual(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 'work' : 'rest')));
    expect(root.timeSpans[0]).toEqual({
      id: root.timeSpans[0]!.id,
      type: 'work',
      start: T0,
      stop: T0 + 40_000,
      blockId: 'emom',
      parentSpanId: rootId,
    });
  });

  it('rejects a rep 45 s into minute 4 with reason rest', () => {
    const rejected: MetricRejectedEvent[] = [];
    const errors: unknown[] = [];
    runEmom({ strict: true }, (t) => {
      t.on('metric:rejected', (e) => rejected.push(e));
      t.on('error', (e) => errors.push(e));
    });
    expect(rejected).toEqual([{ blockId: 'emom', key: 'reps', value: 3, reason: 'rest' }]);
    expect(errors).toEqual([]);
    expect(snapshot.metrics.filter((r) => r.recordedAt === T0 + 3 * 60_000 + 45_000)).toEqual([]);
    expect(snapshot.metrics.filter((r) => r.key === 'reps')).toHaveLength(10);
  });
});
