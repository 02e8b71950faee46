import { describe, expect, it } from 'vitest';
import { createTracker } from 'workout-spans';
import { summarize } from 'workout-spans/analysis';
import { craftRounds, testSamples } from './craft';

describe('score', () => {
  it('a timed score is the running time: a 90 s pause does not put 5:10 on a 3:40 workout', () => {
    const { tracker, clock } = craftRounds([100_000], { end: false });
    tracker.startSpan({ key: 'x', label: 'Pull-ups', blockType: 'effort' });
    clock.advance(60_000);
    tracker.pause();
    clock.advance(90_000);
    tracker.resume();
    clock.advance(60_000);
    tracker.endSpan('root');
    const s = summarize(tracker.getSnapshot());
    expect(s.score).toEqual({ type: 'time', value: 220_000, display: '3:40' });
    expect(s.totals).toMatchObject({ totalMs: 310_000, elapsedMs: 220_000, pausedMs: 90_000 });
  });

  it('a workout of an hour or more shows h:mm:ss', () => {
    const s = summarize(craftRounds([3_600_000, 740_000]).tracker.getSnapshot());
    expect(s.score).toEqual({ type: 'time', value: 4_340_000, display: '1:12:20' });
  });
});

describe('an empty snapshot', () => {
  const empty = {
    rootSpanId: null,
    totals: { totalMs: 0, elapsedMs: 0, workMs: 0, restMs: 0, pausedMs: 0 },
    score: { type: 'time', value: 0, display: '0:00' },
    rounds: [],
    minutes: [],
    exercises: [],
    splits: { count: 0, mean: 0, stdev: 0, cv: 0, min: 0, max: 0, p50: 0, p75: 0, p90: 0, p95: 0, p99: 0 },
    repsPerMinute: [],
    statuses: { active: 0, completed: 0, failed: 0, skipped: 0 },
    anomalies: [],
    samples: {},
  };

  it('gives an empty summary, frozen, not an exception', () => {
    const s = summarize(createTracker().getSnapshot());
    expect(s).toEqual(empty);
    expect(Object.isFrozen(s) && Object.isFrozen(s.totals)).toBe(true);
  });

  it('whatever `at` or samples it holds', () => {
    const snapshot = { ...createTracker().getSnapshot(), samples: testSamples({ x: { hr: { unit: 'bpm', t: [1], v: [80] } } }) };
    expect(summarize(snapshot, { at: 5 })).toEqual(empty);
  });
});
