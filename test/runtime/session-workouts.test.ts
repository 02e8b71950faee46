// The example block runtime end to end: four workouts inside a session root, read back with
// summarize (which finds the workout under the session by itself), and what a runtime does on the
// way: timers given after mount, pauses with efforts open, a capped AMRAP, a forced overrun, a reload.
import { describe, expect, it } from 'vitest';
import {
  BlockRuntime,
  CINDY_PAUSE,
  cindyAthlete,
  runCindyThroughRuntime,
  runEmomThroughActions,
  runFranThroughActions,
  runTabataThroughRuntime,
  runWorkout,
  sessionOf,
  simulate,
  T0,
  type WorkoutRun,
} from '../../examples/runtime/index';
import { createManualClock, createTracker, ExecutionTracker, type ExecutionSpan, type TrackerSnapshot } from 'workout-spans';
import { summarize } from 'workout-spans/analysis';
import { deserialize, serialize } from 'workout-spans/persistence';

function spansOf(run: WorkoutRun): ExecutionSpan[] {
  return run.executionTracker.getSnapshot().spans;
}

function byBlock(run: WorkoutRun, blockId: string): ExecutionSpan {
  const span = spansOf(run).find((s) => s.blockId === blockId);
  if (span === undefined) throw new Error(`no span for ${blockId}`);
  return span;
}

/** Summary of the snapshot, with no rootSpanId: the session root is the first root. */
function summaryOf(run: WorkoutRun) {
  return summarize(run.executionTracker.getSnapshot());
}

describe('Fran in its session', () => {
  const run = runFranThroughActions({ strict: true });
  const summary = summaryOf(run);

  it('the summary finds Fran under the session and scores its running time', () => {
    expect(summary.rootSpanId).toBe(byBlock(run, 'fran').id);
    expect(summary.score).toEqual({ type: 'time', value: 240_000, display: '4:00' });
    expect(summary.totals).toEqual({ totalMs: 240_000, elapsedMs: 240_000, workMs: 240_000, restMs: 0, pausedMs: 0 });
    expect(run.executionTracker.totals(byBlock(run, 'session/fran').id)).toEqual(summary.totals);
  });

  it('three finished rounds (the last closed by the end of 21-15-9) and their splits', () => {
    expect(summary.rounds.map((r) => [r.label, r.durationMs, r.reps, r.finished])).toEqual([
      ['Round 1', 105_000, 42, true],
      ['Round 2', 75_000, 30, true],
      ['Round 3', 60_000, 18, true],
    ]);
    expect(summary.splits).toMatchObject({ count: 3, mean: 80_000, min: 60_000, max: 105_000, p50: 75_000 });
    expect(summary.exercises.map((e) => [e.exerciseId, e.reps, e.volume, e.durationMs])).toEqual([
      ['thruster', 45, 45 * 95, 130_000],
      ['pull-up', 45, 0, 110_000],
    ]);
  });

  it('descriptions come from the blocks, not from records; the rep scheme is on 21-15-9', () => {
    const rounds = byBlock(run, 'fran/rounds');
    expect(rounds.metrics).toMatchObject({ repScheme: [21, 15, 9], totalRounds: 3, currentRound: 3 });
    const keys = new Set(run.executionTracker.getSnapshot().metrics.map((r) => r.key));
    expect(keys).toEqual(new Set(['currentRound', 'weight', 'reps']));
  });
});

describe('Cindy (AMRAP 20) in its session, paused for a minute', () => {
  const run = runCindyThroughRuntime({ strict: true });
  const summary = summaryOf(run);
  const cindy = byBlock(run, 'cindy');

  it('scores 8+26: eight finished rounds and the 5 + 10 + 11 reps of the round the cap cut', () => {
    expect(summary.rootSpanId).toBe(cindy.id);
    expect(summary.score).toEqual({ type: 'rounds+reps', rounds: 8, reps: 26, display: '8+26' });
    expect(summary.rounds).toHaveLength(9);
    expect(summary.rounds.map((r) => r.finished)).toEqual([...Array(8).fill(true), false]);
    expect(summary.rounds[8]).toMatchObject({ label: 'Round 9', reps: 26, elapsedMs: 120_000 });
  });

  it('20:00 of running time, 1:00 paused, 21:00 on the wall, at the session root too', () => {
    const totals = { totalMs: 1_260_000, elapsedMs: 1_200_000, workMs: 1_200_000, restMs: 0, pausedMs: 60_000 };
    expect(summary.totals).toEqual(totals);
    expect(run.executionTracker.totals(byBlock(run, 'session/cindy').id)).toEqual(totals);
  });

  it('splits of the finished rounds in running time: 2:15 each, the paused round 3 too', () => {
    expect(summary.rounds[2]).toMatchObject({ label: 'Round 3', durationMs: 195_000, elapsedMs: 135_000 });
    expect(summary.splits).toMatchObject({ count: 8, mean: 135_000, stdev: 0, p50: 135_000 });
  });

  it('the cap ends the AMRAP with reason timer-expired, and the air squats it cut with it', () => {
    expect(cindy).toMatchObject({ status: 'completed', endReason: 'timer-expired', endTime: T0 + 1_260_000 });
    expect(cindy.timer).toEqual({ direction: 'down', durationMs: 1_200_000 });
    const cut = byBlock(run, 'cindy/r9/squats');
    expect(cut).toMatchObject({ status: 'completed', endReason: 'timer-expired', endTime: cindy.endTime });
    expect(cut.metrics.reps?.value).toBe(11);
    expect(byBlock(run, 'session/cindy').endReason).toBeUndefined(); // the session ended because its workout did
  });

  it('the pause stopped every open span, the push-ups of round 3 included', () => {
    const pushUps = byBlock(run, 'cindy/r3/push-ups');
    const pause = (s: ExecutionSpan) => s.segments.filter((g) => g.type === 'pause').map((g) => [g.startTime - T0, g.endTime! - T0]);
    expect(pause(pushUps)).toEqual([[320_000, 380_000]]);
    expect(pause(cindy)).toEqual([[320_000, 380_000]]);
    expect(pause(byBlock(run, 'session/cindy'))).toEqual([[320_000, 380_000]]);
  });
});

describe('EMOM 10 in its session, minute 7 overrun', () => {
  const run = runEmomThroughActions({}, undefined, (m) => (m === 7 ? 65_000 : 35_000));
  const summary = summaryOf(run);

  it('rest rolls up to the session: nine rests of 25 s', () => {
    const totals = { totalMs: 600_000, elapsedMs: 600_000, workMs: 375_000, restMs: 225_000, pausedMs: 0 };
    expect(summary.totals).toEqual(totals);
    expect(run.executionTracker.totals(byBlock(run, 'session/emom').id)).toEqual(totals);
    expect(summary.score.display).toBe('10:00');
  });

  it('the unfinished burpees of minute 7 are forced out at the top of the minute, with their reason and reps', () => {
    const late = byBlock(run, 'emom/m7/burpees');
    expect(late).toMatchObject({ status: 'skipped', endReason: 'forced', startTime: T0 + 360_000, endTime: T0 + 420_000 });
    expect(late.metrics.reps?.value).toBe(9);
    expect(spansOf(run).some((s) => s.blockId === 'emom/m7/rest')).toBe(false);
    expect(byBlock(run, 'emom/m8/burpees').startTime).toBe(T0 + 420_000);
  });

  it('minutes from the EMOM’s minute segments; no rounds, so no splits', () => {
    expect(summary.minutes.map((m) => [m.label, m.reps, m.workMs, m.restMs])).toEqual(
      Array.from({ length: 10 }, (_, i) => (i === 6 ? ['Minute 7', 9, 60_000, 0] : [`Minute ${i + 1}`, 10, 35_000, 25_000])),
    );
    expect(summary.rounds).toEqual([]);
    expect(summary.splits.count).toBe(0);
    expect(summary.statuses).toMatchObject({ skipped: 1, failed: 0 });
  });

  it('each rest learnt its length once mounted: what was left of the minute (updateSpan)', () => {
    const rest = byBlock(run, 'emom/m1/rest');
    expect(rest.timer).toEqual({ direction: 'down', durationMs: 25_000 });
    expect(rest.segments.map((g) => [g.type, g.plannedMs])).toEqual([['rest', undefined]]);
  });
});

describe('Tabata in its session: 8 × (20 s of air squats + a 10 s rest block)', () => {
  const run = runTabataThroughRuntime({ strict: true });
  const summary = summaryOf(run);

  it('160 s of work and 80 s of rest at the root', () => {
    const totals = { totalMs: 240_000, elapsedMs: 240_000, workMs: 160_000, restMs: 80_000, pausedMs: 0 };
    expect(run.executionTracker.totals(byBlock(run, 'session/tabata').id)).toEqual(totals);
    expect(summary.totals).toEqual(totals);
    expect(summary.score).toEqual({ type: 'time', value: 240_000, display: '4:00' });
  });

  it('eight finished rounds of 30 s, the reps logged when each 20 s ran out', () => {
    expect(summary.rounds.map((r) => [r.durationMs, r.reps, r.finished])).toEqual(
      Array.from({ length: 8 }, (_, i) => [30_000, 14 - i, true]),
    );
    expect(summary.splits).toMatchObject({ count: 8, mean: 30_000, cv: 0 });
    expect(summary.exercises).toEqual([{ exerciseId: 'air-squat', reps: 84, volume: 0, distance: 0, durationMs: 160_000 }]);
  });

  it('each rest block has its planned 10 s; each timed effort ended with reason timer-expired', () => {
    const rests = spansOf(run).filter((s) => s.label === 'Rest');
    expect(rests.map((s) => s.segments[0]!.plannedMs)).toEqual(Array(8).fill(10_000));
    const squats = spansOf(run).filter((s) => s.label === 'Air squats');
    expect(squats.every((s) => s.endReason === 'timer-expired' && s.timer?.durationMs === 20_000)).toBe(true);
  });
});

describe('the runtime’s events', () => {
  function started(id: Parameters<typeof sessionOf>[0]) {
    const clock = createManualClock(T0);
    const tracker = createTracker({ clock, strict: true });
    const runtime = new BlockRuntime(tracker);
    runtime.start(sessionOf(id));
    return { clock, tracker, runtime };
  }

  it('a timer known after mount: the span starts without it and updateSpan gives it (span:updated)', () => {
    const clock = createManualClock(T0);
    const tracker = createTracker({ clock, strict: true });
    const startedTimers: unknown[] = [];
    const updated: unknown[] = [];
    tracker.on('span:started', ({ span }) => span.blockId === 'cindy' && startedTimers.push(span.timer));
    tracker.on('span:updated', ({ span }) => span.blockId === 'cindy' && updated.push(span.timer));
    new BlockRuntime(tracker).start(sessionOf('cindy'));
    expect(startedTimers).toEqual([undefined]);
    expect(updated).toEqual([{ direction: 'down', durationMs: 1_200_000 }]);
  });

  it('"next" while paused keeps the reps and starts the next set paused; resume carries on', () => {
    const { clock, tracker, runtime } = started('fran');
    clock.advance(50_000);
    runtime.pause();
    expect(runtime.paused).toBe(true);
    expect(tracker.getActiveSpan('fran/r1/thrusters')!.paused).toBe(true);
    clock.advance(10_000);
    runtime.next(); // the athlete finished the thrusters while the clock was stopped
    const reps = tracker.getSnapshot().metrics.find((r) => r.key === 'reps')!;
    expect([reps.value, reps.timeSpanId]).toEqual([21, null]);
    expect(tracker.getActiveSpan('fran/r1/pull-ups')!.paused).toBe(true);
    clock.advance(5_000);
    runtime.resume();
    clock.advance(20_000);
    expect(tracker.totals('session/fran')).toMatchObject({ elapsedMs: 70_000, pausedMs: 15_000 });
    expect(tracker.totals('fran/r1/pull-ups')).toMatchObject({ elapsedMs: 20_000, pausedMs: 5_000 });
  });

  it('pause and resume are ignored when they would change nothing', () => {
    const { runtime, tracker } = started('fran');
    runtime.resume();
    runtime.pause();
    runtime.pause();
    expect(tracker.getActiveSpan('session/fran')!.segments.filter((s) => s.type === 'pause')).toHaveLength(1);
  });

  it('skip forces the current set out (skipped, forced); the workout carries on', () => {
    const { clock, tracker, runtime } = started('fran');
    clock.advance(5_000);
    runtime.skip();
    expect(tracker.getSpan(tracker.getSpans().find((s) => s.blockId === 'fran/r1/thrusters')!.id)).toMatchObject({
      status: 'skipped',
      endReason: 'forced',
    });
    expect(runtime.stack.current!.key).toBe('fran/r1/pull-ups');
  });

  it('abort ends the session and everything open in it (skipped, aborted)', () => {
    const { clock, tracker, runtime } = started('cindy');
    clock.advance(5_000);
    runtime.abort();
    expect(runtime.finished).toBe(true);
    const spans = tracker.getSnapshot().spans;
    expect(spans.map((s) => [s.blockId, s.status, s.endReason])).toEqual([
      ['session/cindy', 'skipped', 'aborted'],
      ['cindy', 'skipped', 'aborted'],
      ['cindy/r1/pull-ups', 'skipped', 'aborted'],
    ]);
    const summary = summarize(tracker.getSnapshot());
    expect(summary.rounds.map((r) => r.finished)).toEqual([false]); // cut by an end that was not a completion
  });

  it('a set logged in parts: "done" records what is left of the target', () => {
    const { clock, tracker, runtime } = started('fran');
    clock.advance(20_000);
    runtime.logReps(12);
    clock.advance(20_000);
    runtime.next();
    expect(tracker.getMetrics(tracker.getSpans().find((s) => s.blockId === 'fran/r1/thrusters')!.id).map((r) => r.value)).toEqual([
      95, 12, 9,
    ]);
  });
});

describe('reload and resume: a runtime rebuilt from a restored tracker', () => {
  function saveAt(untilMs: number): { saved: TrackerSnapshot } {
    const run = runWorkout('cindy', cindyAthlete, { events: CINDY_PAUSE, untilMs });
    expect(run.runtime.finished).toBe(false);
    return { saved: deserialize(serialize(run.executionTracker)) };
  }

  it('carries on from the saved set: same score and splits, the time away an Interrupted pause', () => {
    const { saved } = saveAt(650_000); // 10:50 on the wall, 9:50 of running time: 20 s into round 5's push-ups
    const away = 120_000;
    const clock = createManualClock(saved.savedAt! + away);
    const tracker = ExecutionTracker.restore(saved, { clock, strict: true });
    const runtime = new BlockRuntime(tracker);
    expect(runtime.restore(sessionOf('cindy'))).toBe(true);
    expect(runtime.stack.blocks.map((b) => b.key)).toEqual(['session/cindy', 'cindy', 'cindy/r5/push-ups']);
    simulate(runtime, clock, cindyAthlete);
    const summary = summarize(tracker.getSnapshot());
    expect(summary.score.display).toBe('8+26');
    expect(summary.totals).toMatchObject({ elapsedMs: 1_200_000, pausedMs: 60_000 + away });
    expect(summary.splits).toMatchObject({ count: 8, p50: 135_000 });
    const cindy = tracker.getSpans().find((s) => s.blockId === 'cindy')!;
    expect(cindy.segments.filter((s) => s.label === 'Interrupted').map((s) => s.endTime! - s.startTime)).toEqual([away]);
  });

  it.each([
    ['emom', 3 * 60_000 + 50_000, 'emom/m4/rest'],
    ['tabata', 2 * 60_000 + 25_000, 'tabata/r5/rest'],
    ['fran', 150_000, 'fran/r2/pull-ups'],
  ] as const)('%s saved at %i ms (in %s) ends as the run that never stopped, the time away paused', (id, untilMs, top) => {
    const athletes = {
      emom: { effort: () => ({ ms: 35_000 }) },
      tabata: { effort: () => undefined, cut: () => 10 },
      fran: { effort: () => ({ ms: 40_000 }) },
    };
    const whole = runWorkout(id, athletes[id]);
    const stopped = runWorkout(id, athletes[id], { untilMs });
    const saved = deserialize(serialize(stopped.executionTracker));
    const away = 45_000;
    const clock = createManualClock(saved.savedAt! + away);
    const tracker = ExecutionTracker.restore(saved, { clock, strict: true });
    const runtime = new BlockRuntime(tracker);
    runtime.restore(sessionOf(id));
    expect(runtime.stack.current?.key).toBe(top);
    simulate(runtime, clock, athletes[id]);
    const after = summarize(tracker.getSnapshot());
    const before = summarize(whole.executionTracker.getSnapshot());
    expect(after.totals).toEqual({ ...before.totals, totalMs: before.totals.totalMs + away, pausedMs: away });
    expect(after.score.display).toBe(before.score.display);
    expect(after.rounds.map((r) => [r.label, r.elapsedMs, r.reps])).toEqual(before.rounds.map((r) => [r.label, r.elapsedMs, r.reps]));
    expect(after.minutes).toEqual(before.minutes);
  });

  it('a session that had ended is not restored: start a new one', () => {
    const run = runFranThroughActions();
    const restored = ExecutionTracker.restore(deserialize(serialize(run.executionTracker)), { clock: createManualClock(T0 + 1e6) });
    expect(new BlockRuntime(restored).restore(sessionOf('fran'))).toBe(false);
  });

  it('timers that ran out while the page was away fire when it comes back', () => {
    const { saved } = saveAt(1_250_000); // 20:50 on the wall: 10 s before the cap
    const clock = createManualClock(saved.savedAt! + 30_000);
    const tracker = ExecutionTracker.restore(saved, { clock });
    const runtime = new BlockRuntime(tracker);
    runtime.restore(sessionOf('cindy'));
    // the gap is paused time: 10 s of the cap were left, nothing ran out yet
    expect(runtime.finished).toBe(false);
    expect(runtime.dueIn()).toBe(10_000);
  });
});
