import { describe, expect, it } from 'vitest';
import { BlockRuntime, main, runFranThroughActions, sessionOf, T0 } from '../../examples/runtime/index';
import { runFran } from '../../examples/workouts/fran';
import { createManualClock, createTracker, type ExecutionSpan, type ExecutionTracker } from 'workout-spans';
import type { IRuntimeAction } from 'workout-spans/runtime';

/** The spans as times and labels, ids left out: two runs of the same workout compare equal. */
function shape(spans: readonly ExecutionSpan[]) {
  return spans.map((s) => ({
    label: s.label,
    type: s.type,
    status: s.status,
    times: [s.startTime, s.endTime],
    segments: s.segments.map((g) => [g.type, g.label, g.index, g.startTime, g.endTime]),
    reps: s.metrics.reps?.value,
    exerciseId: s.metrics.exerciseId,
  }));
}

/** The tracker's methods that change it. */
const WRITES = new Set([
  'startSpan',
  'endSpan',
  'updateSpan',
  'recordMetric',
  'recordSample',
  'startSegment',
  'endSegment',
  'startRest',
  'endRest',
  'pause',
  'resume',
]);

/** A runtime that counts the actions under way, over a tracker that notes each write and whether an action made it. */
class WatchedRuntime extends BlockRuntime {
  depth = 0;
  readonly writes: { method: string; inAction: boolean }[] = [];

  constructor(tracker: ExecutionTracker) {
    const writes: { method: string; inAction: boolean }[] = [];
    const holder: { runtime?: WatchedRuntime } = {};
    const watched = new Proxy(tracker, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (typeof value !== 'function') return value;
        // the tracker keeps its state in private fields: call its methods on it, not on the proxy
        if (typeof key !== 'string' || !WRITES.has(key)) return (value as (...a: unknown[]) => unknown).bind(target);
        return (...args: unknown[]) => {
          writes.push({ method: key, inAction: (holder.runtime?.depth ?? 0) > 0 });
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    super(watched);
    this.writes = writes;
    holder.runtime = this;
  }

  protected override runAction(action: IRuntimeAction, turn: Parameters<BlockRuntime['run']>[1]): void {
    this.depth++;
    try {
      super.runAction(action, turn);
    } finally {
      this.depth--;
    }
  }
}

describe('the example block runtime', () => {
  it('runs Fran inside its session to the same per-block times, segments and reps as the direct run', () => {
    const run = runFranThroughActions({ strict: true });
    const viaRuntime = run.executionTracker.getSnapshot().spans;
    const direct = runFran({ strict: true }).tracker.getSnapshot().spans;
    const [session, timer, ...rest] = viaRuntime;
    expect(session).toMatchObject({ label: 'Session', type: 'group', parentSpanId: null, startTime: T0, endTime: T0 + 240_000 });
    expect(timer).toMatchObject({ label: 'Fran', type: 'timer', parentSpanId: session!.id });
    // the direct run's root is 'For Time'; below it, block by block, the same
    expect(shape(rest)).toEqual(shape(direct.slice(1)));
    expect([timer!.startTime, timer!.endTime]).toEqual([direct[0]!.startTime, direct[0]!.endTime]);
  });

  it('changes the tracker only through actions, and each turn notifies subscribers once', () => {
    const clock = createManualClock(T0);
    const tracker = createTracker({ clock, strict: true });
    const runtime = new WatchedRuntime(tracker);
    let notified = 0;
    tracker.subscribe(() => notified++);
    runtime.start(sessionOf('fran'));
    expect(notified).toBe(1); // the session, Fran, 21-15-9, round 1 and the first thrusters: one turn
    for (let turn = 0; turn < 6; turn++) {
      clock.advance(30_000);
      runtime.next();
    }
    expect(runtime.finished).toBe(true);
    expect(notified).toBe(7);
    expect(runtime.writes.length).toBeGreaterThan(30);
    expect(runtime.writes.filter((w) => !w.inAction)).toEqual([]);
    expect(new Set(runtime.writes.map((w) => w.method))).toEqual(
      new Set(['startSpan', 'updateSpan', 'startSegment', 'recordMetric', 'endSpan']),
    );
  });

  it('a turn that changes nothing notifies nobody (a tick with no timer due)', () => {
    const clock = createManualClock(T0);
    const tracker = createTracker({ clock });
    const runtime = new BlockRuntime(tracker);
    runtime.start(sessionOf('cindy'));
    let notified = 0;
    tracker.subscribe(() => notified++);
    clock.advance(10_000);
    runtime.tick();
    expect(notified).toBe(0);
    expect(runtime.dueIn()).toBe(20 * 60_000 - 10_000);
  });

  it('main() prints the four sessions, their scores and the refused rep', () => {
    const lines: string[] = [];
    const text = main((t) => lines.push(t));
    expect(lines.join('\n')).toBe(text);
    expect(text).toContain('Session [group] completed · 4:00');
    expect(text).toContain('score 4:00 · elapsed 4:00 (work 4:00, rest 0:00) · paused 0:00 · 3 finished rounds · split p50 1:15');
    expect(text).toContain('score 8+26 · elapsed 20:00 (work 20:00, rest 0:00) · paused 1:00 · 8 finished rounds');
    expect(text).toContain('score 10:00 · elapsed 10:00 (work 6:40, rest 3:20)');
    expect(text).toContain('score 4:00 · elapsed 4:00 (work 2:40, rest 1:20) · paused 0:00 · 8 finished rounds · split p50 0:30');
    expect(text).toContain("rejected: 3 reps on 'emom/m4/rest' (rest)");
  });
});
