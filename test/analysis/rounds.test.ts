import { describe, expect, it } from 'vitest';
import { createManualClock, createTracker } from 'workout-spans';
import { summarize } from 'workout-spans/analysis';
import { runCindy } from '../../examples/workouts/cindy';
import { runFran } from '../../examples/workouts/fran';
import { craftRounds, craftSession, doRound, T0 } from './craft';

const finishedOf = (s: ReturnType<typeof summarize>): [string, boolean][] => s.rounds.map((r) => [r.label, r.finished]);

describe('rounds: finished or partial', () => {
  it("Fran's rounds are all finished", () => {
    const s = summarize(runFran().tracker.getSnapshot());
    expect(finishedOf(s)).toEqual([
      ['Round 1', true],
      ['Round 2', true],
      ['Round 3', true],
    ]);
  });

  it('a round still open when its completed rounds block ended is finished (ending the block closed it)', () => {
    const { tracker } = craftSession('rounds', (t, c) => {
      doRound(t, c, 1, 60_000, 10);
      doRound(t, c, 2, 50_000, 10); // left open: endSpan closes it
    });
    const snapshot = tracker.getSnapshot();
    const last = snapshot.spans.flatMap((sp) => sp.segments).filter((seg) => seg.type === 'round')[1]!;
    expect(last.closedByEnd).toBe(true);
    const s = summarize(snapshot);
    expect(finishedOf(s)).toEqual([
      ['Round 1', true],
      ['Round 2', true],
    ]);
    expect(s.splits.count).toBe(2);
  });

  it("an AMRAP's round cut by the cap is partial: no split, its reps in the score", () => {
    const { tracker } = craftSession('amrap', (t, c) => {
      doRound(t, c, 1, 60_000, 10);
      doRound(t, c, 2, 60_000, 10);
      t.startSegment('workout', 'round', 'Round 3', 2);
      t.startSpan({ key: 'effort-3', label: 'Burpees', blockType: 'effort' });
      c.advance(30_000);
      t.recordMetric('effort-3', 'reps', 4, 'reps');
    });
    const s = summarize(tracker.getSnapshot());
    expect(finishedOf(s)).toEqual([
      ['Round 1', true],
      ['Round 2', true],
      ['Round 3', false],
    ]);
    expect(s.rounds[2]).toMatchObject({ durationMs: 30_000, reps: 4 });
    expect(s.splits.count).toBe(2);
    expect(s.score).toEqual({ type: 'rounds+reps', rounds: 2, reps: 4, display: '2+4' });
  });

  it('an AMRAP round closed by endSegment in the very instant the AMRAP ends is finished', () => {
    const s = summarize(craftRounds([60_000, 60_000], { blockType: 'amrap', reps: 7 }).tracker.getSnapshot());
    expect(finishedOf(s)).toEqual([
      ['Round 1', true],
      ['Round 2', true],
    ]);
    expect(s.score).toEqual({ type: 'rounds+reps', rounds: 2, reps: 0, display: '2+0' });
  });

  it.each(['failed', 'skipped'] as const)('a round still open when its block ended %s is partial', (status) => {
    const { tracker } = craftSession(
      'rounds',
      (t, c) => {
        doRound(t, c, 1, 60_000, 10);
        doRound(t, c, 2, 20_000, 3);
      },
      status,
    );
    const s = summarize(tracker.getSnapshot());
    expect(finishedOf(s)).toEqual([
      ['Round 1', true],
      ['Round 2', false],
    ]);
    expect(s.splits.count).toBe(1);
  });

  it('a round closed by endSegment before its block failed is finished', () => {
    const { tracker } = craftSession(
      'rounds',
      (t, c) => {
        doRound(t, c, 1, 60_000, 10);
        t.endSegment('workout');
        c.advance(5_000);
      },
      'failed',
    );
    expect(finishedOf(summarize(tracker.getSnapshot()))).toEqual([['Round 1', true]]);
  });

  it('a round open at the reading instant is listed, not finished', () => {
    const { tracker, clock } = runCindy({}, 400);
    const s = summarize(tracker.getSnapshot(), { at: clock.now() });
    expect(finishedOf(s)).toEqual([
      ['Round 1', true],
      ['Round 2', true],
      ['Round 3', false],
    ]);
  });
});

describe('rounds: a 0 ms round opened at the end', () => {
  const stopped = craftSession('amrap', (t, c) => {
    doRound(t, c, 1, 60_000, 5);
    doRound(t, c, 2, 60_000, 5);
    t.startSegment('workout', 'round', 'Round 3', 2); // the runtime opened the next round, then the cap hit
  });

  it('is not listed, and an AMRAP stopped in that instant scores 2+0, not 1+5', () => {
    const s = summarize(stopped.tracker.getSnapshot());
    expect(finishedOf(s)).toEqual([
      ['Round 1', true],
      ['Round 2', true],
    ]);
    expect(s.score).toEqual({ type: 'rounds+reps', rounds: 2, reps: 0, display: '2+0' });
    expect(s.splits.count).toBe(2);
  });

  it('a 0 ms round in the middle of the workout is still listed', () => {
    const clock = createManualClock(T0);
    const tracker = createTracker({ clock, strict: true });
    tracker.startSpan({ key: 'workout', label: 'Workout', blockType: 'rounds' });
    tracker.startSegment('workout', 'round', 'Round 1', 0);
    tracker.startSegment('workout', 'round', 'Round 2', 1); // closes Round 1 at once
    clock.advance(60_000);
    tracker.endSegment('workout');
    tracker.endSpan('workout');
    const s = summarize(tracker.getSnapshot());
    expect(s.rounds.map((r) => [r.label, r.durationMs, r.finished])).toEqual([
      ['Round 1', 0, true],
      ['Round 2', 60_000, true],
    ]);
  });
});

describe('rounds: the same answer whatever root the summary starts from', () => {
  it('a session-wrapped AMRAP gives the same rounds from the session and from the AMRAP', () => {
    const { tracker, rootId, workoutId } = craftSession('amrap', (t, c) => {
      doRound(t, c, 1, 60_000, 10);
      doRound(t, c, 2, 70_000, 10);
      t.startSegment('workout', 'round', 'Round 3', 2);
      c.advance(10_000);
    });
    const snapshot = tracker.getSnapshot();
    const fromSession = summarize(snapshot, { rootSpanId: rootId });
    const fromWorkout = summarize(snapshot, { rootSpanId: workoutId });
    expect(fromSession.rounds).toEqual(fromWorkout.rounds);
    expect(fromSession.splits).toEqual(fromWorkout.splits);
    expect(finishedOf(fromSession)).toEqual([
      ['Round 1', true],
      ['Round 2', true],
      ['Round 3', false],
    ]);
  });
});
