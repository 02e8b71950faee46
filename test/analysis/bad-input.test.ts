import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTrackerError, type ExecutionSpan, type TrackerSnapshot } from 'workout-spans';
import { summarize } from 'workout-spans/analysis';
import { runCindy } from '../../examples/workouts/cindy';
import { runFran } from '../../examples/workouts/fran';
import { bareReps, bareSnapshot, bareSpan, craftRounds, expectJsonSafe, T0 } from './craft';

/** The error `fn` threw, or undefined. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

/** A typed error: a TrackerError, or a TypeError / RangeError that names `summarize`. */
function isTyped(e: unknown): boolean {
  return isTrackerError(e) || ((e instanceof TypeError || e instanceof RangeError) && e.message.startsWith('summarize'));
}

describe('summarize: bad options', () => {
  const snapshot = runFran().tracker.getSnapshot();

  it.each([Number.NaN, Infinity, -Infinity])('at: %s is a RangeError', (at) => {
    expect(() => summarize(snapshot, { at })).toThrow(RangeError);
    expect(() => summarize(snapshot, { at })).toThrow(/summarize: at must be a finite number/);
  });

  it('at that is not a number, options that are not an object, a rootSpanId that is not a string: TypeError', () => {
    expect(() => summarize(snapshot, { at: '5' as never })).toThrow(TypeError);
    expect(() => summarize(snapshot, null as never)).toThrow(TypeError);
    expect(() => summarize(snapshot, 5 as never)).toThrow(TypeError);
    expect(() => summarize(snapshot, { rootSpanId: 5 as never })).toThrow(TypeError);
  });

  it('an unknown rootSpanId is a RangeError; undefined fields are the defaults', () => {
    expect(() => summarize(snapshot, { rootSpanId: 'nope' })).toThrow(RangeError);
    expect(summarize(snapshot, { at: undefined, rootSpanId: undefined })).toEqual(summarize(snapshot));
  });
});

describe('summarize: what is not a snapshot', () => {
  it.each([null, undefined, 5, 'x', [], {}, { spans: 'x', metrics: [] }, { spans: [], metrics: null }])('%j is CORRUPT_DATA', (value) => {
    const e = thrown(() => summarize(value as never));
    expect(isTrackerError(e) && e.code).toBe('CORRUPT_DATA');
  });

  it('names the path of the first bad field', () => {
    const snapshot = runFran().tracker.getSnapshot();
    const spans = snapshot.spans.map((s, i) => (i === 2 ? { ...s, label: { toString: 1 } } : s)) as unknown as ExecutionSpan[];
    const e = thrown(() => summarize({ ...snapshot, spans }));
    expect(isTrackerError(e) && e.details.path).toBe('$.spans[2].label');
    const segs = snapshot.spans.map((s, i) => (i === 1 ? { ...s, segments: [{ ...s.segments[0], startTime: Number.NaN }] } : s));
    expect((thrown(() => summarize({ ...snapshot, spans: segs as ExecutionSpan[] })) as { details: unknown }).details).toMatchObject({
      path: '$.spans[1].segments[0].startTime',
    });
  });

  it('a samples view that is not one is CORRUPT_DATA at $.samples', () => {
    const snapshot = { ...runFran().tracker.getSnapshot(), samples: { keys: 1 } } as unknown as TrackerSnapshot;
    const e = thrown(() => summarize(snapshot));
    expect(isTrackerError(e) && e.details.path).toBe('$.samples');
  });

  it('a snapshot with no samples view at all (an older one) reads as having no samples', () => {
    const { samples: _none, ...rest } = runFran().tracker.getSnapshot();
    expect(summarize(rest as TrackerSnapshot).samples).toEqual({});
  });
});

describe('summarize: odd values it must carry through', () => {
  it('a custom value like { toString: 1 } on a span and a record', () => {
    const { tracker, clock } = craftRounds([30_000], { end: false });
    expect(tracker.recordMetric('root', 'note', { toString: 1 }, '')).toBeDefined();
    clock.advance(1_000);
    tracker.endSpan('root');
    const s = summarize(tracker.getSnapshot());
    expect(s.score.display).toBe('0:31');
    expectJsonSafe(s);
  });

  it("spans whose parents form a cycle are not part of any workout, and don't hang it", () => {
    const root = bareSpan('root', null, 'timer', T0, T0 + 1_000);
    const a = bareSpan('a', 'b', 'group', T0, T0 + 1_000);
    const b = bareSpan('b', 'a', 'group', T0, T0 + 1_000);
    const s = summarize(bareSnapshot([a, b, root]));
    expect(s.rootSpanId).toBe('root');
    expect(s.statuses.completed).toBe(1);
    const e = thrown(() => summarize(bareSnapshot([a, b])));
    expect(isTrackerError(e) && e.code).toBe('CORRUPT_DATA');
  });

  it('two spans with one id are CORRUPT_DATA', () => {
    const e = thrown(() => summarize(bareSnapshot([bareSpan('x', null, 'timer', T0, T0 + 1), bareSpan('x', null, 'timer', T0, T0 + 1)])));
    expect(isTrackerError(e) && e.details.path).toBe('$.spans[1].id');
  });
});

describe('summarize: deep trees', () => {
  const DEPTH = 5_000;

  /** `DEPTH` spans of `type`, each the only child of the one before, with reps on the innermost. */
  function chain(type: 'group' | 'rounds'): TrackerSnapshot {
    const spans: ExecutionSpan[] = [];
    for (let i = 0; i < DEPTH; i++)
      spans.push(bareSpan(`s${i}`, i === 0 ? null : `s${i - 1}`, i === DEPTH - 1 ? 'effort' : type, T0 + i, T0 + 2 * DEPTH - i));
    const leaf = spans[DEPTH - 1]!;
    leaf.segments.push({
      id: 'seg',
      parentSpanId: leaf.id,
      startTime: leaf.startTime,
      endTime: leaf.endTime!,
      type: 'round',
      label: 'Round 1',
      metrics: {},
    });
    return bareSnapshot(spans, [{ ...bareReps('r', leaf, T0 + DEPTH, 12, ['seg']), spanIds: spans.map((s) => s.id) }]);
  }

  it('5 000 nested spans summarise from the top, without a stack overflow', () => {
    const s = summarize(chain('rounds'));
    expect(s.rootSpanId).toBe('s0');
    expect(s.statuses.completed).toBe(DEPTH);
    expect(s.exercises).toEqual([{ exerciseId: `s${DEPTH - 1}`, reps: 12, volume: 0, distance: 0, durationMs: 2 }]);
    expect(s.rounds.map((r) => [r.reps, r.finished])).toEqual([[12, true]]);
  });

  it('5 000 nested single-child groups: the default root goes all the way down', () => {
    expect(summarize(chain('group')).rootSpanId).toBe(`s${DEPTH - 1}`);
  });
});

describe('summarize: total on any input (property-based)', () => {
  it('anything at all: a summary or a typed error', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), fc.anything(), (snapshot, options) => {
        const e = thrown(() => summarize(snapshot as never, options as never));
        if (e !== undefined) expect(isTyped(e)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  /** Every path to a value inside a JSON value. */
  function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
    out.push(prefix);
    if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
    return out;
  }

  it('a real snapshot with one field replaced by anything: a summary or a typed error', () => {
    const base = JSON.parse(JSON.stringify({ ...runCindy({}, 700).tracker.getSnapshot(), samples: undefined })) as Record<string, unknown>;
    const all = paths(base).filter((p) => p.length > 0);
    fc.assert(
      fc.property(
        fc.nat(all.length - 1),
        fc.oneof(
          fc.anything(),
          fc.constantFrom(Number.NaN, Infinity, -1, 0, 1e300, '', '__proto__', 'constructor', { toString: 1 }, [], null),
        ),
        fc.option(fc.integer({ min: T0 - 1e6, max: T0 + 1e7 }), { nil: undefined }),
        (which, value, at) => {
          const copy = structuredClone(base);
          const path = all[which]!;
          let node = copy as Record<string | number, unknown>;
          for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
          node[path[path.length - 1]!] = value;
          const e = thrown(() => {
            expectJsonSafe(summarize(copy as unknown as TrackerSnapshot, { at }));
          });
          if (e !== undefined && !isTyped(e)) throw e;
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('summarize: huge values stay finite', () => {
  it('round times near the largest number give finite split statistics', () => {
    const root = bareSpan('root', null, 'rounds', -1e300, 1e300);
    root.segments.push(
      { id: 'a', parentSpanId: 'root', startTime: -1e300, endTime: 0, type: 'round', label: 'Round 1', metrics: {} },
      { id: 'b', parentSpanId: 'root', startTime: 0, endTime: 1e300, type: 'round', label: 'Round 2', metrics: {} },
      { id: 'c', parentSpanId: 'root', startTime: 1e300, endTime: 1e300, type: 'round', label: 'Round 3', metrics: {} },
    );
    const s = summarize(bareSnapshot([root]));
    expectJsonSafe(s);
    expect(s.splits).toMatchObject({ count: 2, mean: 1e300, stdev: 0 });
  });
});
