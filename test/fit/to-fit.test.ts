import { Decoder, Stream, type FitMessage } from '@garmin/fitsdk';
import { describe, expect, it } from 'vitest';
import { runCindy } from '../../examples/workouts/cindy';
import { runEmom } from '../../examples/workouts/emom';
import { runFran, T0 } from '../../examples/workouts/fran';
import { toFit } from 'workout-spans/fit';
import { createManualClock, createTracker, type Clock, type ClockJump, type TrackerSnapshot } from 'workout-spans';
import { deserialize, serialize } from 'workout-spans/persistence';
import { summarize } from 'workout-spans/analysis';

const KG_PER_LB = 0.45359237;
const at = (seconds: number): number => T0 + seconds * 1000;

/** Decodes with Garmin's own SDK; checkIntegrity must run on a fresh decoder, before read(). */
function decode(bytes: Uint8Array): Record<string, FitMessage[]> {
  expect(bytes).toBeInstanceOf(Uint8Array);
  expect(Decoder.isFIT(Stream.fromByteArray(bytes))).toBe(true);
  expect(new Decoder(Stream.fromByteArray(bytes)).checkIntegrity()).toBe(true);
  const { messages, errors } = new Decoder(Stream.fromByteArray(bytes)).read();
  expect(errors).toEqual([]);
  return messages;
}

const time = (v: unknown): number => (v as Date).getTime();

function timerEvents(m: Record<string, FitMessage[]>): [number, string][] {
  return (m.eventMesgs ?? []).filter((e) => e.event === 'timer').map((e) => [time(e.timestamp), e.eventType as string]);
}

describe('toFit', () => {
  it('S1: file id, one active set per effort with reps and weight in kg, a lap per round, session and activity', () => {
    const m = decode(toFit(runFran().tracker.getSnapshot()));
    expect(m.fileIdMesgs).toHaveLength(1);
    expect(m.fileIdMesgs![0]).toMatchObject({ type: 'activity', manufacturer: 'development' });
    expect(time(m.fileIdMesgs![0]!.timeCreated)).toBe(T0);
    expect(timerEvents(m)).toEqual([
      [T0, 'start'],
      [at(240), 'stopAll'],
    ]);

    const sets = m.setMesgs!;
    expect(sets).toHaveLength(6);
    expect(sets.map((s) => s.setType)).toEqual(Array(6).fill('active'));
    expect(sets.map((s) => s.repetitions)).toEqual([21, 21, 15, 15, 9, 9]);
    expect(sets.map((s) => s.duration)).toEqual([60, 45, 40, 35, 30, 30]);
    expect(sets.map((s) => time(s.startTime))).toEqual([0, 60, 105, 145, 180, 210].map(at));
    const thrusters = sets.filter((_, i) => i % 2 === 0);
    for (const s of thrusters) {
      expect(s.weight as number).toBeCloseTo(95 * KG_PER_LB, 1); // uint16 with scale 16: 1/16 kg steps
      expect(s.weightDisplayUnit).toBe('pound');
    }
    expect(sets[1]!.weight).toBeUndefined();

    expect(m.lapMesgs!.map((l) => [time(l.startTime), l.totalElapsedTime, l.totalTimerTime])).toEqual([
      [at(0), 105, 105],
      [at(105), 75, 75],
      [at(180), 60, 60],
    ]);
    expect(m.sessionMesgs).toHaveLength(1);
    expect(m.sessionMesgs![0]).toMatchObject({
      sport: 'training',
      subSport: 'strengthTraining',
      totalElapsedTime: 240,
      totalTimerTime: 240,
      numLaps: 3,
      firstLapIndex: 0,
    });
    expect(time(m.sessionMesgs![0]!.startTime)).toBe(T0);
    expect(m.activityMesgs).toHaveLength(1);
    expect(m.activityMesgs![0]).toMatchObject({ numSessions: 1, totalTimerTime: 240 });
  });

  it('S2: a timer stop/start pair around the pause; elapsed time with the pause, timer time without', () => {
    const m = decode(toFit(runCindy().tracker.getSnapshot()));
    expect(timerEvents(m)).toEqual([
      [at(0), 'start'],
      [at(320), 'stop'],
      [at(380), 'start'],
      [at(1260), 'stopAll'],
    ]);
    expect(m.sessionMesgs![0]).toMatchObject({ totalElapsedTime: 1260, totalTimerTime: 1200, numLaps: 9 });
    expect(m.setMesgs).toHaveLength(27);
    expect(m.setMesgs!.reduce((n, s) => n + (s.repetitions as number), 0)).toBe(8 * 30 + 26);
    // The push-ups of round 3 ran 45 s, though a minute of pause fell inside them.
    const paused = m.setMesgs!.find((s) => time(s.startTime) === at(300))!;
    expect(paused).toMatchObject({ duration: 45, repetitions: 10, setType: 'active' });
    const lap3 = m.lapMesgs![2]!;
    expect([lap3.totalElapsedTime, lap3.totalTimerTime]).toEqual([195, 135]);
  });

  it('S3: rest periods become rest sets; minutes become laps when there are no rounds', () => {
    const m = decode(toFit(runEmom().tracker.getSnapshot()));
    const sets = m.setMesgs!;
    expect(sets).toHaveLength(20);
    expect(sets.map((s) => s.setType)).toEqual(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 'active' : 'rest')));
    const rest = sets.filter((s) => s.setType === 'rest');
    expect(rest.map((s) => s.duration)).toEqual(Array(10).fill(20));
    expect(rest.map((s) => time(s.startTime))).toEqual(Array.from({ length: 10 }, (_, i) => at(i * 60 + 40)));
    expect(sets.filter((s) => s.setType === 'active').every((s) => s.repetitions === 10 && s.duration === 35)).toBe(true);
    expect(m.lapMesgs).toHaveLength(10);
    expect(m.sessionMesgs![0]).toMatchObject({ totalElapsedTime: 600, totalTimerTime: 600, numLaps: 10 });
  });

  it('writes a saved, still running session up to its savedAt, paused to the end', () => {
    const { tracker } = runCindy({}, 340);
    const snapshot: TrackerSnapshot = deserialize(serialize(tracker));
    const m = decode(toFit(snapshot));
    expect(timerEvents(m)).toEqual([
      [at(0), 'start'],
      [at(320), 'stop'],
      [at(340), 'stopAll'],
    ]);
    expect(m.sessionMesgs![0]).toMatchObject({ totalElapsedTime: 340, totalTimerTime: 320 });
  });

  it('writes one lap for a workout with neither rounds nor minutes, and the local timestamp when given', () => {
    const fran = runFran();
    const snapshot = fran.tracker.getSnapshot();
    const m = decode(toFit(snapshot, { rootSpanId: fran.timerId, utcOffsetMinutes: 60 }));
    expect(m.activityMesgs![0]!.localTimestamp).toBeDefined();
    expect(m.activityMesgs![0]!.localTimestamp).not.toEqual(m.activityMesgs![0]!.timestamp);
    expect(() => toFit(snapshot, { rootSpanId: 'nope' })).toThrow(RangeError);
    const effort = snapshot.spans[2]!;
    const lone = decode(
      toFit({ ...snapshot, spans: [{ ...effort, parentSpanId: null }], metrics: snapshot.metrics.filter((r) => r.spanId === effort.id) }),
    );
    expect(lone.lapMesgs).toHaveLength(1);
    expect(lone.lapMesgs![0]).toMatchObject({ totalElapsedTime: 60, totalTimerTime: 60 });
    expect(lone.setMesgs).toHaveLength(1);
  });

  it('writes the workout inside a session wrapper, as summarize finds it', () => {
    const clock = createManualClock(T0);
    const tracker = createTracker({ clock, strict: true });
    tracker.startSpan({ key: 'session', label: 'Session', blockType: 'group' });
    clock.advance(5_000);
    tracker.startSpan({ key: 'fran', label: 'Fran', blockType: 'timer' });
    clock.advance(240_000);
    tracker.endSpan('fran');
    clock.advance(5_000);
    tracker.endSpan('session');
    const m = decode(toFit(tracker.getSnapshot()));
    expect(m.sessionMesgs![0]).toMatchObject({ totalElapsedTime: 240, totalTimerTime: 240 });
    expect(time(m.sessionMesgs![0]!.startTime)).toBe(at(5));
  });

  it('laps on the rounds the summary lists: no lap for a 0 ms round opened as the AMRAP was capped', () => {
    const clock = createManualClock(T0);
    const tracker = createTracker({ clock, strict: true });
    tracker.startSpan({ key: 'amrap', label: 'AMRAP', blockType: 'amrap' });
    for (const n of [1, 2]) {
      tracker.startSegment('amrap', 'round', `Round ${n}`, n - 1);
      clock.advance(60_000);
    }
    tracker.startSegment('amrap', 'round', 'Round 3', 2); // the runtime opened the next round, then the cap hit
    tracker.endSpan('amrap');
    const snapshot = tracker.getSnapshot();
    expect(summarize(snapshot).rounds).toHaveLength(2);
    const m = decode(toFit(snapshot));
    expect(m.lapMesgs!.map((lap) => lap.totalElapsedTime)).toEqual([60, 60]);
    expect(m.sessionMesgs![0]).toMatchObject({ numLaps: 2 });
  });

  it.each(['paused', 'elapsed'] as const)('agrees with the totals about a gap the clock reported (clockGaps %s)', (clockGaps) => {
    let now = T0;
    const listeners: ((j: ClockJump) => void)[] = [];
    const clock: Clock = { now: () => now, onJump: (l) => (listeners.push(l), () => {}) };
    const tracker = createTracker({ clock, strict: true, clockGaps });
    const root = tracker.startSpan({ key: 'run', label: 'Run', blockType: 'timer' });
    now += 60_000;
    const from = now;
    now += 600_000; // ten minutes asleep
    for (const l of listeners) l({ from, to: now, cause: 'suspend' });
    now += 60_000;
    tracker.endSpan('run');
    const totals = tracker.totals(root.id)!;
    const m = decode(toFit(tracker.getSnapshot()));
    expect(m.sessionMesgs![0]).toMatchObject({ totalElapsedTime: totals.totalMs / 1000, totalTimerTime: totals.elapsedMs / 1000 });
    expect(totals.elapsedMs).toBe(clockGaps === 'paused' ? 120_000 : 720_000);
    expect(timerEvents(m).filter(([, type]) => type === 'stop')).toHaveLength(clockGaps === 'paused' ? 1 : 0);
  });
});
