// Actions fit any runtime: the tracker bound to the action, else the context's executionTracker,
// else its tracker; the block bound to it (a block key or a span id), else the context's current block.
import { describe, expect, it } from 'vitest';
import type { BlockLike, ExecutionTracker } from 'workout-spans';
import {
  EmitMetricAction,
  EndRestAction,
  EndSegmentAction,
  isActionBinding,
  PauseAction,
  RestBehavior,
  ResumeAction,
  StartRestAction,
  StartSegmentAction,
  type IRuntimeAction,
  type IScriptRuntime,
  type RuntimeMetric,
} from 'workout-spans/runtime';
import { makeTracker } from '../helpers';

const FRAN: BlockLike = { key: 'fran', label: 'Fran', blockType: 'timer' };
const THRUSTERS: BlockLike = { key: 'thrusters', label: 'Thrusters', blockType: 'effort' };

/** A tracker with Fran and its thrusters running. */
function running() {
  const made = makeTracker({ strict: true });
  made.tracker.startSpan(FRAN);
  made.tracker.startSpan(THRUSTERS);
  return made;
}

/** Every action, made with the binding given (or none). */
function everyAction(binding?: { blockId?: string; tracker?: ExecutionTracker }): [string, IRuntimeAction][] {
  return [
    ['EmitMetricAction', new EmitMetricAction('reps', 5, 'reps', undefined, binding)],
    ['StartSegmentAction', new StartSegmentAction('round', 'Round 1', 0, binding)],
    ['EndSegmentAction', new EndSegmentAction(undefined, binding)],
    ['PauseAction', new PauseAction(binding)],
    ['ResumeAction', new ResumeAction(binding)],
    ['StartRestAction', new StartRestAction(10_000, binding)],
    ['EndRestAction', new EndRestAction(binding)],
  ];
}

describe('the tracker an action uses', () => {
  it('is the context’s tracker when it has no executionTracker (a per-turn context)', () => {
    const { tracker, clock } = running();
    const turn: IScriptRuntime = { stack: { current: THRUSTERS }, tracker };
    clock.advance(1_000);
    new EmitMetricAction('reps', 21, 'reps').do(turn);
    new StartSegmentAction('round', 'Round 1', 0, { blockId: 'fran' }).do(turn);
    new PauseAction({ blockId: 'fran' }).do(turn);
    expect(tracker.getActiveSpan('thrusters')!.metrics.reps?.value).toBe(21);
    expect(tracker.getActiveSpan('fran')!.segments.map((s) => s.label)).toEqual(['Round 1', 'Paused']);
    expect(tracker.getActiveSpan('thrusters')!.paused).toBe(true);
  });

  it('is the context’s executionTracker before its tracker', () => {
    const first = running();
    const second = running();
    const ctx: IScriptRuntime = { stack: { current: THRUSTERS }, executionTracker: first.tracker, tracker: second.tracker };
    new EmitMetricAction('reps', 3, 'reps').do(ctx);
    expect(first.tracker.getActiveSpan('thrusters')!.metrics.reps?.value).toBe(3);
    expect(second.tracker.getSnapshot().metrics).toEqual([]);
  });

  it('is the bound tracker before either, and then the context needs none', () => {
    const bound = running();
    const other = running();
    const action = new EmitMetricAction('reps', 9, 'reps', 'watch', { tracker: bound.tracker });
    expect(action.tracker).toBe(bound.tracker);
    action.do({ stack: { current: THRUSTERS }, executionTracker: other.tracker });
    action.do({ stack: { current: FRAN } });
    expect(bound.tracker.getMetrics('thrusters').map((r) => [r.value, r.source])).toEqual([[9, 'watch']]);
    expect(bound.tracker.getMetrics('fran').map((r) => r.value)).toEqual([9]);
    expect(other.tracker.getSnapshot().metrics).toEqual([]);
  });

  it('bound to a tracker and a block, an action runs with any context at all', () => {
    const { tracker } = running();
    new PauseAction({ blockId: 'fran', tracker }).do({ stack: {} });
    expect(tracker.getActiveSpan('fran')!.paused).toBe(true);
    new ResumeAction({ blockId: 'fran', tracker }).do(undefined as never); // a runtime that passes nothing at all
    expect(tracker.getActiveSpan('fran')!.paused).toBe(false);
  });

  describe('with no tracker anywhere, every action throws a TypeError that says how to bind one', () => {
    for (const [name, action] of everyAction()) {
      it(name, () => {
        expect(() => action.do({ stack: { current: THRUSTERS } })).toThrow(TypeError);
        expect(() => action.do({ stack: { current: THRUSTERS } })).toThrow(new RegExp(`${name}\\(…, \\{ tracker \\}\\)`));
        // even with no block: a context without a tracker is wired wrong whatever is current
        expect(() => action.do({ stack: {} })).toThrow(/executionTracker \(or tracker\)/);
      });
    }
  });

  it('a context whose tracker is not a workout-spans tracker is a TypeError naming the property', () => {
    const legacy = { start: () => undefined }; // an older runtime's own execution tracker
    const action = new EmitMetricAction('reps', 1, 'reps');
    expect(() => action.do({ stack: { current: THRUSTERS }, executionTracker: legacy as never })).toThrow(
      /context's executionTracker is not a workout-spans tracker/,
    );
    expect(() => action.do({ stack: { current: THRUSTERS }, tracker: 42 as never })).toThrow(/context's tracker is not/);
  });
});

describe('the block an action acts on', () => {
  it('may be bound by span id as well as by block key', () => {
    const { tracker, clock } = running();
    const fran = tracker.getActiveSpan('fran')!;
    const thrusters = tracker.getActiveSpan('thrusters')!;
    const turn: IScriptRuntime = { stack: {}, tracker };
    new EmitMetricAction('reps', 7, 'reps', { blockId: thrusters.id }).do(turn);
    new StartSegmentAction('round', 'Round 1', 0, { blockId: fran.id }).do(turn);
    new StartRestAction(5_000, { blockId: fran.id }).do(turn);
    clock.advance(5_000);
    new EndRestAction({ blockId: fran.id }).do(turn);
    new PauseAction({ blockId: fran.id }).do(turn);
    clock.advance(2_000);
    new ResumeAction({ blockId: fran.id }).do(turn);
    new EndSegmentAction({ blockId: fran.id }).do(turn);
    expect(tracker.getMetrics('thrusters').map((r) => r.value)).toEqual([7]);
    expect(tracker.getActiveSpan('fran')!.segments.map((s) => [s.type, s.endTime! - s.startTime])).toEqual([
      ['round', 7_000],
      ['rest', 5_000],
      ['pause', 2_000],
    ]);
    expect(tracker.totals(fran.id)).toMatchObject({ restMs: 5_000, pausedMs: 2_000 });
  });

  it('is the context’s current block when only a tracker is bound', () => {
    const { tracker } = running();
    const action = new EmitMetricAction('reps', 4, 'reps', { tracker });
    expect(action.blockId).toBeUndefined();
    action.do({ stack: { current: THRUSTERS } });
    expect(tracker.getMetrics('thrusters').map((r) => r.value)).toEqual([4]);
  });

  it('with no block, a bound tracker is not touched', () => {
    const { tracker } = running();
    const before = tracker.getSnapshot();
    for (const [, action] of everyAction({ tracker })) action.do({ stack: {} });
    expect(tracker.getSnapshot()).toBe(before);
  });
});

describe('EmitMetricAction: recordMetric’s fourth argument, then the binding', () => {
  it('{ source, exerciseId } names the record’s exercise (one block, several exercises)', () => {
    const { tracker } = running();
    const ctx: IScriptRuntime = { stack: { current: THRUSTERS }, executionTracker: tracker };
    const pullUps = new EmitMetricAction('reps', 5, 'reps', { source: 'coach', exerciseId: 'pull-up' }, { blockId: 'fran' });
    expect([pullUps.source, pullUps.exerciseId, pullUps.blockId]).toEqual(['coach', 'pull-up', 'fran']);
    pullUps.do(ctx);
    new EmitMetricAction('reps', 10, 'reps', { exerciseId: 'push-up' }).do(ctx);
    expect(tracker.getSnapshot().metrics.map((r) => [r.blockId, r.value, r.exerciseId, r.source])).toEqual([
      ['fran', 5, 'pull-up', 'coach'],
      ['thrusters', 10, 'push-up', undefined],
    ]);
  });

  it('one object in fourth place is told apart by its keys', () => {
    const { tracker } = running();
    expect(new EmitMetricAction('reps', 1, 'reps', { blockId: 'fran' })).toMatchObject({ blockId: 'fran', sourceOrOptions: undefined });
    expect(new EmitMetricAction('reps', 1, 'reps', { tracker })).toMatchObject({ tracker, sourceOrOptions: undefined });
    expect(new EmitMetricAction('reps', 1, 'reps', { exerciseId: 'x' })).toMatchObject({ blockId: undefined, exerciseId: 'x' });
    expect(new EmitMetricAction('reps', 1, 'reps', {})).toMatchObject({ blockId: undefined, tracker: undefined });
    expect(new EmitMetricAction('reps', 1, 'reps', 'strap')).toMatchObject({ source: 'strap', exerciseId: undefined });
  });

  it('a mixed object, two bindings, a fifth argument that is not a binding, or a sixth: TypeError', () => {
    expect(() => new EmitMetricAction('reps', 1, 'reps', { blockId: 'a', source: 'x' } as never)).toThrow(TypeError);
    expect(() => new EmitMetricAction('reps', 1, 'reps', { blockId: 'a' } as never, { blockId: 'b' })).toThrow(/fourth argument/);
    expect(() => new EmitMetricAction('reps', 1, 'reps', 'x', { source: 'y' } as never)).toThrow(/last argument must be/);
    expect(() => new EmitMetricAction('reps', 1, 'reps', 'x', 'a' as never)).toThrow(TypeError);
    expect(() => (EmitMetricAction as unknown as new (...a: unknown[]) => unknown).call(null)).toThrow();
    expect(() => new (EmitMetricAction as unknown as new (...a: unknown[]) => unknown)('reps', 1, 'reps', 'x', {}, {})).toThrow(
      /at most|takes/,
    );
  });

  it('the options’ values are the tracker’s to check: a bad exerciseId is INVALID_METRIC when it runs', () => {
    const { tracker, errors } = makeTracker();
    tracker.startSpan(FRAN);
    const action = new EmitMetricAction('reps', 1, 'reps', { exerciseId: '' });
    action.do({ stack: { current: FRAN }, tracker });
    expect(errors.map((e) => e.code)).toEqual(['INVALID_METRIC']);
  });

  it('the collector gets the record’s exercise first', () => {
    const { tracker } = running();
    tracker.updateSpan('thrusters', { exerciseId: 'thruster' });
    const collected: RuntimeMetric[] = [];
    const ctx: IScriptRuntime = { stack: { current: THRUSTERS }, tracker, metrics: { collect: (m) => void collected.push(m) } };
    new EmitMetricAction('reps', 5, 'reps', { exerciseId: 'pull-up' }).do(ctx);
    new EmitMetricAction('reps', 6, 'reps').do(ctx);
    expect(collected.map((m) => m.exerciseId)).toEqual(['pull-up', 'thruster']);
  });
});

describe('the binding', () => {
  it('holds only blockId (a string) and tracker (a workout-spans tracker), each optional', () => {
    const { tracker } = makeTracker();
    expect(isActionBinding({ blockId: 'a', tracker })).toBe(true);
    expect(isActionBinding({ tracker })).toBe(true);
    expect(isActionBinding({ blockId: undefined, tracker: undefined })).toBe(true);
    expect(isActionBinding({})).toBe(true);
    expect(isActionBinding({ blockid: 'a' })).toBe(false);
    expect(isActionBinding({ blockId: 'a', source: 'x' })).toBe(false);
    expect(isActionBinding({ tracker: {} })).toBe(false);
    expect(isActionBinding({ tracker: null })).toBe(false);
    expect(isActionBinding({ blockId: null })).toBe(false);
  });

  it('a last argument that is an object but not a binding is a TypeError when the action is made', () => {
    expect(() => new PauseAction({ tracker: {} } as never)).toThrow(/blockId\?: string, tracker\?: ExecutionTracker/);
    expect(() => new StartRestAction(1_000, { blockid: 'a' } as never)).toThrow(TypeError);
    expect(() => new EndSegmentAction('seg', { tracker: 'mine' } as never)).toThrow(TypeError);
  });
});

describe('RestBehavior', () => {
  it('with no duration, a rest with no planned length that still rolls up to the workout', () => {
    const { tracker, clock } = makeTracker({ strict: true });
    tracker.startSpan({ key: 'tabata', label: 'Tabata', blockType: 'interval' });
    const rest: BlockLike = { key: 'rest-1', label: 'Rest' };
    tracker.startSpan(rest);
    const behaviour = new RestBehavior();
    expect(behaviour.restDurationMs).toBeUndefined();
    const ctx: IScriptRuntime = { stack: { current: rest }, tracker };
    for (const a of behaviour.onPush(ctx, rest)) a.do(ctx);
    const [segment] = tracker.getActiveSpan('rest-1')!.segments;
    expect([segment!.type, segment!.plannedMs]).toEqual(['rest', undefined]);
    clock.advance(10_000);
    for (const a of behaviour.onPop(ctx, rest)) a.do(ctx);
    tracker.endSpan('rest-1');
    expect(tracker.totals('tabata')).toMatchObject({ restMs: 10_000, workMs: 0 });
    expect(new RestBehavior(undefined).restDurationMs).toBeUndefined();
  });

  it('onPop asks the context’s tracker under either name; with none, it closes the rest it opened', () => {
    const { tracker } = makeTracker({ strict: true });
    const rest: BlockLike = { key: 'r', label: 'Rest' };
    tracker.startSpan(rest);
    const behaviour = new RestBehavior(30_000);
    const pushed = behaviour.onPush({ stack: {} }, rest);
    for (const a of pushed) a.do({ stack: {}, tracker });
    // a context with no tracker: it cannot look, so it returns the EndRestAction for the rest it opened
    const popped = behaviour.onPop({ stack: {} }, rest);
    expect(popped).toHaveLength(1);
    expect(popped[0]).toBeInstanceOf(EndRestAction);
    for (const a of popped) a.do({ stack: {}, tracker });
    expect(tracker.isInRestPeriod('r')).toBe(false);
    // nothing opened by it: nothing to close
    expect(behaviour.onPop({ stack: {} }, rest)).toEqual([]);
    // with the tracker under `tracker`, it looks: the rest is closed, so nothing
    for (const a of behaviour.onPush({ stack: {} }, rest)) a.do({ stack: {}, tracker });
    tracker.endRest('r');
    expect(behaviour.onPop({ stack: {}, tracker }, rest)).toEqual([]);
  });
});
