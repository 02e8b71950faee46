// Time the tracker did not see pass: a clock that reports a jump (a device that slept), and a
// session restored on a device whose clock is behind the one that saved it.
import { describe, expect, it } from 'vitest';
import {
  createManualClock,
  createTracker,
  ExecutionTracker,
  type Clock,
  type ClockGapEvent,
  type ClockJump,
  type TrackerError,
  type TrackerOptions,
} from 'workout-spans';
import { deserialize, serialize } from 'workout-spans/persistence';
import { T0 } from '../helpers';

/** A manual clock that can report jumps, as a system clock does after a suspend. */
function jumpingClock(start: number) {
  const base = createManualClock(start);
  const listeners = new Set<(jump: ClockJump) => void>();
  const clock: Clock & { sleep(ms: number, noticeOnRead?: boolean): void; listeners: number } = {
    now: () => base.now(),
    onJump(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Time passes unseen; the jump is reported now, or at the next reading. */
    sleep(ms, noticeOnRead = false) {
      const from = base.now();
      base.advance(ms);
      const jump: ClockJump = { from, to: base.now(), cause: 'suspend' };
      if (!noticeOnRead) for (const l of [...listeners]) l(jump);
      else {
        const read = clock.now;
        clock.now = () => {
          clock.now = read;
          for (const l of [...listeners]) l(jump);
          return read();
        };
      }
    },
    get listeners() {
      return listeners.size;
    },
  };
  return { clock, advance: (ms: number) => base.advance(ms) };
}

function tracked(options: TrackerOptions = {}) {
  const { clock, advance } = jumpingClock(T0);
  const tracker = createTracker({ clock, strict: true, ...options });
  const gaps: ClockGapEvent[] = [];
  tracker.on('clock:gap', (g) => gaps.push(g));
  tracker.startSpan({ key: 'amrap', label: 'AMRAP 20', blockType: 'amrap' });
  tracker.startSpan({ key: 'squats', label: 'Squats', blockType: 'effort' });
  return { tracker, clock, advance, gaps };
}

describe('a clock that reports a jump while spans are active', () => {
  it("by default the gap counts as elapsed: the roots show an 'Interrupted' segment with its cause", () => {
    const { tracker, clock, advance, gaps } = tracked();
    advance(60_000);
    clock.sleep(8 * 3_600_000); // 8 h asleep
    advance(60_000);
    const root = tracker.getActiveSpan('amrap')!;
    expect(root.segments).toEqual([
      expect.objectContaining({
        type: 'transition',
        label: 'Interrupted',
        cause: 'suspend',
        startTime: T0 + 60_000,
        endTime: T0 + 60_000 + 8 * 3_600_000,
      }),
    ]);
    expect(tracker.getActiveSpan('squats')!.segments).toEqual([]);
    expect(gaps).toEqual([{ from: T0 + 60_000, to: T0 + 60_000 + 8 * 3_600_000, cause: 'suspend', counted: 'elapsed' }]);
    const totals = tracker.totals('amrap')!;
    expect(totals.totalMs).toBe(totals.elapsedMs + totals.pausedMs);
    expect(totals).toMatchObject({ pausedMs: 0, elapsedMs: 120_000 + 8 * 3_600_000 });
  });

  it("with clockGaps: 'paused' every running span pauses for the gap (an 'Interrupted' pause)", () => {
    const { tracker, clock, advance, gaps } = tracked({ clockGaps: 'paused' });
    advance(60_000);
    clock.sleep(300_000);
    advance(60_000);
    for (const key of ['amrap', 'squats']) {
      const span = tracker.getActiveSpan(key)!;
      expect(span.segments).toEqual([
        expect.objectContaining({ type: 'pause', label: 'Interrupted', cause: 'suspend', startTime: T0 + 60_000, endTime: T0 + 360_000 }),
      ]);
      expect(span.paused).toBe(false);
      expect(tracker.totals(key)).toEqual({ totalMs: 420_000, elapsedMs: 120_000, workMs: 120_000, restMs: 0, pausedMs: 300_000 });
    }
    expect(gaps.map((g) => g.counted)).toEqual(['paused']);
  });

  it('a jump noticed while the tracker reads the clock is marked before the call it interrupted', () => {
    const { tracker, clock, advance } = tracked({ clockGaps: 'paused' });
    advance(10_000);
    clock.sleep(50_000, true);
    const r = tracker.recordMetric('squats', 'reps', 10, 'reps')!;
    expect(r.recordedAt).toBe(T0 + 60_000);
    expect(r.timeSpanId).not.toBeNull();
    expect(r.context.elapsedMs).toBe(10_000);
    const pause = tracker.getActiveSpan('squats')!.segments[0]!;
    expect(pause).toMatchObject({ label: 'Interrupted', startTime: T0 + 10_000, endTime: T0 + 60_000 });
  });

  it('a span already paused keeps its own pause; nothing is marked when no span is active', () => {
    const { tracker, clock, advance, gaps } = tracked({ clockGaps: 'paused' });
    tracker.pause('amrap');
    clock.sleep(30_000);
    expect(tracker.getActiveSpan('amrap')!.segments.map((s) => s.label)).toEqual(['Paused']);
    tracker.resume('amrap');
    tracker.endSpan('amrap');
    expect(clock.listeners).toBe(0); // the tracker listens only while spans are active
    clock.sleep(30_000);
    advance(1);
    expect(gaps).toHaveLength(1);
  });

  it('a step back reported by a clock is held, never replayed as negative time', () => {
    const { tracker } = tracked();
    const listeners: ((j: ClockJump) => void)[] = [];
    const clock: Clock = { now: () => T0, onJump: (l) => (listeners.push(l), () => {}) };
    const t = createTracker({ clock, strict: true });
    t.startSpan({ key: 'a', label: 'A' });
    for (const l of listeners) l({ from: T0, to: T0 - 300_000, cause: 'clock-step' });
    expect(t.getActiveSpan('a')!.segments).toEqual([]);
    expect(tracker.getActiveSpan('amrap')).toBeDefined();
  });
});

describe('restore on a clock that is behind the one that saved', () => {
  it('carries on from the save at this clock’s pace and says so with CLOCK_SKEW; never frozen', () => {
    const first = createManualClock(T0);
    const tracker = createTracker({ clock: first, strict: true });
    tracker.startSpan({ key: 'fran', label: 'Fran', blockType: 'timer' });
    first.advance(120_000);
    const json = serialize(tracker); // saved at T0 + 120 s
    const behind = createManualClock(T0 - 5 * 60_000); // this device is 7 min behind
    const errors: TrackerError[] = [];
    const restored = ExecutionTracker.restore(deserialize(json), { clock: behind, strict: true, onError: (e) => errors.push(e) });
    expect(errors.map((e) => [e.code, e.details.skewMs])).toEqual([['CLOCK_SKEW', 420_000]]);
    behind.advance(30_000);
    expect(restored.totals('fran')).toMatchObject({ totalMs: 150_000, elapsedMs: 150_000 });
    const r = restored.recordMetric('fran', 'reps', 21, 'reps')!;
    expect(r.recordedAt).toBe(T0 + 150_000);
  });

  it('a document saved far in the future does not freeze time for good', () => {
    const first = createManualClock(T0 + 10 * 365 * 86_400_000);
    const tracker = createTracker({ clock: first, strict: true });
    tracker.startSpan({ key: 'a', label: 'A' });
    const json = serialize(tracker);
    const now = createManualClock(T0);
    const restored = ExecutionTracker.restore(deserialize(json), { clock: now, onError: () => {} });
    now.advance(1_000);
    expect(restored.totals('a')!.totalMs).toBe(1_000);
  });
});

describe('a real clock across a suspend and a reload', () => {
  it('saved, the laptop sleeps 8 h, the page reloads at once: one 8 h Interrupted pause, start times on wall time', async () => {
    const { createSystemClock } = await import('workout-spans');
    let wall = T0;
    let mono = 1_000;
    const device = () => createSystemClock({ wallNow: () => wall, monotonicNow: () => mono });
    const first = createTracker({ clock: device(), strict: true });
    const root = first.startSpan({ key: 'wod', label: 'WOD', blockType: 'timer' });
    expect(root.startTime).toBe(T0);
    wall += 120_000;
    mono += 120_000;
    const json = serialize(first); // autosave, 2 min in
    wall += 8 * 3_600_000; // asleep: wall time moves, the monotonic clock does not
    const reloaded = ExecutionTracker.restore(deserialize(json), { clock: device(), strict: true }); // a fresh page
    wall += 60_000;
    mono += 60_000;
    const span = reloaded.getActiveSpan('wod')!;
    expect(span.startTime).toBe(T0);
    expect(span.segments).toEqual([
      expect.objectContaining({
        type: 'pause',
        label: 'Interrupted',
        cause: 'reload',
        startTime: T0 + 120_000,
        endTime: T0 + 120_000 + 8 * 3_600_000,
      }),
    ]);
    const totals = reloaded.totals('wod')!;
    expect(totals).toMatchObject({ elapsedMs: 180_000, pausedMs: 8 * 3_600_000 });
    expect(totals.totalMs).toBe(totals.elapsedMs + totals.pausedMs);
  });

  it('a page that stays open through the sleep marks it as a suspend gap, on wall time', async () => {
    const { createSystemClock } = await import('workout-spans');
    let wall = T0;
    let mono = 0;
    const tracker = createTracker({
      clock: createSystemClock({ wallNow: () => wall, monotonicNow: () => mono }),
      strict: true,
      clockGaps: 'paused',
    });
    tracker.startSpan({ key: 'wod', label: 'WOD' });
    wall += 60_000;
    mono += 60_000;
    tracker.recordMetric('wod', 'heartRate', 120, 'bpm');
    wall += 8 * 3_600_000;
    const r = tracker.recordMetric('wod', 'heartRate', 90, 'bpm')!;
    expect(r.recordedAt).toBe(T0 + 60_000 + 8 * 3_600_000);
    expect(tracker.getActiveSpan('wod')!.segments[0]).toMatchObject({ label: 'Interrupted', cause: 'suspend', startTime: T0 + 60_000 });
    const totals = tracker.totals('wod')!;
    expect(totals).toMatchObject({ elapsedMs: 60_000, pausedMs: 8 * 3_600_000 });
  });
});
