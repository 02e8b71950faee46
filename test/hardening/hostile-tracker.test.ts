// Every tracker call is total: hostile arguments are refused with a TrackerError (reported in lenient
// mode, thrown in strict mode), never a raw error; what a call accepts saves and loads back; deep
// trees are walked without recursion; a call either completes or changes nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createManualClock, createTracker, ExecutionTracker, TrackerError, type BlockLike } from 'workout-spans';
import { deserialize, serialize } from 'workout-spans/persistence';
import { makeTracker, T0 } from '../helpers';

const throwingProxy = (target: object = {}): object =>
  new Proxy(target, {
    get() {
      throw new Error('trap');
    },
    has() {
      throw new Error('trap');
    },
    ownKeys() {
      throw new Error('trap');
    },
    getPrototypeOf() {
      throw new Error('trap');
    },
  });

/** Runs a lenient call: it must not throw, and must report a TrackerError when it returns nothing. */
function lenient(fn: (t: ExecutionTracker) => unknown) {
  const { tracker, errors } = makeTracker();
  tracker.startSpan({ key: 'a', label: 'A' });
  const before = serialize(tracker.getSnapshot());
  let result: unknown;
  expect(() => (result = fn(tracker))).not.toThrow();
  return { tracker, errors, result, unchanged: () => serialize(tracker.getSnapshot()) === before };
}

describe('hostile arguments in lenient mode: reported as TrackerError, never thrown', () => {
  const cases: [string, (t: ExecutionTracker) => unknown, string][] = [
    ['a block whose fields throw', (t) => t.startSpan(throwingProxy() as BlockLike), 'INVALID_BLOCK'],
    [
      'a block whose key toString throws',
      (t) =>
        t.startSpan({
          key: {
            toString: () => {
              throw new Error('x');
            },
          },
          label: 'x',
        }),
      'INVALID_BLOCK',
    ],
    ['a null-prototype block with no key', (t) => t.startSpan(Object.create(null) as BlockLike), 'INVALID_BLOCK'],
    ['a metric value that is a throwing Proxy', (t) => t.recordMetric('a', 'custom', throwingProxy(), ''), 'INVALID_METRIC'],
    [
      'a metric value with a throwing getter',
      (t) =>
        t.recordMetric(
          'a',
          'custom',
          {
            get x() {
              throw new Error('g');
            },
          },
          '',
        ),
      'INVALID_METRIC',
    ],
    // eslint-disable-next-line no-sparse-arrays
    ['a sparse array as a custom value', (t) => t.recordMetric('a', 'laps', [1, , 3], ''), 'INVALID_METRIC'],
    ['options that throw', (t) => t.recordMetric('a', 'reps', 1, 'reps', throwingProxy() as never), 'INVALID_METRIC'],
    ['a patch that throws', (t) => t.updateSpan('a', throwingProxy() as never), 'INVALID_BLOCK'],
    ['rest options that throw', (t) => t.startRest('a', throwingProxy() as never), 'INVALID_SEGMENT'],
    ['a target that is a throwing Proxy', (t) => t.endSpan(throwingProxy() as never), 'NO_ACTIVE_SPAN'],
    ['a non-number at for totals', (t) => t.totals('a', Number.NaN), 'INVALID_ARGUMENT'],
  ];
  it.each(cases)('%s', (_name, call, code) => {
    const { errors, result, unchanged } = lenient(call);
    expect(result).toBeUndefined();
    expect(errors.map((e) => e.code)).toEqual([code]);
    expect(errors[0]).toBeInstanceOf(TrackerError);
    expect(unchanged()).toBe(true);
  });

  it('a getter read twice cannot store a value that was never checked', () => {
    const { tracker } = makeTracker({ strict: true });
    tracker.startSpan({ key: 'a', label: 'A' });
    let n = 0;
    const value = {
      get x() {
        return n++ === 0 ? 1 : Number.NaN;
      },
    };
    const r = tracker.recordMetric('a', 'custom', value, '')!;
    expect(r.value).toEqual({ x: 1 });
    expect(Object.getOwnPropertyDescriptor(r.value, 'x')!.get).toBeUndefined();
    expect(deserialize(serialize(tracker)).metrics[0]!.value).toEqual({ x: 1 });
  });

  it('null-prototype values are kept as plain objects and read back', () => {
    const { tracker } = makeTracker({ strict: true });
    tracker.startSpan({ key: 'a', label: 'A' });
    const v = Object.assign(Object.create(null) as Record<string, unknown>, { bpm: 150, zones: [1, 2] });
    tracker.recordMetric('a', 'hr', v, 'bpm');
    const back = deserialize(serialize(tracker));
    expect(back.metrics[0]!.value).toEqual({ bpm: 150, zones: [1, 2] });
  });
});

describe('programming errors are TypeErrors that say what to do', () => {
  it('createTracker(null) and restore(snapshot, null) take no options; a non-object is a TypeError', () => {
    expect(createTracker(null as never)).toBeInstanceOf(ExecutionTracker);
    expect(() => createTracker(5 as never)).toThrow(TypeError);
    const snapshot = createTracker().getSnapshot();
    expect(ExecutionTracker.restore(snapshot, null as never)).toBeInstanceOf(ExecutionTracker);
    expect(() => ExecutionTracker.restore(snapshot, 'x' as never)).toThrow(TypeError);
  });

  it('trace with something that is not a function throws before any span starts', () => {
    const { tracker } = makeTracker();
    expect(() => tracker.trace({ key: 'a', label: 'A' }, 5 as never)).toThrow(/expected a function/);
    expect(tracker.getSpans()).toEqual([]);
  });
});

describe('block types and keys the runtime may send', () => {
  it('any case of constructor, __proto__ or toString is a group, and the session saves and loads back', () => {
    const { tracker } = makeTracker({ strict: true });
    const types = ['constructor', '__proto__', 'CONSTRUCTOR', 'toString', 'hasOwnProperty', 'valueOf'];
    types.forEach((blockType, i) => expect(tracker.startSpan({ key: `b${i}`, label: blockType, blockType }, null).type).toBe('group'));
    expect(deserialize(serialize(tracker)).spans.map((s) => s.type)).toEqual(types.map(() => 'group'));
  });

  it('a property test: whatever startSpan, recordMetric and updateSpan accept reads back whole', () => {
    const anyValue = fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.double(), fc.array(fc.option(fc.integer()), { maxLength: 3 }));
    fc.assert(
      fc.property(
        fc.record(
          {
            key: fc.oneof(fc.string(), fc.integer()),
            label: fc.string(),
            blockType: fc.string(),
            targetReps: anyValue,
            repScheme: anyValue,
          },
          { requiredKeys: ['key', 'label'] },
        ),
        fc.array(fc.tuple(fc.string({ maxLength: 12 }), anyValue, fc.oneof(fc.string(), fc.constant('reps'))), { maxLength: 6 }),
        (block, metrics) => {
          const clock = createManualClock(T0);
          const tracker = createTracker({ clock, onError: () => {} });
          const span = tracker.startSpan(block as BlockLike);
          if (span !== undefined) {
            for (const [key, value, unit] of metrics) {
              tracker.recordMetric(span.id, key, value, unit);
              tracker.updateSpan(span.id, { [key]: value } as never);
              clock.advance(1);
            }
          }
          const snap = tracker.getSnapshot();
          const back = deserialize(serialize(snap));
          expect(JSON.parse(JSON.stringify(back.spans))).toEqual(JSON.parse(JSON.stringify(snap.spans)));
          expect(JSON.parse(JSON.stringify(back.metrics))).toEqual(JSON.parse(JSON.stringify(snap.metrics)));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('deep trees', () => {
  const DEPTH = 5_000;
  function deep() {
    const { tracker, clock } = makeTracker({ strict: true });
    for (let i = 0; i < DEPTH; i++) tracker.startSpan({ key: `s${i}`, label: `S${i}` });
    return { tracker, clock };
  }

  it(`${DEPTH} nested spans pause, resume, rest, save, restore and end whole`, () => {
    const { tracker, clock } = deep();
    clock.advance(1_000);
    tracker.pause();
    expect(tracker.getSnapshot().active.every((s) => s.paused)).toBe(true);
    clock.advance(1_000);
    tracker.resume('s0');
    expect(tracker.getSnapshot().active.some((s) => s.paused)).toBe(false);
    tracker.startRest(`s${DEPTH - 1}`);
    expect(tracker.isInRestPeriod('s0')).toBe(true);
    tracker.recordMetric(`s${DEPTH - 1}`, 'heartRate', 120, 'bpm');
    const restored = ExecutionTracker.restore(deserialize(serialize(tracker)), { clock, strict: true });
    expect(restored.getSnapshot().active).toHaveLength(DEPTH);
    clock.advance(1_000);
    const root = tracker.endSpan('s0');
    expect(root.status).toBe('completed');
    expect(tracker.getSnapshot().active).toEqual([]);
    expect(tracker.getSpan(tracker.getSnapshot().spans[DEPTH - 1]!.id)!.endTime).toBe(root.endTime);
  });
});

describe('hostile names', () => {
  it('a key or target that cannot be turned into text is refused and reported, never thrown', () => {
    const { tracker, errors } = makeTracker();
    const rejected: unknown[] = [];
    tracker.on('metric:rejected', (e) => rejected.push(e));
    tracker.startSpan({ key: 'a', label: 'A' });
    const evil = { toString: 1 } as never;
    expect(() => tracker.recordMetric('a', evil, 1, 'reps')).not.toThrow();
    expect(() => tracker.recordMetric(evil, 'reps', 1, 'reps')).not.toThrow();
    expect(() => tracker.recordMetric(Object.create(null) as never, Symbol('k') as never, 1, 'reps')).not.toThrow();
    expect(errors.map((e) => e.code)).toEqual(['INVALID_METRIC', 'NO_ACTIVE_SPAN', 'INVALID_METRIC']);
    expect(rejected).toHaveLength(3);
  });
});
