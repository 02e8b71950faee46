import { describe, expect, it } from 'vitest';
import { runFran, T0 } from '../../examples/workouts/fran';

describe('S1 Fran — For Time, 21-15-9', () => {
  const { tracker, timerId, roundsId } = runFran({ strict: true });
  const snapshot = tracker.getSnapshot();
  const byId = new Map(snapshot.spans.map((s) => [s.id, s]));

  it('takes 240 000 ms in all', () => {
    expect(tracker.totals(timerId)).toEqual({ totalMs: 240_000, elapsedMs: 240_000, workMs: 240_000, restMs: 0, pausedMs: 0 });
    const timer = byId.get(timerId)!;
    expect(timer.startTime).toBe(T0);
    expect(timer.endTime).toBe(T0 + 240_000);
    expect(timer.metrics.duration).toEqual({ value: 240_000, unit: 'ms', recorded: T0 + 240_000 });
  });

  it('has rounds of 105 000, 75 000 and 60 000 ms', () => {
    const rounds = byId.get(roundsId)!.segments.filter((s) => s.type === 'round');
    expect(rounds.map((r) => r.label)).toEqual(['Round 1', 'Round 2', 'Round 3']);
    expect(rounds.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(rounds.map((r) => r.endTime! - r.startTime)).toEqual([105_000, 75_000, 60_000]);
  });

  it('binds 45 thrusters (volume 4 275 lb) and 45 pull-ups', () => {
    const reps = (exercise: string) =>
      snapshot.metrics
        .filter((r) => r.key === 'reps' && byId.get(r.spanId)!.metrics.exerciseId === exercise)
        .reduce((sum, r) => sum + (r.value as number), 0);
    expect(reps('thruster')).toBe(45);
    expect(reps('pull-up')).toBe(45);
    const volume = snapshot.metrics
      .filter((r) => r.key === 'reps' && byId.get(r.spanId)!.metrics.exerciseId === 'thruster')
      .reduce((sum, r) => sum + (r.value as number) * byId.get(r.spanId)!.metrics.weight!.value, 0);
    expect(volume).toBe(4275);
  });

  it('makes every effort span a child of the rounds span', () => {
    const efforts = snapshot.spans.filter((s) => s.type === 'effort');
    expect(efforts).toHaveLength(6);
    for (const e of efforts) expect(e.parentSpanId).toBe(roundsId);
    expect(tracker.getChildren(roundsId).map((s) => s.label)).toEqual([
      'Thrusters',
      'Pull-ups',
      'Thrusters',
      'Pull-ups',
      'Thrusters',
      'Pull-ups',
    ]);
    expect(byId.get(roundsId)!.parentSpanId).toBe(timerId);
    expect(byId.get(timerId)!.parentSpanId).toBeNull();
  });

  it('keeps display metrics on the spans', () => {
    const rounds = byId.get(roundsId)!;
    expect(rounds.metrics.repScheme).toEqual([21, 15, 9]);
    expect(rounds.metrics.totalRounds).toBe(3);
    expect(rounds.metrics.currentRound).toBe(3);
    const thrusters = snapshot.spans.find((s) => s.label === 'Thrusters')!;
    expect(thrusters.metrics.reps).toEqual({ value: 21, unit: 'reps', recorded: T0 + 60_000 });
    expect(thrusters.metrics.weight?.value).toBe(95);
    expect(thrusters.metrics.targetReps).toBe(21);
  });

  it('ends with nothing active', () => {
    expect(snapshot.active).toEqual([]);
    expect(snapshot.completed).toHaveLength(8);
    expect(tracker.context.getActiveSpans()).toEqual([]);
  });
});
