import { describe, expect, it } from 'vitest';
import { runCindy } from '../../examples/workouts/cindy';
import { runFran, T0 } from '../../examples/workouts/fran';
import { createTracker } from 'workout-spans';
import { summarize } from 'workout-spans/analysis';
import { craftRounds } from './craft';

describe('summarize options and edges', () => {
  it('reads a finished workout as it stood at `at`', () => {
    const s = summarize(runFran().tracker.getSnapshot(), { at: T0 + 120_000 });
    expect(s.totals.totalMs).toBe(120_000);
    expect(s.rounds.map((r) => r.durationMs)).toEqual([105_000, 15_000]);
    expect(s.splits.count).toBe(1); // Round 2 is still open at 2:00
    expect(s.statuses).toEqual({ active: 3, completed: 2, failed: 0, skipped: 0 }); // thrusters of round 2 still going
    expect(s.exercises.map((e) => [e.exerciseId, e.reps])).toEqual([
      ['thruster', 21],
      ['pull-up', 21],
    ]);
  });

  it('scores a running AMRAP with its open round', () => {
    const { tracker, clock } = runCindy({}, 400);
    const s = summarize(tracker.getSnapshot(), { at: clock.now() });
    // Rounds 1 and 2 closed; round 3 open with its 5 pull-ups.
    expect(s.score).toEqual({ type: 'rounds+reps', rounds: 2, reps: 5, display: '2+5' });
    expect(s.totals).toMatchObject({ totalMs: 400_000, pausedMs: 60_000 });
    expect(s.statuses.active).toBe(2);
  });

  it('counts an AMRAP round closed before the end as done', () => {
    const s = summarize(craftRounds([60_000, 60_000], { blockType: 'amrap', reps: 7 }).tracker.getSnapshot());
    // endSegment then endSpan at one instant: the athlete closed the last round, so it is finished
    // (only a round still open as the AMRAP ends, closedByEnd, is partial).
    expect(s.score).toEqual({ type: 'rounds+reps', rounds: 2, reps: 0, display: '2+0' });
  });

  it('summarizes the root named by rootSpanId, and refuses an unknown one', () => {
    const a = craftRounds([60_000]).tracker.getSnapshot();
    const fran = runFran().tracker.getSnapshot();
    const both = { ...fran, spans: [...a.spans, ...fran.spans], metrics: [...a.metrics, ...fran.metrics] };
    expect(summarize(both).rootSpanId).toBe(a.spans[0]!.id);
    const s = summarize(both, { rootSpanId: fran.spans[0]!.id });
    expect(s.totals.totalMs).toBe(240_000);
    expect(s.exercises.map((e) => e.exerciseId)).toEqual(['thruster', 'pull-up']);
    expect(() => summarize(both, { rootSpanId: 'nope' })).toThrow(RangeError);
  });

  it('groups by label when a span has no exerciseId, and sums distance', () => {
    const { tracker, clock } = craftRounds([], { end: false });
    tracker.startSpan({ key: 'row', label: 'Row', blockType: 'effort' });
    clock.advance(90_000);
    tracker.recordMetric('row', 'distance', 400, 'm');
    tracker.endSpan('row');
    tracker.endSpan('root');
    expect(summarize(tracker.getSnapshot()).exercises).toEqual([
      { exerciseId: 'Row', reps: 0, volume: 0, distance: 400, durationMs: 90_000 },
    ]);
  });

  it('gives zeroed splits, JSON-safe, when there are no rounds', () => {
    const s = summarize(craftRounds([]).tracker.getSnapshot());
    expect(s.splits).toEqual({ count: 0, mean: 0, stdev: 0, cv: 0, min: 0, max: 0, p50: 0, p75: 0, p90: 0, p95: 0, p99: 0 });
    expect(s.score).toEqual({ type: 'time', value: 0, display: '0:00' });
    expect(s.repsPerMinute).toEqual([]);
  });

  it('gives an empty summary for a snapshot with no span', () => {
    const s = summarize(createTracker().getSnapshot());
    expect(s.rootSpanId).toBeNull();
    expect(s.score).toEqual({ type: 'time', value: 0, display: '0:00' });
  });
});
