import { describe, expect, it } from 'vitest';
import { createManualClock, createTracker, type ExecutionTracker, type ManualClock, type MetricRecord } from 'workout-spans';
import { summarize } from 'workout-spans/analysis';
import { nameExercises, T0 } from './craft';

function workout(): { tracker: ExecutionTracker; clock: ManualClock } {
  const clock = createManualClock(T0);
  const tracker = createTracker({ clock, strict: true });
  tracker.startSpan({ key: 'root', label: 'Workout', blockType: 'rounds' });
  return { tracker, clock };
}

/** Records whose `source` is `as:<exercise>` name that exercise (how these tests say which part a record is). */
const bySource = (r: MetricRecord): string | undefined => (r.source?.startsWith('as:') ? r.source.slice(3) : undefined);

describe('exercises: which exercise a record counts for', () => {
  it('a composed block (5 pull-ups + 10 push-ups + 15 squats on one span) lists three exercises', () => {
    const { tracker, clock } = workout();
    tracker.startSpan({ key: 'chipper', label: '5 pull-ups + 10 push-ups + 15 squats', blockType: 'effort' });
    clock.advance(30_000);
    tracker.recordMetric('chipper', 'reps', 5, 'reps', 'as:pull-up');
    clock.advance(30_000);
    tracker.recordMetric('chipper', 'reps', 10, 'reps', 'as:push-up');
    clock.advance(40_000);
    tracker.recordMetric('chipper', 'reps', 15, 'reps', 'as:air-squat');
    tracker.endSpan('root');
    const s = summarize(nameExercises(tracker.getSnapshot(), bySource));
    expect(s.exercises).toEqual([
      { exerciseId: 'pull-up', reps: 5, volume: 0, distance: 0, durationMs: 0 },
      { exerciseId: 'push-up', reps: 10, volume: 0, distance: 0, durationMs: 0 },
      { exerciseId: 'air-squat', reps: 15, volume: 0, distance: 0, durationMs: 0 },
    ]);
  });

  it("the record's exerciseId first, else its span's exerciseId, else the span's label", () => {
    const { tracker, clock } = workout();
    tracker.startSpan({ key: 'a', label: 'Thrusters', blockType: 'effort' });
    tracker.recordMetric('a', 'exerciseId', 'thruster', '');
    clock.advance(10_000);
    tracker.recordMetric('a', 'reps', 5, 'reps');
    tracker.recordMetric('a', 'reps', 3, 'reps', 'as:wall-ball');
    tracker.endSpan('a');
    tracker.startSpan({ key: 'b', label: 'Row', blockType: 'effort' });
    clock.advance(20_000);
    tracker.recordMetric('b', 'distance', 250, 'm');
    tracker.endSpan('root');
    const s = summarize(nameExercises(tracker.getSnapshot(), bySource));
    expect(s.exercises.map((e) => [e.exerciseId, e.reps, e.distance, e.durationMs])).toEqual([
      ['thruster', 5, 0, 10_000],
      ['wall-ball', 3, 0, 0],
      ['Row', 0, 250, 20_000],
    ]);
  });
});

describe('exercises: time', () => {
  it("timed work with no reps (Tabata's air squats) is listed with its running time", () => {
    const { tracker, clock } = workout();
    for (let i = 1; i <= 8; i++) {
      tracker.startSpan({ key: `squats-${i}`, label: 'Air squats', blockType: 'effort' });
      clock.advance(20_000);
      tracker.endSpan(`squats-${i}`);
      tracker.startRest('root', { durationMs: 10_000 });
      clock.advance(10_000);
      tracker.endRest('root');
    }
    tracker.endSpan('root');
    expect(summarize(tracker.getSnapshot()).exercises).toEqual([
      { exerciseId: 'Air squats', reps: 0, volume: 0, distance: 0, durationMs: 160_000 },
    ]);
  });

  it('counts pauses out of an effort, and does not credit blocks that only hold others', () => {
    const { tracker, clock } = workout();
    tracker.startSpan({ key: 'plank', label: 'Plank', blockType: 'effort' });
    tracker.recordMetric('plank', 'targetReps', 1, 'reps');
    clock.advance(30_000);
    tracker.pause();
    clock.advance(45_000);
    tracker.resume();
    clock.advance(15_000);
    tracker.endSpan('root');
    // The rounds block 'Workout' recorded nothing and is no effort: it is not an exercise.
    expect(summarize(tracker.getSnapshot()).exercises).toEqual([
      { exerciseId: 'Plank', reps: 0, volume: 0, distance: 0, durationMs: 45_000, targetReps: 1 },
    ]);
  });

  it('a block that is no effort counts its time for its exercise when it recorded work for it', () => {
    const { tracker, clock } = workout();
    tracker.startSpan({ key: 'row', label: 'Row 500 m', blockType: 'timer' });
    clock.advance(100_000);
    tracker.recordMetric('row', 'distance', 500, 'm');
    tracker.endSpan('root');
    expect(summarize(tracker.getSnapshot()).exercises).toEqual([
      { exerciseId: 'Row 500 m', reps: 0, volume: 0, distance: 500, durationMs: 100_000 },
    ]);
  });
});

describe('exercises: volume is reps × the weight in effect', () => {
  it('a drop set: each set of reps takes the weight recorded last before it on the span', () => {
    const { tracker } = workout();
    tracker.startSpan({ key: 'dl', label: 'Deadlift', blockType: 'effort' });
    tracker.recordMetric('dl', 'weight', 100, 'kg');
    tracker.recordMetric('dl', 'reps', 5, 'reps');
    tracker.recordMetric('dl', 'weight', 80, 'kg');
    tracker.recordMetric('dl', 'reps', 5, 'reps');
    tracker.endSpan('root');
    expect(summarize(tracker.getSnapshot()).exercises[0]).toMatchObject({ reps: 10, volume: 900 });
  });

  it('reps recorded before any weight take the first weight recorded after them', () => {
    const { tracker } = workout();
    tracker.startSpan({ key: 'dl', label: 'Deadlift', blockType: 'effort' });
    tracker.recordMetric('dl', 'reps', 10, 'reps');
    tracker.recordMetric('dl', 'weight', 50, 'kg');
    tracker.recordMetric('dl', 'reps', 2, 'reps');
    tracker.endSpan('root');
    expect(summarize(tracker.getSnapshot()).exercises[0]).toMatchObject({ reps: 12, volume: 600 });
  });

  it('a weight pairs with reps of its own exercise on its own span only', () => {
    const { tracker } = workout();
    tracker.startSpan({ key: 'combo', label: 'Combo', blockType: 'effort' });
    tracker.recordMetric('combo', 'weight', 24, 'kg', 'as:kb-swing');
    tracker.recordMetric('combo', 'reps', 10, 'reps', 'as:kb-swing');
    tracker.recordMetric('combo', 'reps', 10, 'reps', 'as:push-up');
    tracker.endSpan('combo');
    tracker.startSpan({ key: 'more', label: 'More swings', blockType: 'effort' });
    tracker.recordMetric('more', 'reps', 5, 'reps', 'as:kb-swing'); // another span: no weight here
    tracker.endSpan('root');
    const s = summarize(nameExercises(tracker.getSnapshot(), bySource));
    expect(s.exercises.map((e) => [e.exerciseId, e.reps, e.volume])).toEqual([
      ['kb-swing', 15, 240],
      ['push-up', 10, 0],
    ]);
  });

  it('reps with no weight at all have no volume', () => {
    const { tracker } = workout();
    tracker.startSpan({ key: 'p', label: 'Pull-ups', blockType: 'effort' });
    tracker.recordMetric('p', 'reps', 7, 'reps');
    tracker.endSpan('root');
    expect(summarize(tracker.getSnapshot()).exercises[0]).toMatchObject({ reps: 7, volume: 0 });
  });
});
