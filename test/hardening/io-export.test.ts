import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createManualClock, createTracker, type ExecutionSpan, type TrackerSnapshot } from 'workout-spans';
import { describeSpan, renderTree, toCSV, type CsvKind } from 'workout-spans/export';
import { deserialize, serialize } from 'workout-spans/persistence';
import { runFran } from '../../examples/workouts/fran';
import { parseCsv } from '../export/rfc4180';
import { deepSnapshot, nested, snapshotArb, T0 } from './io-snapshots';
import { numRuns, seed, timeout } from './runs';

/**
 * Issue 14, crashes in export: every value a span or record may hold renders. `renderTree`,
 * `describeSpan` and `toCSV` are total over snapshots, whatever their labels and values hold, at any
 * depth; a tracker's own session with hostile values goes through save, load and every exporter.
 */

/** What a terminal would obey: every C0 control but LF, DEL, C1, bidi controls, line separators. */
// eslint-disable-next-line no-control-regex
const TERMINAL_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const KINDS: CsvKind[] = ['spans', 'segments', 'metrics'];
const ICONS = ['clock', 'rotate-cw', 'activity', 'timer', 'zap', 'layers'];

function segmentCount(snapshot: TrackerSnapshot): number {
  return snapshot.spans.reduce((n, s) => n + s.segments.length, 0);
}

/** The tracker session of the issue: a custom value `{ "toString": 1 }`, saved and read back. */
function toStringSession(): TrackerSnapshot {
  const clock = createManualClock(T0);
  const tracker = createTracker({ clock, strict: true });
  tracker.startSpan({ key: 'w', label: 'Workout', blockType: 'rounds' });
  tracker.startSegment('w', 'round', 'Round 1', 0);
  tracker.recordMetric('w', 'evil', { toString: 1 }, 'x');
  tracker.recordMetric('w', 'bare', Object.assign(Object.create(null) as object, { a: 1 }), '');
  tracker.recordMetric('w', 'deep', nested(30), '');
  tracker.recordMetric('w', 'long', 'y'.repeat(100_000), '');
  clock.advance(60_000);
  tracker.endSpan('w');
  return deserialize(serialize(tracker));
}

describe('exporters are total', () => {
  it('renders the issue example: a custom value { "toString": 1 } read back from a saved session', () => {
    const snapshot = toStringSession();
    const tree = renderTree(snapshot);
    expect(tree).toContain('evil {"toString":1} x');
    expect(tree).toContain('bare {"a":1}');
    // Long values are previews on a tree line; the CSV keeps them whole.
    expect(tree).toMatch(/long y{59}…/);
    const metrics = parseCsv(toCSV(snapshot, 'metrics'));
    const h = metrics[0]!;
    const value = (key: string): string => metrics.find((r) => r[h.indexOf('key')] === key)![h.indexOf('value')]!;
    expect(value('evil')).toBe('{"toString":1}');
    expect(value('deep')).toBe(JSON.stringify(nested(30)));
    expect(value('long')).toHaveLength(100_000);
    expect(describeSpan(snapshot.spans[0]!, snapshot).title).toBe('Workout');
  });

  it('renderTree walks 10 000 nested spans without recursion, each line of bounded width', () => {
    const snapshot = deepSnapshot(10_000);
    const lines = renderTree(snapshot).split('\n');
    expect(lines).toHaveLength(10_000);
    expect(lines[0]).toMatch(/^Level 0 \[group\] active · /);
    expect(lines[1]).toMatch(/^└─ Level 1 \[group\] active @0:00 · /);
    expect(lines[9_999]).toMatch(/└─ \(depth 9999\) Level 9999 \[group\]/);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(200);
    // The first 32 levels are indented as usual.
    expect(lines[32]!.indexOf('└─')).toBe(31 * 3);
    expect(lines[33]!.indexOf('└─')).toBe(31 * 3);
  });

  it('renderTree, describeSpan and toCSV take a tracker session 2 500 spans deep, saved and read back', () => {
    const clock = createManualClock(T0);
    const tracker = createTracker({ clock });
    for (let i = 0; i < 2_500; i++) tracker.startSpan({ key: `k${i}`, label: `L${i}` });
    const snapshot = deserialize(serialize(tracker));
    expect(renderTree(snapshot).split('\n')).toHaveLength(2_500);
    expect(parseCsv(toCSV(snapshot, 'spans'))).toHaveLength(2_501);
    expect(describeSpan(snapshot.spans[2_499]!, snapshot).title).toBe('L2499');
  });

  it('draws spans whose parents form a loop, once each, after the trees', () => {
    const base = deepSnapshot(3);
    const spans = base.spans.map((s) => ({ ...s }));
    spans[0] = { ...spans[0]!, parentSpanId: 's2' }; // s0 -> s2 -> s1 -> s0
    const looped = { ...base, spans };
    const lines = renderTree(looped).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Level 0/);
    // describeSpan's walk up the ancestors ends too.
    expect(describeSpan(spans[1]!, looped).footer).toBeUndefined();
  });

  it('renders labels of megabytes, and values of 10 000 levels, BigInts, cycles, throwing getters and revoked proxies', () => {
    const base = deepSnapshot(1);
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    const getter = Object.defineProperty({}, 'boom', {
      enumerable: true,
      get() {
        throw new Error('no');
      },
    });
    const custom = {
      proto: JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
      deep: nested(10_000),
      big: 2n ** 70n,
      loop,
      getter,
      proxy,
      sym: Symbol('s'),
      fn: () => 1,
    };
    const span: ExecutionSpan = {
      ...base.spans[0]!,
      label: 'M'.repeat(5_000_000),
      metrics: {
        custom: Object.fromEntries(Object.entries(custom).map(([k, value]) => [k, { value, unit: 'u', recorded: T0 }])),
      },
    };
    const snapshot = { ...base, spans: [span], metrics: Object.entries(custom).map(([key, value]) => ({ ...record(), key, value })) };
    const tree = renderTree(snapshot);
    expect(tree.length).toBeGreaterThan(5_000_000);
    expect(tree).toContain('proto {"__proto__":{"polluted":true}} u');
    expect(tree).toContain('big 1180591620717411303424 u');
    expect(tree).toContain('loop {"self":"[circular]"} u');
    expect(tree).toContain('getter {"boom":"[unreadable]"} u');
    expect(tree).toContain('proxy "[unreadable]" u');
    expect(tree).toContain('deep [[[[[[');
    const csv = parseCsv(toCSV(snapshot, 'metrics'));
    expect(csv).toHaveLength(1 + Object.keys(custom).length);
    const deep = csv.find((r) => r[1] === 'deep')![2]!;
    expect(deep).toBe(`${'['.repeat(10_000)}"bottom"${']'.repeat(10_000)}`);
    expect(describeSpan(span).title).toHaveLength(5_000_000);
  });

  it('describeSpan gives an icon of its own table only, whatever the type says', () => {
    const base = deepSnapshot(1).spans[0]!;
    for (const type of ['constructor', '__proto__', 'toString', 'hasOwnProperty', '']) {
      expect(describeSpan({ ...base, type } as unknown as ExecutionSpan).icon).toBe('layers');
    }
    const weird = {
      ...base,
      metrics: { custom: {}, reps: { value: { toString: 1 }, unit: 'reps', recorded: T0 }, currentRound: { toString: 1 } },
    } as unknown as ExecutionSpan;
    expect(describeSpan(weird)).toMatchObject({ tags: ['{"toString":1} reps'], footer: 'Round {"toString":1}' });
  });

  it('refuses what is not a snapshot, or an unknown kind, with a TypeError that says so', () => {
    for (const bad of [null, undefined, 5, 'x', {}, { spans: 'no' }]) {
      expect(() => renderTree(bad as never)).toThrow(/renderTree: expected a snapshot/);
      expect(() => toCSV(bad as never, 'spans')).toThrow(/toCSV: expected a snapshot/);
    }
    const fran = runFran().tracker.getSnapshot();
    for (const kind of ['laps', { toString: 1 }, Symbol('k'), null]) {
      expect(() => toCSV(fran, kind as never)).toThrow(TypeError);
    }
    expect(() => describeSpan(null as never)).toThrow(/describeSpan: expected a span/);
  });

  it(
    'property: any hostile snapshot renders, describes and writes, every span and segment once, nothing a terminal obeys',
    () => {
      fc.assert(
        fc.property(snapshotArb, fc.boolean(), (snapshot, segments) => {
          const tree = renderTree(snapshot, { segments });
          expect(typeof tree).toBe('string');
          expect(tree).not.toMatch(TERMINAL_UNSAFE);
          const expected = snapshot.spans.length + (segments ? segmentCount(snapshot) : 0);
          expect(tree === '' ? 0 : tree.split('\n').length).toBe(expected);

          for (const span of snapshot.spans) {
            for (const d of [describeSpan(span), describeSpan(span, snapshot)]) {
              expect(ICONS).toContain(d.icon);
              expect(typeof d.title).toBe('string');
              expect(Object.isFrozen(d) && Object.isFrozen(d.tags)).toBe(true);
              for (const t of d.tags) expect(typeof t).toBe('string');
              expect(d.footer === undefined || typeof d.footer === 'string').toBe(true);
              expect(JSON.parse(JSON.stringify(d))).toEqual(d);
            }
          }

          const counts = { spans: snapshot.spans.length, segments: segmentCount(snapshot), metrics: snapshot.metrics.length };
          for (const kind of KINDS) {
            const rows = parseCsv(toCSV(snapshot, kind));
            expect(rows).toHaveLength(counts[kind] + 1);
            for (const row of rows) expect(row).toHaveLength(rows[0]!.length);
          }
        }),
        { numRuns: numRuns(100), ...seed() },
      );
    },
    timeout(),
  );
});

function record() {
  return {
    id: 'r',
    key: 'k',
    value: 1 as unknown,
    unit: 'u',
    recordedAt: T0,
    blockId: 'b0',
    spanId: 's0',
    spanIds: ['s0'],
    segmentIds: [],
    timeSpanId: 's0.t0',
    phase: 'work' as const,
    context: { spanType: 'group' as const, elapsedMs: 0, totalElapsedMs: 0 },
  };
}
