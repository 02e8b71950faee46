import { describe, expect, it } from 'vitest';
import { createManualClock, createTracker } from 'workout-spans';
import { summarize } from 'workout-spans/analysis';
import { runFran } from '../../examples/workouts/fran';
import { bareSnapshot, bareSpan, craftSession, doRound, T0 } from './craft';

describe('summarize: the default root', () => {
  it('goes down through a session wrapper to the workout: an AMRAP scores rounds + reps', () => {
    const { tracker, workoutId } = craftSession('amrap', (t, c) => {
      doRound(t, c, 1, 60_000, 10);
      doRound(t, c, 2, 60_000, 10);
      t.startSegment('workout', 'round', 'Round 3', 2);
      c.advance(20_000);
    });
    const s = summarize(tracker.getSnapshot());
    expect(s.rootSpanId).toBe(workoutId);
    expect(s.score).toEqual({ type: 'rounds+reps', rounds: 2, reps: 0, display: '2+0' });
  });

  it('goes down through several nested groups that each have one child', () => {
    const spans = [
      bareSpan('app', null, 'group', T0, T0 + 100),
      bareSpan('session', 'app', 'group', T0, T0 + 100),
      bareSpan('fran', 'session', 'timer', T0 + 1, T0 + 99),
      bareSpan('rounds', 'fran', 'rounds', T0 + 1, T0 + 99),
    ];
    expect(summarize(bareSnapshot(spans)).rootSpanId).toBe('fran');
  });

  it('stops at a group with two children (a warm-up and the workout), and at a non-group', () => {
    const two = [
      bareSpan('session', null, 'group', T0, T0 + 100),
      bareSpan('warm-up', 'session', 'effort', T0, T0 + 10),
      bareSpan('wod', 'session', 'amrap', T0 + 10, T0 + 100),
    ];
    expect(summarize(bareSnapshot(two)).rootSpanId).toBe('session');
    const { tracker, timerId } = runFran(); // a timer with one child: not a wrapper
    expect(summarize(tracker.getSnapshot()).rootSpanId).toBe(timerId);
  });

  it('takes the first root when there are several, and rootSpanId as it is given', () => {
    const clock = createManualClock(T0);
    const tracker = createTracker({ clock, strict: true });
    const first = tracker.startSpan({ key: 'a', label: 'A', blockType: 'group' }, null)!;
    const inner = tracker.startSpan({ key: 'a1', label: 'A1', blockType: 'amrap' })!;
    const second = tracker.startSpan({ key: 'b', label: 'B', blockType: 'timer' }, null)!;
    clock.advance(1_000);
    tracker.endSpan('a');
    tracker.endSpan('b');
    const snapshot = tracker.getSnapshot();
    expect(summarize(snapshot).rootSpanId).toBe(inner.id);
    expect(summarize(snapshot, { rootSpanId: first.id }).rootSpanId).toBe(first.id); // not descended
    expect(summarize(snapshot, { rootSpanId: second.id }).rootSpanId).toBe(second.id);
  });
});
