import { describe, expect, it } from 'vitest';
import { runFran, T0 } from '../../examples/workouts/fran';

describe('S4 the hierarchy binds every metric', () => {
  const { tracker, timerId, roundsId } = runFran({ strict: true });
  const snapshot = tracker.getSnapshot();
  const thrusters2 = snapshot.spans.find((s) => s.blockId === 'fran-thrusters-2')!;
  const record = snapshot.metrics.find((r) => r.spanId === thrusters2.id && r.key === 'reps')!;
  const round2 = snapshot.spans.find((s) => s.id === roundsId)!.segments.find((s) => s.label === 'Round 2')!;

  it('records the ancestry, the open round and the parent timer', () => {
    expect(record.spanIds).toEqual([timerId, roundsId, thrusters2.id]);
    expect(record.segmentIds).toContain(round2.id);
    expect(record.context.roundNumber).toBe(2);
    expect(record.context.parentTimer?.blockId).toBe('fran-timer');
    expect(record.context.parentTimer?.direction).toBe('up');
    expect(record.context.spanType).toBe('effort');
  });

  it('measures the context at the instant of the record', () => {
    // round 2 thrusters: started at 105 s, reps recorded 40 s later
    expect(record.recordedAt).toBe(T0 + 145_000);
    expect(record.context.elapsedMs).toBe(40_000);
    expect(record.context.totalElapsedMs).toBe(145_000);
    expect(record.context.parentTimer?.elapsedMs).toBe(145_000);
    expect(record.context.parentTimer?.remainingMs).toBeUndefined();
    expect(record.phase).toBe('work');
    expect(record.timeSpanId).toBe(thrusters2.timeSpans[0]!.id);
    expect(record.blockId).toBe('fran-thrusters-2');
  });

  it('hands out frozen, JSON-safe records', () => {
    expect(Object.isFrozen(record)).toBe(true);
    expect(Object.isFrozen(record.context)).toBe(true);
    expect(Object.isFrozen(record.spanIds)).toBe(true);
    expect(Object.isFrozen(thrusters2)).toBe(true);
    expect(Object.isFrozen(thrusters2.metrics)).toBe(true);
    expect(Object.isFrozen(thrusters2.segments)).toBe(true);
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
  });
});
