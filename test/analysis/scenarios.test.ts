import { describe, expect, it } from 'vitest';
import { runCindy } from '../../examples/workouts/cindy';
import { runEmom } from '../../examples/workouts/emom';
import { runFran } from '../../examples/workouts/fran';
import { summarize } from 'workout-spans/analysis';

describe('summarize: S1 Fran', () => {
  const { tracker, timerId } = runFran();
  const s = summarize(tracker.getSnapshot());

  it('reads the first root, with its totals and a For Time score', () => {
    expect(s.rootSpanId).toBe(timerId);
    expect(s.totals).toEqual({ totalMs: 240_000, elapsedMs: 240_000, workMs: 240_000, restMs: 0, pausedMs: 0 });
    expect(s.score).toEqual({ type: 'time', value: 240_000, display: '4:00' });
  });

  it('lists the rounds with their durations and reps', () => {
    expect(s.rounds.map((r) => r.durationMs)).toEqual([105_000, 75_000, 60_000]);
    expect(s.rounds.map((r) => r.elapsedMs)).toEqual([105_000, 75_000, 60_000]);
    expect(s.rounds.map((r) => [r.index, r.label, r.reps])).toEqual([
      [0, 'Round 1', 42],
      [1, 'Round 2', 30],
      [2, 'Round 3', 18],
    ]);
  });

  it('groups exercises by exerciseId with reps, volume, time and target reps', () => {
    expect(s.exercises).toEqual([
      { exerciseId: 'thruster', reps: 45, volume: 4275, distance: 0, durationMs: 130_000, targetReps: 45 },
      { exerciseId: 'pull-up', reps: 45, volume: 0, distance: 0, durationMs: 110_000, targetReps: 45 },
    ]);
  });

  it('computes split statistics of the round times (population stdev, R-7 percentiles)', () => {
    const mean = 80_000;
    const stdev = Math.sqrt(((105_000 - mean) ** 2 + (75_000 - mean) ** 2 + (60_000 - mean) ** 2) / 3);
    expect(s.splits.count).toBe(3);
    expect(s.splits.p50).toBe(75_000);
    expect(s.splits.mean).toBe(mean);
    expect(s.splits.stdev).toBeCloseTo(stdev, 6);
    expect(s.splits.cv).toBeCloseTo(stdev / mean, 9);
    expect([s.splits.min, s.splits.max]).toEqual([60_000, 105_000]);
    // R-7 between the 2nd and 3rd order statistics: 75 000 + h·30 000 with h = 2·p − 1.
    expect(s.splits.p75).toBe(90_000);
    expect(s.splits.p90).toBeCloseTo(99_000, 6);
    expect(s.splits.p99).toBeCloseTo(104_400, 6);
  });

  it('buckets reps by minute of elapsed time and counts statuses', () => {
    expect(s.repsPerMinute).toEqual([
      { minute: 0, reps: 0 }, // thrusters of round 1 are recorded at 60 s
      { minute: 1, reps: 42 },
      { minute: 2, reps: 15 },
      { minute: 3, reps: 24 },
      { minute: 4, reps: 9 }, // the last pull-ups at 240 s
    ]);
    expect(s.statuses).toEqual({ active: 0, completed: 8, failed: 0, skipped: 0 });
    expect(s.minutes).toEqual([]);
    expect(s.anomalies).toEqual([]);
  });

  it('is frozen and JSON-safe', () => {
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.rounds[0])).toBe(true);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});

describe('summarize: S2 Cindy', () => {
  const { tracker, rootId } = runCindy();
  const s = summarize(tracker.getSnapshot());

  it('gives totals with the pause and an AMRAP score of 8+26', () => {
    expect(s.rootSpanId).toBe(rootId);
    expect(s.totals).toMatchObject({ totalMs: 1_260_000, pausedMs: 60_000, elapsedMs: 1_200_000 });
    expect(s.score).toEqual({ type: 'rounds+reps', rounds: 8, reps: 26, display: '8+26' });
  });

  it('keeps the paused round 3 out of the splits: running time, not wall time', () => {
    expect(s.rounds).toHaveLength(9);
    expect(s.rounds[2]).toEqual({ index: 2, label: 'Round 3', durationMs: 195_000, elapsedMs: 135_000, reps: 30, finished: true });
    expect(s.rounds[8]).toEqual({ index: 8, label: 'Round 9', durationMs: 120_000, elapsedMs: 120_000, reps: 26, finished: false });
    // Round 9 was cut by the clock: not a split.
    expect(s.splits).toMatchObject({ count: 8, mean: 135_000, stdev: 0, cv: 0, p50: 135_000, p99: 135_000 });
  });

  it('counts reps per exercise and finds no anomaly (a pause of exactly one minute is not long)', () => {
    expect(s.exercises.map((e) => [e.exerciseId, e.reps])).toEqual([
      ['pull-up', 45],
      ['push-up', 90],
      ['air-squat', 131],
    ]);
    expect(s.anomalies).toEqual([]);
    expect(s.statuses.completed).toBe(28);
  });

  it('puts reps in minutes of running time, the final reps at 20:00 elapsed in minute 20', () => {
    const total = s.repsPerMinute.reduce((n, m) => n + m.reps, 0);
    expect(total).toBe(8 * 30 + 26);
    expect(s.repsPerMinute[20]).toEqual({ minute: 20, reps: 11 });
    // The push-ups of round 3 are recorded at 405 s wall = 345 s elapsed (minute 5), not minute 6.
    expect(s.repsPerMinute[5]!.reps).toBe(15);
  });
});

describe('summarize: S3 EMOM 10', () => {
  const { tracker } = runEmom();
  const s = summarize(tracker.getSnapshot());

  it('gives work and rest totals', () => {
    expect(s.totals).toEqual({ totalMs: 600_000, elapsedMs: 600_000, workMs: 400_000, restMs: 200_000, pausedMs: 0 });
    expect(s.score).toEqual({ type: 'time', value: 600_000, display: '10:00' });
  });

  it('lists 10 minutes with 10 reps, 40 s of work and 20 s of rest each', () => {
    expect(s.minutes).toHaveLength(10);
    s.minutes.forEach((m, i) => expect(m).toEqual({ index: i, label: `Minute ${i + 1}`, reps: 10, workMs: 40_000, restMs: 20_000 }));
    expect(s.repsPerMinute).toEqual(Array.from({ length: 10 }, (_, minute) => ({ minute, reps: 10 })));
  });

  it('counts the burpees against their target and leaves the rejected rep out', () => {
    expect(s.exercises).toEqual([{ exerciseId: 'burpee', reps: 100, volume: 0, distance: 0, durationMs: 350_000, targetReps: 100 }]);
    expect(s.rounds).toEqual([]);
    expect(s.splits.count).toBe(0);
  });
});
