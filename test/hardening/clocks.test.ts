import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createManualClock, createTracker, systemClock, type Clock } from 'workout-spans';
import { NOT_A_TIME, T0 } from '../helpers';
import { checkInvariants } from './invariants';
import { makeWorld, opArb, runOps, type Op } from './ops';
import { numRuns, seed, timeout } from './runs';

/**
 * Clocks: a clock that steps back, stands still or jumps hours never puts anything out of
 * order — the tracker takes a reading earlier than the last one as the last one — and systemClock
 * itself never steps back, whatever the wall clock does.
 */

const STRICT = { strict: true, policy: { rest: 'reject', paused: 'reject' } } as const;

describe('a manual clock that steps back', () => {
  it('a reading earlier than the last one is taken as the last one', () => {
    const clock = createManualClock(T0);
    const tracker = createTracker({ clock, strict: true });
    const a = tracker.startSpan({ key: 'a', label: 'A' })!;
    clock.advance(5_000);
    tracker.recordMetric('a', 'reps', 1, 'reps');
    clock.set(T0 - 3_600_000); // an hour before the span started
    const late = tracker.recordMetric('a', 'reps', 2, 'reps')!;
    expect(late.recordedAt).toBe(T0 + 5_000);
    expect(late.context.elapsedMs).toBe(5_000);
    const seg = tracker.startSegment('a', 'round', 'R1')!;
    expect(seg.startTime).toBe(T0 + 5_000);
    const child = tracker.startSpan({ key: 'c', label: 'C' })!;
    expect(child.startTime).toBe(T0 + 5_000);
    const ended = tracker.endSpan('a')!;
    expect(ended.endTime).toBe(T0 + 5_000);
    expect(ended.metrics.duration!.value).toBe(5_000);
    expect(tracker.totals(a.id)).toEqual({ totalMs: 5_000, elapsedMs: 5_000, workMs: 5_000, restMs: 0, pausedMs: 0 });
    checkInvariants(tracker);
  });

  it('time resumes from the last reading once the clock catches up', () => {
    const clock = createManualClock(T0 + 10_000);
    const tracker = createTracker({ clock, strict: true });
    tracker.startSpan({ key: 'a', label: 'A' });
    clock.set(T0); // back 10 s
    tracker.pause();
    clock.set(T0 + 4_000); // still behind
    tracker.resume();
    clock.set(T0 + 13_000); // 3 s after the last reading
    const span = tracker.endSpan('a')!;
    // The pause began and ended at the same (held) instant: a pause of no length is not kept.
    expect(span.segments).toEqual([]);
    expect(span.endTime).toBe(T0 + 13_000);
    expect(tracker.totals(span.id)).toEqual({ totalMs: 3_000, elapsedMs: 3_000, workMs: 3_000, restMs: 0, pausedMs: 0 });
    checkInvariants(tracker);
  });

  it('totals() at the current time never reads earlier than the last reading', () => {
    const clock = createManualClock(T0);
    const tracker = createTracker({ clock, strict: true });
    const a = tracker.startSpan({ key: 'a', label: 'A' })!;
    clock.advance(60_000);
    tracker.recordMetric('a', 'reps', 1, 'reps');
    clock.advance(-30_000);
    expect(tracker.totals(a.id)!.totalMs).toBe(60_000);
  });

  it(
    `random sessions on a clock that mostly steps back keep every invariant (${Math.round(numRuns() / 3)} runs)`,
    () => {
      const backwards: fc.Arbitrary<Op> = fc.record({
        op: fc.constant('clock' as const),
        how: fc.constant('back' as const),
        ms: fc.integer({ min: 1, max: 3_600_000 }),
      });
      fc.assert(
        fc.property(
          fc.array(fc.oneof({ weight: 3, arbitrary: opArb(1) }, { weight: 2, arbitrary: backwards }), {
            minLength: 1,
            maxLength: 50,
            size: 'max',
          }),
          (ops) => {
            runOps(makeWorld(STRICT), ops);
          },
        ),
        { numRuns: Math.max(30, Math.round(numRuns() / 3)), ...seed() },
      );
    },
    timeout(),
  );
});

describe('equal timestamps', () => {
  it('everything at one instant: zero-length spans, segments and pauses; intervals only where a record names them', () => {
    const clock = createManualClock(T0);
    const tracker = createTracker({ clock, strict: true, policy: { rest: 'allow', paused: 'allow' } });
    tracker.startSpan({ key: 'a', label: 'A' });
    tracker.startSegment('a', 'round', 'R1');
    tracker.startSegment('a', 'round', 'R2'); // R1 closes at the instant it opened
    const named = tracker.recordMetric('a', 'reps', 1, 'reps')!;
    tracker.startRest('a');
    tracker.endRest('a');
    tracker.pause();
    const paused = tracker.recordMetric('a', 'reps', 2, 'reps')!;
    tracker.resume();
    tracker.startSpan({ key: 'b', label: 'B' });
    const span = tracker.endSpan('a')!;
    expect(span.endTime).toBe(T0);
    expect(span.metrics.duration!.value).toBe(0);
    expect(span.segments.every((s) => s.startTime === T0 && s.endTime === T0)).toBe(true);
    // The first interval is kept (a record names it); the empty rest and the one after resume are not.
    expect(span.timeSpans.map((t) => t.id)).toEqual([named.timeSpanId]);
    expect(paused.timeSpanId).toBeNull();
    expect(tracker.getSpans().every((s) => s.endTime === T0)).toBe(true);
    expect(tracker.totals(span.id)).toEqual({ totalMs: 0, elapsedMs: 0, workMs: 0, restMs: 0, pausedMs: 0 });
    checkInvariants(tracker, { policy: { rest: 'allow', paused: 'allow' } });
  });

  it(
    `random sessions on a clock that never moves keep every invariant (${Math.round(numRuns() / 3)} runs)`,
    () => {
      fc.assert(
        fc.property(
          fc.array(
            opArb(1).filter((op) => op.op !== 'clock'),
            { minLength: 1, maxLength: 50, size: 'max' },
          ),
          fc.boolean(),
          (ops, allow) => {
            runOps(
              makeWorld({ strict: false, policy: allow ? { rest: 'allow', paused: 'allow' } : { rest: 'reject', paused: 'reject' } }),
              ops,
            );
          },
        ),
        { numRuns: Math.max(30, Math.round(numRuns() / 3)), ...seed() },
      );
    },
    timeout(),
  );
});

describe('a manual clock jumping hours', () => {
  it('a pause over a 9-hour jump counts as paused time; a jump while running counts as work', () => {
    const clock = createManualClock(T0);
    const tracker = createTracker({ clock, strict: true });
    const a = tracker.startSpan({ key: 'a', label: 'A', blockType: 'timer', timer: { direction: 'down', durationMs: 3_600_000 } })!;
    tracker.startSpan({ key: 'e', label: 'E', blockType: 'effort' });
    clock.advance(60_000);
    tracker.pause();
    clock.advance(9 * 3_600_000);
    tracker.resume();
    clock.advance(2 * 3_600_000);
    const r = tracker.recordMetric('e', 'reps', 1, 'reps')!;
    expect(r.context.parentTimer).toEqual({ blockId: 'a', elapsedMs: 60_000 + 2 * 3_600_000, remainingMs: 0, direction: 'down' });
    tracker.endSpan('a');
    expect(tracker.totals(a.id)).toEqual({
      totalMs: 11 * 3_600_000 + 60_000,
      elapsedMs: 2 * 3_600_000 + 60_000,
      workMs: 2 * 3_600_000 + 60_000,
      restMs: 0,
      pausedMs: 9 * 3_600_000,
    });
    checkInvariants(tracker);
  });

  it(
    `random sessions on a clock that jumps hours forward and back keep every invariant (${Math.round(numRuns() / 3)} runs)`,
    () => {
      const jumps: fc.Arbitrary<Op> = fc.oneof(
        fc.record({ op: fc.constant('clock' as const), how: fc.constant('jump-hours' as const), ms: fc.integer({ min: 1, max: 48 }) }),
        fc.record({
          op: fc.constant('clock' as const),
          how: fc.constant('back' as const),
          ms: fc.integer({ min: 1, max: 48 }).map((h) => h * 3_600_000),
        }),
      );
      fc.assert(
        fc.property(
          fc.array(fc.oneof({ weight: 3, arbitrary: opArb(1) }, { weight: 1, arbitrary: jumps }), {
            minLength: 1,
            maxLength: 50,
            size: 'max',
          }),
          (ops) => {
            runOps(makeWorld({ strict: false, policy: { rest: 'allow', paused: 'allow' }, maxCompletedSpans: 2 }), ops);
          },
        ),
        { numRuns: Math.max(30, Math.round(numRuns() / 3)), ...seed() },
      );
    },
    timeout(),
  );
});

describe('a clock that misbehaves', () => {
  it.each(NOT_A_TIME)('a reading of %s is ignored: time stands still at the last good reading', (_name, bad) => {
    let next: number = T0;
    const clock: Clock = { now: () => next };
    const tracker = createTracker({ clock, strict: true });
    const a = tracker.startSpan({ key: 'a', label: 'A' })!;
    next = T0 + 1_000;
    tracker.recordMetric('a', 'reps', 1, 'reps');
    next = bad;
    const r = tracker.recordMetric('a', 'reps', 2, 'reps')!;
    expect(r.recordedAt).toBe(T0 + 1_000);
    const totals = tracker.totals(a.id)!;
    expect(totals).toEqual({ totalMs: 1_000, elapsedMs: 1_000, workMs: 1_000, restMs: 0, pausedMs: 0 });
    const span = tracker.endSpan('a')!;
    expect(span.endTime).toBe(T0 + 1_000);
    checkInvariants(tracker);
  });

  it('a first reading that is not a number starts time at 0, and it moves on from there', () => {
    let next = Number.NaN;
    const tracker = createTracker({ clock: { now: () => next }, strict: true });
    const a = tracker.startSpan({ key: 'a', label: 'A' })!;
    expect(a.startTime).toBe(0);
    next = 500;
    expect(tracker.endSpan('a')!.endTime).toBe(500);
    checkInvariants(tracker);
  });
});

describe('systemClock', () => {
  afterEach(() => vi.restoreAllMocks());

  it('never steps back over many readings', () => {
    let last = systemClock.now();
    let backwards = 0;
    for (let i = 0; i < 100_000; i++) {
      const t = systemClock.now();
      if (t < last) backwards++;
      last = t;
    }
    expect(backwards).toBe(0);
    expect(Number.isFinite(last)).toBe(true);
  });

  it('never steps back when the wall clock and the monotonic clock are set back', () => {
    const first = systemClock.now();
    const wall = Date.now();
    const mono = performance.now();
    vi.spyOn(Date, 'now').mockReturnValue(wall - 3_600_000); // NTP moves the wall clock an hour back
    const monotonic = vi.spyOn(performance, 'now');
    const readings: number[] = [];
    for (const step of [10, -5_000, 20, -1e9, 30]) {
      monotonic.mockReturnValue(mono + step);
      readings.push(systemClock.now());
    }
    for (let i = 0; i < readings.length; i++) expect(readings[i]!).toBeGreaterThanOrEqual(i === 0 ? first : readings[i - 1]!);
  });

  it('drives a tracker whose records stay in order', () => {
    const tracker = createTracker({ strict: true });
    tracker.startSpan({ key: 'a', label: 'A' });
    for (let i = 0; i < 1_000; i++) tracker.recordMetric('a', 'heartRate', 120, 'bpm');
    tracker.endSpan('a');
    checkInvariants(tracker);
  });
});
