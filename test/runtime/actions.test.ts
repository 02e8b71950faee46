import { describe, expect, it } from 'vitest';
import { type BlockLike, type MetricRejectedEvent, type TrackerOptions } from 'workout-spans';
import {
  EmitMetricAction,
  EndRestAction,
  EndSegmentAction,
  isActionTarget,
  PauseAction,
  ResumeAction,
  StartRestAction,
  StartSegmentAction,
  type IRuntimeAction,
  type IScriptRuntime,
  type RuntimeMetric,
} from 'workout-spans/runtime';
import { makeTracker } from '../helpers';

/** A runtime whose current block the test sets by hand; `a` is the root, `b` its child. */
function setup(options: TrackerOptions = {}) {
  const made = makeTracker(options);
  const { tracker } = made;
  const runtime: IScriptRuntime & { stack: { current?: BlockLike } } = { stack: {}, executionTracker: tracker };
  const a: BlockLike = { key: 'a', label: 'Block A', blockType: 'amrap' };
  const b: BlockLike = { key: { toString: () => 'b' }, label: 'Block B', blockType: 'effort' };
  tracker.startSpan(a);
  tracker.startSpan(b);
  const rejected: MetricRejectedEvent[] = [];
  tracker.on('metric:rejected', (e) => rejected.push(e));
  const span = (key: string) => tracker.getActiveSpan(key)!;
  return { ...made, runtime, a, b, span, rejected };
}

/** Runs the action with no current block: nothing changes, nothing is reported, nothing throws. */
function expectNoOp(action: IRuntimeAction, options: TrackerOptions = {}): void {
  const { runtime, tracker, errors, rejected } = setup(options);
  const before = tracker.getSnapshot();
  expect(() => action.do(runtime)).not.toThrow();
  expect(tracker.getSnapshot()).toBe(before);
  expect(errors).toEqual([]);
  expect(rejected).toEqual([]);
}

describe('actions', () => {
  describe('with no current block and none bound, every action does nothing, strict or not', () => {
    const actions: [string, () => IRuntimeAction][] = [
      ['EmitMetricAction', () => new EmitMetricAction('reps', 5, 'reps')],
      ['StartSegmentAction', () => new StartSegmentAction('round', 'Round 1', 0)],
      ['EndSegmentAction', () => new EndSegmentAction()],
      ['PauseAction', () => new PauseAction()],
      ['ResumeAction', () => new ResumeAction()],
      ['StartRestAction', () => new StartRestAction(30_000)],
      ['EndRestAction', () => new EndRestAction()],
    ];
    for (const [name, make] of actions) {
      it(name, () => {
        expectNoOp(make());
        expectNoOp(make(), { strict: true });
      });
    }
  });

  describe('EmitMetricAction', () => {
    it('records on the current block (its key read with toString), with source', () => {
      const { runtime, b, span, clock } = setup({ strict: true });
      runtime.stack.current = b;
      clock.advance(1000);
      new EmitMetricAction('reps', 12, 'reps', 'watch').do(runtime);
      expect(span('b').metrics.reps).toEqual({ value: 12, unit: 'reps', recorded: clock.now(), source: 'watch' });
      expect(span('a').metrics.reps).toBeUndefined();
    });

    it('records on the bound block whatever is current when it runs; the options object may follow the source or replace it', () => {
      const { runtime, a, b, span, tracker } = setup({ strict: true });
      runtime.stack.current = b;
      const bound = new EmitMetricAction('reps', 3, 'reps', { blockId: 'a' });
      const boundWithSource = new EmitMetricAction('heartRate', 150, 'bpm', 'strap', { blockId: 'a' });
      expect([bound.blockId, bound.source, boundWithSource.blockId, boundWithSource.source]).toEqual(['a', undefined, 'a', 'strap']);
      bound.do(runtime);
      runtime.stack.current = a;
      boundWithSource.do(runtime);
      expect(span('a').metrics.reps?.value).toBe(3);
      expect(span('a').metrics.custom.heartRate).toMatchObject({ value: 150, unit: 'bpm', source: 'strap' });
      expect(tracker.getMetrics(span('b').id)).toEqual([]);
    });

    it('goes through the tracker’s rules: a rep during rest is rejected with reason rest', () => {
      const { runtime, a, tracker, rejected, errors } = setup();
      tracker.startRest('a');
      runtime.stack.current = a;
      new EmitMetricAction('reps', 5, 'reps').do(runtime);
      expect(rejected.map((e) => [e.blockId, e.key, e.reason])).toEqual([['a', 'reps', 'rest']]);
      expect(errors).toEqual([]);
    });

    it('a bound block with no active span is rejected as no-active-span (an error: thrown in strict mode)', () => {
      const { runtime, rejected, errors } = setup();
      new EmitMetricAction('reps', 1, 'reps', { blockId: 'gone' }).do(runtime);
      expect(rejected.map((e) => e.reason)).toEqual(['no-active-span']);
      expect(errors.map((e) => e.code)).toEqual(['NO_ACTIVE_SPAN']);
      const strict = setup({ strict: true });
      expect(() => new EmitMetricAction('reps', 1, 'reps', { blockId: 'gone' }).do(strict.runtime)).toThrow(/no active span/);
    });

    it('also collects in runtime.metrics, in the older shape, what the tracker kept', () => {
      const { runtime, b, tracker } = setup();
      const collected: RuntimeMetric[] = [];
      runtime.metrics = { collect: (m) => void collected.push(m) };
      runtime.stack.current = b;
      new EmitMetricAction('reps', 21, 'reps').do(runtime); // no exerciseId yet: the block's label
      new EmitMetricAction('exerciseId', 'thruster', '').do(runtime); // not a number: not collected
      new EmitMetricAction('weight', 95, 'lb').do(runtime);
      new EmitMetricAction('reps', -1, 'reps').do(runtime); // invalid: rejected, not collected
      tracker.startRest('a');
      new EmitMetricAction('reps', 2, 'reps').do(runtime); // during rest: rejected, not collected
      new EmitMetricAction('reps', 4, 'reps', { blockId: 'nobody' }).do(runtime); // no span: not collected
      expect(collected).toEqual([
        { exerciseId: 'Block B', values: [{ type: 'reps', value: 21, unit: 'reps' }], timeSpans: [] },
        { exerciseId: 'thruster', values: [{ type: 'weight', value: 95, unit: 'lb' }], timeSpans: [] },
      ]);
    });
  });

  describe('StartSegmentAction / EndSegmentAction', () => {
    it('open and close segments on the current block', () => {
      const { runtime, a, span } = setup({ strict: true });
      runtime.stack.current = a;
      new StartSegmentAction('round', 'Round 1', 0).do(runtime);
      new StartSegmentAction('round', 'Round 2', 1).do(runtime); // closes Round 1
      expect(span('a').segments.map((s) => [s.label, s.index, s.endTime === undefined])).toEqual([
        ['Round 1', 0, false],
        ['Round 2', 1, true],
      ]);
      new EndSegmentAction().do(runtime);
      expect(span('a').segments.every((s) => s.endTime !== undefined)).toBe(true);
    });

    it('act on the bound block; the options object may replace the index or the segment id', () => {
      const { runtime, b, span } = setup({ strict: true });
      runtime.stack.current = b;
      const start = new StartSegmentAction('minute', 'Minute 1', { blockId: 'a' });
      expect([start.index, start.blockId]).toEqual([undefined, 'a']);
      start.do(runtime);
      new StartSegmentAction('work', 'Work', 0, { blockId: 'a' }).do(runtime);
      const minute = span('a').segments.find((s) => s.type === 'minute')!;
      new EndSegmentAction(minute.id, { blockId: 'a' }).do(runtime);
      expect(span('a').segments.map((s) => [s.label, s.endTime === undefined])).toEqual([
        ['Minute 1', false],
        ['Work', true],
      ]);
      new EndSegmentAction({ blockId: 'a' }).do(runtime); // the most recent open one: Work
      expect(span('a').segments.every((s) => s.endTime !== undefined)).toBe(true);
      expect(span('b').segments).toEqual([]);
    });

    it('refusals are the tracker’s (SEGMENT_NOT_FOUND reported, or thrown in strict mode)', () => {
      const { runtime, a, errors } = setup();
      runtime.stack.current = a;
      new EndSegmentAction().do(runtime);
      expect(errors.map((e) => e.code)).toEqual(['SEGMENT_NOT_FOUND']);
    });
  });

  describe('PauseAction / ResumeAction', () => {
    it('pause and resume the current block’s span and its descendants', () => {
      const { runtime, a, span, clock, tracker } = setup({ strict: true });
      runtime.stack.current = a;
      new PauseAction().do(runtime);
      expect([span('a').paused, span('b').paused]).toEqual([true, true]);
      clock.advance(5000);
      new ResumeAction().do(runtime);
      expect([span('a').paused, span('b').paused]).toEqual([false, false]);
      expect(tracker.totals(span('a').id)!.pausedMs).toBe(5000);
    });

    it('pause only the current block’s span, not the whole tree', () => {
      const { runtime, b, span } = setup({ strict: true });
      runtime.stack.current = b;
      new PauseAction().do(runtime);
      expect([span('a').paused, span('b').paused]).toEqual([false, true]);
    });

    it('act on the bound block whatever is current', () => {
      const { runtime, b, span } = setup({ strict: true });
      runtime.stack.current = b;
      new PauseAction({ blockId: 'a' }).do(runtime);
      expect([span('a').paused, span('b').paused]).toEqual([true, true]);
      new ResumeAction({ blockId: 'a' }).do(runtime);
      expect([span('a').paused, span('b').paused]).toEqual([false, false]);
    });

    it('do nothing for a block with no active span', () => {
      const { runtime, tracker, errors } = setup({ strict: true });
      const before = tracker.getSnapshot();
      new PauseAction({ blockId: 'gone' }).do(runtime);
      runtime.stack.current = { key: 'also-gone', label: 'X' };
      new ResumeAction().do(runtime);
      expect(tracker.getSnapshot()).toBe(before);
      expect(errors).toEqual([]);
    });

    it('refusals are the tracker’s: ALREADY_PAUSED, NOT_PAUSED, PARENT_PAUSED', () => {
      const { runtime, a, b, errors } = setup();
      runtime.stack.current = a;
      new ResumeAction().do(runtime);
      new PauseAction().do(runtime);
      new PauseAction().do(runtime);
      runtime.stack.current = b;
      new ResumeAction().do(runtime);
      expect(errors.map((e) => e.code)).toEqual(['NOT_PAUSED', 'ALREADY_PAUSED', 'PARENT_PAUSED']);
    });
  });

  describe('StartRestAction / EndRestAction', () => {
    it('open a rest (with its planned length) on the current block and close it', () => {
      const { runtime, a, span, tracker, clock } = setup({ strict: true });
      runtime.stack.current = a;
      new StartRestAction(20_000).do(runtime);
      expect(tracker.isInRestPeriod('a')).toBe(true);
      expect(tracker.isInRestPeriod('b')).toBe(true);
      expect(span('a').segments[0]).toMatchObject({ type: 'rest', label: 'Rest', plannedMs: 20_000 });
      clock.advance(20_000);
      new EndRestAction().do(runtime);
      expect(tracker.isInRestPeriod('a')).toBe(false);
      expect(tracker.totals(span('a').id)!.restMs).toBe(20_000);
    });

    it('with no duration, or bound to a block', () => {
      const { runtime, b, span, tracker } = setup({ strict: true });
      runtime.stack.current = b;
      const start = new StartRestAction({ blockId: 'a' });
      expect([start.durationMs, start.blockId]).toEqual([undefined, 'a']);
      start.do(runtime);
      expect(span('a').segments[0]!.plannedMs).toBeUndefined();
      expect(span('b').segments).toEqual([]);
      new EndRestAction({ blockId: 'a' }).do(runtime);
      expect(tracker.isInRestPeriod('a')).toBe(false);
      new StartRestAction(1000, { blockId: 'a' }).do(runtime);
      expect(span('a').segments[1]!.plannedMs).toBe(1000);
    });

    it('refusals are the tracker’s: ALREADY_RESTING, NOT_RESTING, INVALID_SEGMENT', () => {
      const { runtime, a, errors } = setup();
      runtime.stack.current = a;
      new EndRestAction().do(runtime);
      new StartRestAction(-5).do(runtime);
      new StartRestAction().do(runtime);
      new StartRestAction().do(runtime);
      expect(errors.map((e) => e.code)).toEqual(['NOT_RESTING', 'INVALID_SEGMENT', 'ALREADY_RESTING']);
    });
  });

  describe('the { blockId } options object', () => {
    it('is a plain object with a string blockId (or none: {} binds nothing)', () => {
      expect(isActionTarget({ blockId: 'a' })).toBe(true);
      expect(isActionTarget(Object.assign(Object.create(null) as object, { blockId: 'a' }))).toBe(true);
      expect(isActionTarget({ blockId: 1 })).toBe(false);
      expect(isActionTarget({})).toBe(true);
      expect(isActionTarget({ block: 'a' })).toBe(false);
      expect(isActionTarget(['a'])).toBe(false);
      expect(
        isActionTarget(
          new (class {
            blockId = 'a';
          })(),
        ),
      ).toBe(false);
      expect(isActionTarget('a')).toBe(false);
      expect(isActionTarget(null)).toBe(false);
    });

    it('trailing undefined arguments are ignored; any other object in last place is a TypeError', () => {
      expect(new EmitMetricAction('reps', 1, 'reps', undefined, { blockId: 'a' }).blockId).toBe('a');
      expect(new EmitMetricAction('reps', 1, 'reps', { blockId: 'a' } as never, undefined).blockId).toBe('a');
      expect(new EndSegmentAction(undefined).segmentId).toBeUndefined();
      expect(() => new EmitMetricAction('reps', 1, 'reps', { block: 'a' } as never)).toThrow(TypeError);
      expect(() => new PauseAction({ blockId: 7 } as never)).toThrow(TypeError);
      expect(() => new StartSegmentAction('round', 'R', [1] as never)).toThrow(TypeError);
    });

    it('an action bound to a block is resolved when it runs, so one action can be reused', () => {
      const { runtime, b, span, clock } = setup({ strict: true });
      const action = new EmitMetricAction('heartRate', 140, 'bpm');
      runtime.stack.current = b;
      action.do(runtime);
      clock.advance(1000);
      runtime.stack.current = { key: 'a', label: 'A' };
      action.do(runtime);
      expect(span('a').metrics.custom.heartRate?.value).toBe(140);
      expect(span('b').metrics.custom.heartRate?.value).toBe(140);
    });
  });
});
