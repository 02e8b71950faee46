import { describe, expect, it } from 'vitest';
import { type MetricRejectedEvent } from 'workout-spans';
import { EndRestAction, RestBehavior, StartRestAction, type IScriptRuntime } from 'workout-spans/runtime';
import { runEmomThroughActions, T0 } from '../../examples/runtime/index';
import { makeTracker } from '../helpers';

describe('RestBehavior', () => {
  it('onPush returns a StartRestAction of its duration bound to the block; onPop the EndRestAction while rest is open', () => {
    const { tracker } = makeTracker({ strict: true });
    const runtime: IScriptRuntime = { stack: {}, executionTracker: tracker };
    const block = { key: { toString: () => 'rest-1' }, label: 'Rest' };
    tracker.startSpan(block);
    const rest = new RestBehavior(30_000);
    expect(rest.isInRestPeriod()).toBe(false);

    const pushed = rest.onPush(runtime, block);
    expect(pushed).toHaveLength(1);
    expect(pushed[0]).toBeInstanceOf(StartRestAction);
    expect(pushed[0]).toMatchObject({ durationMs: 30_000, blockId: 'rest-1' });
    expect(rest.isInRestPeriod()).toBe(true);
    for (const a of pushed) a.do(runtime); // no current block: bound, so it still acts
    expect(tracker.isInRestPeriod('rest-1')).toBe(true);
    expect(tracker.getActiveSpan('rest-1')!.segments[0]).toMatchObject({ type: 'rest', plannedMs: 30_000 });

    const popped = rest.onPop(runtime, block);
    expect(popped).toHaveLength(1);
    expect(popped[0]).toBeInstanceOf(EndRestAction);
    expect(popped[0]).toMatchObject({ blockId: 'rest-1' });
    expect(rest.isInRestPeriod()).toBe(false);
    for (const a of popped) a.do(runtime);
    expect(tracker.isInRestPeriod('rest-1')).toBe(false);
  });

  it('onPop returns nothing when the rest is already closed or the span has ended', () => {
    const { tracker, errors } = makeTracker();
    const runtime: IScriptRuntime = { stack: {}, executionTracker: tracker };
    const block = { key: 'r', label: 'Rest' };
    tracker.startSpan(block);
    const rest = new RestBehavior(10_000);
    for (const a of rest.onPush(runtime, block)) a.do(runtime);
    tracker.endRest('r');
    expect(rest.onPop(runtime, block)).toEqual([]);
    for (const a of rest.onPush(runtime, block)) a.do(runtime);
    tracker.endSpan('r');
    expect(rest.onPop(runtime, block)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('a rest on an ancestor is not the block’s own: onPop does not try to close it', () => {
    const { tracker } = makeTracker({ strict: true });
    const runtime: IScriptRuntime = { stack: {}, executionTracker: tracker };
    tracker.startSpan({ key: 'parent', label: 'P' });
    tracker.startSpan({ key: 'child', label: 'C' });
    tracker.startRest('parent');
    const rest = new RestBehavior(0);
    rest.onPush(runtime, { key: 'child', label: 'C' }); // actions not run
    expect(rest.onPop(runtime, { key: 'child', label: 'C' })).toEqual([]);
  });

  it('refuses a duration that is not a finite number ≥ 0', () => {
    for (const bad of [-1, Number.NaN, Infinity, '10' as never]) expect(() => new RestBehavior(bad)).toThrow(RangeError);
    expect(new RestBehavior(0).restDurationMs).toBe(0);
  });

  it('isInRestPeriod() is true between onPush and onPop', () => {
    const { tracker: t } = makeTracker();
    const runtime: IScriptRuntime = { stack: {}, executionTracker: t };
    const behaviour = new RestBehavior(20_000);
    const block = { key: 'rest', label: 'Rest' };
    t.startSpan(block);
    const seen: boolean[] = [behaviour.isInRestPeriod()];
    for (const a of behaviour.onPush(runtime, block)) a.do(runtime);
    seen.push(behaviour.isInRestPeriod());
    for (const a of behaviour.onPop(runtime, block)) a.do(runtime);
    seen.push(behaviour.isInRestPeriod());
    expect(seen).toEqual([false, true, false]);
  });

  describe('inside an EMOM run by the example block runtime', () => {
    const rejected: MetricRejectedEvent[] = [];
    const restFlags: boolean[] = [];
    const rt = runEmomThroughActions({}, (run) => {
      run.executionTracker.on('metric:rejected', (e) => rejected.push(e));
      run.executionTracker.on('rest:started', () => restFlags.push(true));
    });
    const tracker = rt.executionTracker;
    const spans = tracker.getSnapshot().spans;
    const emom = spans.find((s) => s.blockId === 'emom')!;

    it('a rep sent during the rest is rejected with reason rest (metric:rejected), and recorded nowhere', () => {
      expect(rejected).toEqual([{ blockId: 'emom/m4/rest', key: 'reps', value: 3, reason: 'rest' }]);
      expect(
        tracker
          .getSnapshot()
          .metrics.filter((r) => r.key === 'reps')
          .map((r) => r.value),
      ).toEqual(Array(10).fill(10));
    });

    it('each Rest block holds one rest segment with no planned length, and a 20 s timer given once mounted', () => {
      const rests = spans.filter((s) => s.label === 'Rest');
      expect(rests).toHaveLength(10);
      for (const [i, s] of rests.entries()) {
        expect(s.segments.map((g) => [g.type, g.plannedMs, g.startTime - T0, g.endTime! - T0])).toEqual([
          ['rest', undefined, i * 60_000 + 40_000, (i + 1) * 60_000],
        ]);
        expect(s.timer).toEqual({ direction: 'down', durationMs: 20_000 });
        expect(tracker.totals(s.id)).toMatchObject({ totalMs: 20_000, restMs: 20_000, workMs: 0 });
      }
      expect(restFlags).toHaveLength(10);
    });

    it('rest rolls up: the EMOM and its session hold the 200 s of rest', () => {
      const session = spans.find((s) => s.parentSpanId === null)!;
      expect(tracker.totals(emom.id)).toMatchObject({ totalMs: 600_000, workMs: 400_000, restMs: 200_000 });
      expect(tracker.totals(session.id)).toEqual(tracker.totals(emom.id));
    });

    it('the EMOM keeps its minutes: 10 minute segments of 60 s, 10 burpee sets of 40 s', () => {
      expect(emom.segments.map((s) => [s.label, s.endTime! - s.startTime])).toEqual(
        Array.from({ length: 10 }, (_, i) => [`Minute ${i + 1}`, 60_000]),
      );
      const burpees = spans.filter((s) => s.label === 'Burpees');
      expect(burpees.map((s) => tracker.totals(s.id)!.elapsedMs)).toEqual(Array(10).fill(40_000));
      expect(burpees.every((s) => s.parentSpanId === emom.id && s.metrics.exerciseId === 'burpee')).toBe(true);
    });
  });
});
