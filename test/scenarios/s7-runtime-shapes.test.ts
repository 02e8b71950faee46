// The shapes a real block runtime produces: a session block around the workout, a clock frozen within
// a turn, rest blocks, "next" pressed while paused, a block that holds several exercises, a forced pop.
import { describe, expect, it } from 'vitest';
import { createManualClock, createTracker, type ExecutionTracker } from 'workout-spans';
import { summarize } from 'workout-spans/analysis';

const T0 = 1_700_000_000_000;

/** A runtime's session root with the workout inside it. */
function session(workout: { key: string; label: string; blockType: string; durationMs?: number }) {
  const clock = createManualClock(T0);
  const tracker = createTracker({ clock, strict: true });
  tracker.startSpan({ key: 'session', label: 'Session', blockType: 'group' });
  const root = tracker.startSpan({
    key: workout.key,
    label: workout.label,
    blockType: workout.blockType,
    ...(workout.durationMs === undefined ? {} : { timer: { direction: 'down' as const, durationMs: workout.durationMs } }),
  });
  return { clock, tracker, rootId: root.id };
}

/** One AMRAP round of `reps` reps over `ms`, recorded on an effort span inside the round. */
function round(tracker: ExecutionTracker, clock: ReturnType<typeof createManualClock>, n: number, ms: number, reps: number): void {
  tracker.startSegment('amrap', 'round', `Round ${n}`, n - 1);
  tracker.startSpan({ key: 'effort', label: 'Burpees', blockType: 'effort', exerciseId: 'burpee' }, 'amrap');
  clock.advance(ms);
  tracker.recordMetric('effort', 'reps', reps, 'reps');
  tracker.endSpan('effort');
}

describe('S7 shapes of a real runtime', () => {
  it('an AMRAP stopped in the instant its next round opened scores 2+0, not 1+5', () => {
    const { clock, tracker } = session({ key: 'amrap', label: 'AMRAP 4', blockType: 'amrap', durationMs: 240_000 });
    round(tracker, clock, 1, 120_000, 5);
    round(tracker, clock, 2, 120_000, 5);
    // The runtime's clock is frozen within the turn: round 3 opens, then the cap ends the block.
    tracker.startSegment('amrap', 'round', 'Round 3', 2);
    tracker.endSpan('amrap', 'completed', 'timer-expired');
    tracker.endSpan('session');
    const s = summarize(tracker.getSnapshot());
    expect(s.score).toEqual({ type: 'rounds+reps', rounds: 2, reps: 0, display: '2+0' });
    expect(s.rounds.map((r) => [r.label, r.finished])).toEqual([
      ['Round 1', true],
      ['Round 2', true],
    ]);
    expect(s.splits.count).toBe(2);
  });

  it('a session-wrapped AMRAP with a partial round at the cap: the same answer from either root', () => {
    const { clock, tracker, rootId } = session({ key: 'amrap', label: 'AMRAP 5', blockType: 'amrap', durationMs: 300_000 });
    round(tracker, clock, 1, 120_000, 10);
    round(tracker, clock, 2, 120_000, 10);
    tracker.startSegment('amrap', 'round', 'Round 3', 2);
    tracker.startSpan({ key: 'effort', label: 'Burpees', blockType: 'effort', exerciseId: 'burpee' }, 'amrap');
    clock.advance(60_000);
    tracker.recordMetric('effort', 'reps', 4, 'reps');
    tracker.endSpan('amrap', 'completed', 'timer-expired'); // the cap cuts round 3
    tracker.endSpan('session');
    const fromSession = summarize(tracker.getSnapshot());
    const fromWorkout = summarize(tracker.getSnapshot(), { rootSpanId: rootId });
    expect(fromSession.rootSpanId).toBe(rootId);
    for (const s of [fromSession, fromWorkout]) {
      expect(s.score.display).toBe('2+4');
      expect(s.rounds.map((r) => r.finished)).toEqual([true, true, false]);
      expect(s.splits.count).toBe(2);
    }
    const round3 = tracker.getSpan(rootId)!.segments.find((g) => g.label === 'Round 3')!;
    expect(round3.closedByEnd).toBe(true);
    expect(tracker.getSpan(rootId)!.endReason).toBe('timer-expired');
  });

  it('Fran: the last round, closed by ending the rounds block, is finished; a timed score excludes pauses', () => {
    const { clock, tracker } = session({ key: 'fran', label: 'Fran', blockType: 'timer' });
    tracker.startSpan({ key: 'rounds', label: '21-15-9', blockType: 'rounds', repScheme: [21, 15, 9], totalRounds: 3 });
    for (const [n, ms] of [
      [1, 105_000],
      [2, 75_000],
      [3, 60_000],
    ] as const) {
      tracker.startSegment('rounds', 'round', `Round ${n}`, n - 1);
      clock.advance(ms / 2);
      if (n === 2) {
        tracker.pause('fran');
        clock.advance(90_000);
        tracker.resume('fran');
      }
      clock.advance(ms / 2);
    }
    tracker.endSpan('rounds');
    tracker.endSpan('fran');
    tracker.endSpan('session');
    const s = summarize(tracker.getSnapshot());
    expect(s.rounds.map((r) => r.finished)).toEqual([true, true, true]);
    expect(s.score).toEqual({ type: 'time', value: 240_000, display: '4:00' });
    expect(s.totals).toMatchObject({ totalMs: 330_000, pausedMs: 90_000, elapsedMs: 240_000 });
  });

  it('a Tabata with rest blocks: 160 s work and 80 s rest at the root, and air squats listed by their time', () => {
    const { clock, tracker, rootId } = session({ key: 'tabata', label: 'Tabata', blockType: 'interval' });
    for (let i = 0; i < 8; i++) {
      tracker.startSpan({ key: 'squats', label: 'Air squats', blockType: 'effort' }, 'tabata');
      clock.advance(20_000);
      tracker.endSpan('squats');
      tracker.startSpan({ key: 'rest', label: 'Rest', blockType: 'group' }, 'tabata');
      tracker.startRest('rest', { durationMs: 10_000 });
      clock.advance(10_000);
      tracker.endSpan('rest');
    }
    tracker.endSpan('tabata');
    expect(tracker.totals(rootId)).toMatchObject({ workMs: 160_000, restMs: 80_000 });
    tracker.endSpan('session');
    const s = summarize(tracker.getSnapshot());
    expect(s.totals).toMatchObject({ workMs: 160_000, restMs: 80_000 });
    expect(s.exercises).toEqual([{ exerciseId: 'Air squats', reps: 0, volume: 0, distance: 0, durationMs: 160_000 }]);
  });

  it('"next" pressed while paused: the set is kept (no running interval) and counted', () => {
    const { clock, tracker, rootId } = session({ key: 'emom', label: 'EMOM', blockType: 'emom' });
    tracker.startSegment('emom', 'minute', 'Minute 1', 0);
    tracker.startSpan({ key: 'set', label: 'Push-ups', blockType: 'effort', exerciseId: 'push-up' }, 'emom');
    clock.advance(30_000);
    tracker.pause('emom');
    clock.advance(5_000);
    const r = tracker.recordMetric('set', 'reps', 12, 'reps')!;
    expect(r.timeSpanId).toBeNull();
    tracker.endSpan('set'); // next, while paused
    tracker.resume('emom');
    clock.advance(25_000);
    tracker.endSpan('emom');
    const s = summarize(tracker.getSnapshot(), { rootSpanId: rootId });
    expect(s.exercises[0]).toMatchObject({ exerciseId: 'push-up', reps: 12 });
    expect(s.minutes[0]).toMatchObject({ reps: 12 });
  });

  it('a composed block records each part under its own exercise', () => {
    const { clock, tracker } = session({ key: 'cindy', label: 'Cindy', blockType: 'amrap', durationMs: 1_200_000 });
    tracker.startSegment('cindy', 'round', 'Round 1', 0);
    tracker.startSpan({ key: 'round', label: 'Cindy round', blockType: 'effort' }, 'cindy');
    clock.advance(135_000);
    tracker.recordMetric('round', 'reps', 5, 'reps', { exerciseId: 'pull-up' });
    tracker.recordMetric('round', 'reps', 10, 'reps', { exerciseId: 'push-up' });
    tracker.recordMetric('round', 'reps', 15, 'reps', { exerciseId: 'air-squat' });
    tracker.endSpan('round');
    tracker.endSpan('cindy');
    const s = summarize(tracker.getSnapshot());
    expect(s.exercises.map((e) => [e.exerciseId, e.reps])).toEqual([
      ['pull-up', 5],
      ['push-up', 10],
      ['air-squat', 15],
    ]);
  });

  it('a forced EMOM overrun keeps its reason on the minute block and the effort ended with it', () => {
    const { clock, tracker } = session({ key: 'emom', label: 'EMOM 3', blockType: 'emom' });
    tracker.startSegment('emom', 'minute', 'Minute 1', 0);
    const minute = tracker.startSpan({ key: 'minute-1', label: 'Minute 1', blockType: 'group' }, 'emom');
    const effort = tracker.startSpan({ key: 'burpees', label: 'Burpees', blockType: 'effort' }, 'minute-1');
    clock.advance(60_000);
    tracker.endSpan('minute-1', 'skipped', 'forced'); // the runtime pops the unfinished minute
    expect(tracker.getSpan(minute.id)).toMatchObject({ status: 'skipped', endReason: 'forced' });
    expect(tracker.getSpan(effort.id)).toMatchObject({ status: 'skipped', endReason: 'forced' });
    expect(summarize(tracker.getSnapshot()).statuses).toMatchObject({ skipped: 2, active: 1 }); // the EMOM itself runs on
  });
});
