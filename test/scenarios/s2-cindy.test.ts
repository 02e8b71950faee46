import { describe, expect, it } from 'vitest';
import { runCindy } from '../../examples/workouts/cindy';
import { T0 } from '../../examples/workouts/fran';
import type { MetricRejectedEvent } from 'workout-spans';

describe('S2 Cindy — AMRAP 20 with a pause', () => {
  const rejected: MetricRejectedEvent[] = [];
  const { tracker, rootId } = runCindy({ strict: true });
  const snapshot = tracker.getSnapshot();
  const spanOf = (key: string) => snapshot.spans.find((s) => s.blockId === key)!;
  const repsOf = (key: string) => snapshot.metrics.find((r) => r.blockId === key && r.key === 'reps')!;

  it('counts 1 260 000 total, 60 000 paused, 1 200 000 elapsed', () => {
    expect(tracker.totals(rootId)).toEqual({ totalMs: 1_260_000, elapsedMs: 1_200_000, workMs: 1_200_000, restMs: 0, pausedMs: 60_000 });
  });

  it('rejects the rep sent during the pause with reason paused', () => {
    const errors: unknown[] = [];
    runCindy({ strict: true }, Infinity, (t) => {
      t.on('metric:rejected', (e) => rejected.push(e));
      t.on('error', (e) => errors.push(e));
    });
    expect(rejected).toEqual([{ blockId: 'cindy-pushups-3', key: 'reps', value: 5, reason: 'paused' }]);
    expect(errors).toEqual([]);
    expect(snapshot.metrics.filter((r) => r.recordedAt === T0 + 340_000)).toEqual([]);
  });

  it('binds round 3 pull-ups and push-ups to different running intervals', () => {
    const pullups = repsOf('cindy-pullups-3');
    const pushups = repsOf('cindy-pushups-3');
    expect(pullups.recordedAt).toBe(T0 + 300_000);
    expect(pushups.recordedAt).toBe(T0 + 405_000);
    expect(pullups.timeSpanId).not.toBeNull();
    expect(pushups.timeSpanId).not.toBeNull();
    expect(pullups.timeSpanId).not.toBe(pushups.timeSpanId);
    expect(pushups.context.totalElapsedMs).toBe(345_000);
  });

  it('has a Paused segment from 320 s to 380 s on the root and on the running effort', () => {
    const pause = snapshot.spans.find((s) => s.id === rootId)!.segments.filter((s) => s.type === 'pause');
    expect(pause).toEqual([expect.objectContaining({ label: 'Paused', startTime: T0 + 320_000, endTime: T0 + 380_000 })]);
    expect(spanOf('cindy-pushups-3').segments.filter((s) => s.type === 'pause')).toHaveLength(1);
    expect(tracker.totals(spanOf('cindy-pushups-3').id)!.pausedMs).toBe(60_000);
  });

  it('ends with 8 full rounds and Round 9 open at the end (5 + 10 + 11 reps)', () => {
    const root = snapshot.spans.find((s) => s.id === rootId)!;
    const rounds = root.segments.filter((s) => s.type === 'round');
    expect(rounds).toHaveLength(9);
    expect(rounds[8]!.label).toBe('Round 9');
    expect(rounds[8]!.endTime).toBe(root.endTime);
    const round9 = snapshot.metrics.filter((r) => r.key === 'reps' && r.segmentIds.includes(rounds[8]!.id));
    expect(round9.map((r) => r.value)).toEqual([5, 10, 11]);
    expect(root.endTime).toBe(T0 + 1_260_000);
  });
});
