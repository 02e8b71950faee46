import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createManualClock, createTracker, type SpanStatus, type TrackerSnapshot } from 'workout-spans';
import { DENSE_MINUTES_LIMIT, summarize, type WorkoutSummary } from 'workout-spans/analysis';
import { expectJsonSafe, T0 } from './craft';

type Op =
  | { op: 'advance'; ms: number }
  | { op: 'effort'; label: string }
  | { op: 'endEffort'; status: SpanStatus }
  | { op: 'round' | 'endRound' | 'minute' | 'pause' | 'resume' | 'rest' | 'endRest' }
  | { op: 'reps' | 'weight'; n: number }
  | { op: 'endWorkout'; status: SpanStatus };

const statusArb = fc.constantFrom<SpanStatus>('completed', 'completed', 'failed', 'skipped');
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 120_000 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 1e9, max: 2e12 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('effort' as const), label: fc.constantFrom('Burpees', 'Pull-ups', 'Row') }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('endEffort' as const), status: statusArb }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom('round', 'endRound', 'minute', 'pause', 'resume', 'rest', 'endRest').map((op) => ({ op }) as Op),
  },
  { weight: 4, arbitrary: fc.record({ op: fc.constantFrom('reps' as const, 'weight' as const), n: fc.integer({ min: 0, max: 50 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('endWorkout' as const), status: statusArb }) },
);

interface Run {
  snapshot: TrackerSnapshot;
  sessionId?: string;
  workoutId: string;
}

/** Runs a random workout of `type` (inside a session group when `wrapped`) on a lenient tracker. */
function run(type: string, wrapped: boolean, ops: Op[]): Run {
  const clock = createManualClock(T0);
  const tracker = createTracker({ clock, onError: () => {}, policy: { rest: 'allow' } });
  const session = wrapped ? tracker.startSpan({ key: 'session', label: 'Session', blockType: 'group' }) : undefined;
  const workout = tracker.startSpan({ key: 'workout', label: 'Workout', blockType: type })!;
  let efforts = 0;
  let rounds = 0;
  let minutes = 0;
  const current = (): string => (tracker.getActiveSpan(`e${efforts}`) ? `e${efforts}` : 'workout');
  for (const o of ops) {
    if (o.op === 'advance') clock.advance(o.ms);
    else if (o.op === 'effort') {
      if (tracker.getActiveSpan(`e${efforts}`)) tracker.endSpan(`e${efforts}`);
      tracker.startSpan({ key: `e${++efforts}`, label: o.label, blockType: 'effort' }, workout.id);
    } else if (o.op === 'endEffort') tracker.endSpan(`e${efforts}`, o.status);
    else if (o.op === 'round') tracker.startSegment('workout', 'round', `Round ${++rounds}`, rounds - 1);
    else if (o.op === 'endRound') tracker.endSegment('workout');
    else if (o.op === 'minute') tracker.startSegment('workout', 'minute', `Minute ${++minutes}`, minutes - 1);
    else if (o.op === 'pause') tracker.pause(workout.id);
    else if (o.op === 'resume') tracker.resume(workout.id);
    else if (o.op === 'rest') tracker.startRest('workout');
    else if (o.op === 'endRest') tracker.endRest('workout');
    else if (o.op === 'reps') tracker.recordMetric(current(), 'reps', o.n, 'reps');
    else if (o.op === 'weight') tracker.recordMetric(current(), 'weight', o.n, 'kg');
    else if (o.op === 'endWorkout') tracker.endSpan('workout', o.status);
  }
  if (session !== undefined && tracker.getActiveSpan('workout') === undefined) tracker.endSpan('session');
  return { snapshot: tracker.getSnapshot(), sessionId: session?.id, workoutId: workout.id };
}

const repsOf = (snapshot: TrackerSnapshot, at: number): number =>
  snapshot.metrics.filter((r) => r.key === 'reps' && r.recordedAt <= at).reduce((n, r) => n + (r.value as number), 0);

function checkSummary(s: WorkoutSummary, snapshot: TrackerSnapshot, at: number): void {
  expectJsonSafe(s);
  expect(Object.isFrozen(s)).toBe(true);
  const t = s.totals;
  expect(t.elapsedMs + t.pausedMs).toBe(t.totalMs);
  const finished = s.rounds.filter((r) => r.finished);
  expect(s.splits.count).toBe(finished.length);
  if (s.score.type === 'time') expect(s.score.value).toBe(t.elapsedMs);
  else {
    expect(s.score.rounds).toBe(finished.length);
    expect(s.score.reps).toBe(s.rounds.filter((r) => !r.finished).reduce((n, r) => n + r.reps, 0));
  }
  const reps = repsOf(snapshot, at);
  expect(s.repsPerMinute.reduce((n, m) => n + m.reps, 0)).toBe(reps);
  expect(s.exercises.reduce((n, e) => n + e.reps, 0)).toBe(reps);
  s.repsPerMinute.forEach((m, i) => i > 0 && expect(m.minute).toBeGreaterThan(s.repsPerMinute[i - 1]!.minute));
  const repsRecords = snapshot.metrics.filter((r) => r.key === 'reps').length;
  expect(s.repsPerMinute.length).toBeLessThanOrEqual(Math.max(DENSE_MINUTES_LIMIT, repsRecords + 1));
  for (const r of s.rounds) expect(r.elapsedMs).toBeLessThanOrEqual(r.durationMs);
}

describe('summarize on random workouts (property-based)', () => {
  it('holds its invariants, and rounds read the same from the session as from the workout', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('amrap', 'rounds', 'timer', 'emom'),
        fc.boolean(),
        fc.array(opArb, { maxLength: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (type, wrapped, ops, where) => {
          const { snapshot, sessionId, workoutId } = run(type, wrapped, ops);
          const end = summarize(snapshot, { rootSpanId: workoutId });
          const last = snapshot.spans.reduce((m, sp) => Math.max(m, sp.endTime ?? sp.startTime), T0);
          const at = Math.round(T0 + where * (last - T0));
          for (const [s, when] of [
            [end, Infinity],
            [summarize(snapshot, { at }), at],
          ] as const) {
            checkSummary(s, snapshot, when);
            expect(s.rootSpanId).toBe(workoutId);
          }
          if (sessionId === undefined) return;
          for (const when of [undefined, at]) {
            const fromSession = summarize(snapshot, { rootSpanId: sessionId, at: when });
            const fromWorkout = summarize(snapshot, { rootSpanId: workoutId, at: when });
            expect(fromSession.rounds).toEqual(fromWorkout.rounds);
            expect(fromSession.splits).toEqual(fromWorkout.splits);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
