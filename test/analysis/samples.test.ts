import { describe, expect, it } from 'vitest';
import { summarize } from 'workout-spans/analysis';
import { runFran, T0 } from '../../examples/workouts/fran';
import { craftSession, doRound, testSamples } from './craft';

/** Fran (rounds end at 105 s, 180 s, 240 s) with heart rate and power samples under its root. */
function franWithSamples() {
  const { tracker, timerId } = runFran();
  const snapshot = tracker.getSnapshot();
  const at = (s: number): number => T0 + s * 1000;
  const samples = testSamples({
    [timerId]: {
      // 5 s before the start and 5 s after the end are outside the workout.
      hr: { unit: 'bpm', t: [-5, 0, 50, 105, 150, 180, 200, 240, 245].map(at), v: [60, 100, 140, 150, 160, 170, 175, 180, 120] },
      power: { unit: 'W', t: [at(10), at(20)], v: [200, Number.NaN] },
    },
  });
  return { ...snapshot, samples };
}

describe('samples: over the workout and per round', () => {
  const s = summarize(franWithSamples());

  it('summary.samples[key]: unit, count, min, max, mean and median over the workout window', () => {
    const values = [100, 140, 150, 160, 170, 175, 180];
    expect(s.samples.hr).toEqual({ unit: 'bpm', count: 7, min: 100, max: 180, mean: values.reduce((a, b) => a + b) / 7, p50: 160 });
  });

  it('leaves out values that are not finite numbers', () => {
    expect(s.samples.power).toEqual({ unit: 'W', count: 1, min: 200, max: 200, mean: 200, p50: 200 });
  });

  it('rounds[i].samples: a sample at the instant one round ends and the next starts counts for the later one', () => {
    expect(s.rounds.map((r) => r.samples?.hr?.count)).toEqual([2, 2, 3]);
    expect(s.rounds[0]!.samples).toEqual({
      hr: { unit: 'bpm', count: 2, min: 100, max: 140, mean: 120, p50: 120 },
      power: { unit: 'W', count: 1, min: 200, max: 200, mean: 200, p50: 200 },
    });
    expect(s.rounds[2]!.samples).toEqual({ hr: { unit: 'bpm', count: 3, min: 170, max: 180, mean: 175, p50: 175 } });
  });

  it('is frozen and JSON-safe', () => {
    expect(Object.isFrozen(s.samples.hr)).toBe(true);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});

describe('samples: where they come from', () => {
  it('with no samples: {} and no samples on rounds', () => {
    const s = summarize(runFran().tracker.getSnapshot());
    expect(s.samples).toEqual({});
    expect(s.rounds.every((r) => !('samples' in r))).toBe(true);
  });

  it("a workout inside a session wrapper reads the session's samples within the workout's own window", () => {
    const { tracker, rootId, workoutId } = craftSession('amrap', (t, c) => {
      doRound(t, c, 1, 60_000, 10);
      doRound(t, c, 2, 60_000, 10);
    });
    const snapshot = tracker.getSnapshot();
    const workout = snapshot.spans.find((sp) => sp.id === workoutId)!;
    const samples = testSamples({
      [rootId]: { hr: { unit: 'bpm', t: [workout.startTime - 1, workout.startTime, workout.endTime!], v: [1, 100, 120] } },
    });
    const s = summarize({ ...snapshot, samples });
    expect(s.rootSpanId).toBe(workoutId);
    expect(s.samples.hr).toMatchObject({ count: 2, min: 100, max: 120 });
    expect(s.rounds.map((r) => r.samples?.hr?.count)).toEqual([1, 1]);
  });

  it('reads them as of `at`', () => {
    const s = summarize(franWithSamples(), { at: T0 + 100_000 });
    expect(s.samples.hr).toMatchObject({ count: 2, max: 140 });
  });

  it("keeps a key named '__proto__' as a key of its own", () => {
    const { tracker, timerId } = runFran();
    const samples = testSamples({ [timerId]: JSON.parse('{"__proto__": { "unit": "x", "t": [1700000000000], "v": [3] }}') });
    const s = summarize({ ...tracker.getSnapshot(), samples });
    expect(Object.keys(s.samples)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(s.samples)).toBe(Object.prototype);
    expect(JSON.stringify(s.samples)).toBe('{"__proto__":{"unit":"x","count":1,"min":3,"max":3,"mean":3,"p50":3}}');
  });
});
