// The rules of a span's time in 0.2: which metrics the policies refuse, rest that rolls up and down
// the active chain, pauses of no length, and why a span ended.
import { describe, expect, it } from 'vitest';
import type { MetricRejectedEvent } from 'workout-spans';
import { codeOf, makeTracker, T0 } from '../helpers';

const at = (s: number): number => T0 + s * 1000;

describe('the policies are about work done', () => {
  it('by default a set finished while paused is kept, with no running interval', () => {
    const { tracker, clock } = makeTracker({ strict: true });
    const span = tracker.startSpan({ key: 'squats', label: 'Squats', blockType: 'effort' });
    clock.set(at(10));
    tracker.pause();
    clock.set(at(15));
    const r = tracker.recordMetric('squats', 'reps', 10, 'reps')!;
    expect(r).toMatchObject({ timeSpanId: null, phase: 'work', recordedAt: at(15) });
    expect(r.segmentIds).toEqual([tracker.getSpan(span.id)!.segments[0]!.id]);
  });

  it("under paused: 'reject' only reps, weight and distance are refused; heart rate and descriptions are kept", () => {
    const { tracker } = makeTracker({ strict: true, policy: { paused: 'reject' } });
    const rejected: MetricRejectedEvent[] = [];
    tracker.on('metric:rejected', (e) => rejected.push(e));
    tracker.startSpan({ key: 'run', label: 'Run', blockType: 'effort' });
    tracker.pause();
    for (const [key, value, unit] of [
      ['reps', 1, 'reps'],
      ['weight', 20, 'kg'],
      ['distance', 400, 'm'],
    ] as const) {
      expect(tracker.recordMetric('run', key, value, unit)).toBeUndefined();
    }
    expect(rejected.map((e) => [e.key, e.reason])).toEqual([
      ['reps', 'paused'],
      ['weight', 'paused'],
      ['distance', 'paused'],
    ]);
    for (const [key, value, unit] of [
      ['heartRate', 150, 'bpm'],
      ['calories', 12, 'kcal'],
      ['duration', 1000, 'ms'],
      ['currentRound', 2, 'round'],
      ['exerciseId', 'run', ''],
    ] as const) {
      expect(tracker.recordMetric('run', key, value, unit)?.key).toBe(key);
    }
  });

  it('during rest, heart rate is kept with phase rest; reps are refused by default', () => {
    const { tracker } = makeTracker();
    tracker.startSpan({ key: 'emom', label: 'EMOM', blockType: 'emom' });
    tracker.startRest('emom', { durationMs: 20_000 });
    expect(tracker.recordMetric('emom', 'heartRate', 162, 'bpm')?.phase).toBe('rest');
    expect(tracker.recordMetric('emom', 'reps', 3, 'reps')).toBeUndefined();
  });
});

describe('rest rolls up', () => {
  it('a rest block under the workout makes the workout rest; its sibling stays at work', () => {
    const { tracker, clock } = makeTracker({ strict: true });
    const root = tracker.startSpan({ key: 'tabata', label: 'Tabata', blockType: 'interval' });
    const work = tracker.startSpan({ key: 'squats', label: 'Squats', blockType: 'effort' }, 'tabata');
    const rest = tracker.startSpan({ key: 'rest', label: 'Rest', blockType: 'group' }, 'tabata');
    clock.set(at(20));
    tracker.startRest('rest', { durationMs: 10_000 });
    expect(tracker.isInRestPeriod('tabata')).toBe(true);
    expect(tracker.isInRestPeriod('rest')).toBe(true);
    expect(tracker.isInRestPeriod('squats')).toBe(false);
    expect(tracker.getSpan(root.id)!.timeSpans.at(-1)).toMatchObject({ type: 'rest', start: at(20) });
    expect(tracker.getSpan(work.id)!.timeSpans.at(-1)).toMatchObject({ type: 'work', start: T0 });
    // Reps on the root are refused while its rest block rests; on the working sibling they are kept.
    const rejected: MetricRejectedEvent[] = [];
    tracker.on('metric:rejected', (e) => rejected.push(e));
    expect(tracker.recordMetric('tabata', 'reps', 1, 'reps')).toBeUndefined();
    expect(rejected.map((e) => e.reason)).toEqual(['rest']);
    expect(tracker.recordMetric('squats', 'reps', 1, 'reps')!.phase).toBe('work');
    clock.set(at(30));
    tracker.endSpan('rest'); // ending the rest block closes its rest: the workout goes back to work
    expect(tracker.isInRestPeriod('tabata')).toBe(false);
    expect(tracker.getSpan(rest.id)!.segments[0]).toMatchObject({ type: 'rest', endTime: at(30), closedByEnd: true });
    clock.set(at(40));
    expect(tracker.totals('tabata')).toMatchObject({ totalMs: 40_000, workMs: 30_000, restMs: 10_000 });
  });

  it('a Tabata of 8 × (20 s work + 10 s rest) with rest blocks reports 160 s work and 80 s rest at its root', () => {
    const { tracker, clock } = makeTracker({ strict: true });
    tracker.startSpan({ key: 'tabata', label: 'Tabata', blockType: 'interval' });
    for (let round = 0; round < 8; round++) {
      tracker.startSpan({ key: 'squats', label: 'Air squats', blockType: 'effort' }, 'tabata');
      clock.advance(20_000);
      tracker.endSpan('squats');
      tracker.startSpan({ key: 'rest', label: 'Rest', blockType: 'group' }, 'tabata');
      tracker.startRest('rest', { durationMs: 10_000 });
      clock.advance(10_000);
      tracker.endSpan('rest');
    }
    const root = tracker.endSpan('tabata');
    expect(tracker.totals(root.id)).toEqual({ totalMs: 240_000, elapsedMs: 240_000, workMs: 160_000, restMs: 80_000, pausedMs: 0 });
  });

  it('a span started inside a resting chain starts in rest; pausing and resuming keeps the phase', () => {
    const { tracker, clock } = makeTracker({ strict: true, policy: { rest: 'allow' } });
    tracker.startSpan({ key: 'w', label: 'W' });
    tracker.startSpan({ key: 'r', label: 'R' });
    tracker.startRest('r');
    const child = tracker.startSpan({ key: 'c', label: 'C' }, 'w');
    expect(child.timeSpans[0]!.type).toBe('work'); // a sibling of the resting span
    const grandchild = tracker.startSpan({ key: 'g', label: 'G' }, 'r');
    expect(grandchild.timeSpans[0]!.type).toBe('rest');
    clock.advance(1_000);
    tracker.pause('w');
    clock.advance(1_000);
    tracker.resume('w');
    expect(tracker.getActiveSpan('w')!.timeSpans.at(-1)!.type).toBe('rest');
    expect(tracker.getActiveSpan('g')!.timeSpans.at(-1)!.type).toBe('rest');
  });

  it('the rest of a span whose rest block ends under it: nested rests count once', () => {
    const { tracker, clock } = makeTracker({ strict: true });
    tracker.startSpan({ key: 'root', label: 'Root' });
    tracker.startSpan({ key: 'a', label: 'A' });
    tracker.startRest('root');
    tracker.startRest('a');
    clock.advance(5_000);
    tracker.endRest('root');
    expect(tracker.isInRestPeriod('root')).toBe(true); // a still rests below it
    clock.advance(5_000);
    tracker.endRest('a');
    expect(tracker.isInRestPeriod('root')).toBe(false);
    clock.advance(5_000);
    expect(tracker.totals('root')).toMatchObject({ workMs: 5_000, restMs: 10_000 });
  });
});

describe('no empty pauses', () => {
  it('a child started under a pause that ends in the same instant keeps no 0 ms pause', () => {
    const { tracker } = makeTracker({ strict: true });
    tracker.startSpan({ key: 'root', label: 'Root' });
    tracker.pause();
    const child = tracker.startSpan({ key: 'child', label: 'Child' });
    expect(child.paused).toBe(true);
    tracker.resume();
    expect(tracker.getSpan(child.id)!.segments).toEqual([]);
    expect(tracker.getActiveSpan('root')!.segments).toEqual([]);
    expect(tracker.getSpan(child.id)!.timeSpans).toHaveLength(1);
  });

  it('a pause of no length is kept when a record names it', () => {
    const { tracker } = makeTracker({ strict: true });
    tracker.startSpan({ key: 'root', label: 'Root' });
    tracker.pause();
    const r = tracker.recordMetric('root', 'reps', 5, 'reps')!;
    tracker.resume();
    const pause = tracker.getActiveSpan('root')!.segments[0]!;
    expect(pause).toMatchObject({ type: 'pause', startTime: T0, endTime: T0 });
    expect(r.segmentIds).toEqual([pause.id]);
  });

  it('a pause that lasted is kept', () => {
    const { tracker, clock } = makeTracker({ strict: true });
    tracker.startSpan({ key: 'root', label: 'Root' });
    tracker.pause();
    clock.advance(1);
    tracker.resume();
    expect(tracker.getActiveSpan('root')!.segments).toHaveLength(1);
  });
});

describe('why a span ended', () => {
  it('keeps the reason on the span and on the descendants ended with it', () => {
    const { tracker } = makeTracker({ strict: true });
    const emom = tracker.startSpan({ key: 'emom', label: 'EMOM' });
    const burpees = tracker.startSpan({ key: 'burpees', label: 'Burpees' });
    tracker.endSpan('emom', 'skipped', 'forced');
    expect(tracker.getSpan(emom.id)).toMatchObject({ status: 'skipped', endReason: 'forced' });
    expect(tracker.getSpan(burpees.id)).toMatchObject({ status: 'skipped', endReason: 'forced' });
  });

  it('has none unless given, and refuses an empty or long reason with INVALID_BLOCK', () => {
    const { tracker } = makeTracker({ strict: true });
    tracker.startSpan({ key: 'a', label: 'A' });
    expect(codeOf(() => tracker.endSpan('a', 'completed', ''))).toBe('INVALID_BLOCK');
    expect(codeOf(() => tracker.endSpan('a', 'completed', 'x'.repeat(65)))).toBe('INVALID_BLOCK');
    expect(codeOf(() => tracker.endSpan('a', 'completed', 7 as never))).toBe('INVALID_BLOCK');
    expect(tracker.getActiveSpan('a')).toBeDefined();
    const span = tracker.endSpan('a', 'completed', 'x'.repeat(64));
    expect(span.endReason).toHaveLength(64);
    const b = tracker.startSpan({ key: 'b', label: 'B' });
    expect('endReason' in tracker.endSpan(b.id)).toBe(false);
  });
});

describe('a record can name its exercise', () => {
  it('takes { source, exerciseId } or a source string as the last argument', () => {
    const { tracker } = makeTracker({ strict: true });
    tracker.startSpan({ key: 'cindy-round', label: 'Round', blockType: 'effort' });
    const a = tracker.recordMetric('cindy-round', 'reps', 5, 'reps', { exerciseId: 'pull-up' })!;
    const b = tracker.recordMetric('cindy-round', 'reps', 10, 'reps', { exerciseId: 'push-up', source: 'button' })!;
    const c = tracker.recordMetric('cindy-round', 'reps', 15, 'reps', 'button')!;
    expect([a.exerciseId, b.exerciseId, c.exerciseId]).toEqual(['pull-up', 'push-up', undefined]);
    expect([a.source, b.source, c.source]).toEqual([undefined, 'button', 'button']);
    expect(codeOf(() => tracker.recordMetric('cindy-round', 'reps', 1, 'reps', { exerciseId: '' }))).toBe('INVALID_METRIC');
    expect(codeOf(() => tracker.recordMetric('cindy-round', 'reps', 1, 'reps', { source: 3 } as never))).toBe('INVALID_METRIC');
    expect(codeOf(() => tracker.recordMetric('cindy-round', 'reps', 1, 'reps', 9 as never))).toBe('INVALID_METRIC');
  });
});
