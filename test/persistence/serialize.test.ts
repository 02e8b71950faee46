import { describe, expect, it } from 'vitest';
import { runCindy } from '../../examples/workouts/cindy';
import { runEmom } from '../../examples/workouts/emom';
import { runFran } from '../../examples/workouts/fran';
import { createManualClock, createTracker, ExecutionTracker, type ExecutionTracker as Tracker } from 'workout-spans';
import { deserialize, serialize } from 'workout-spans/persistence';
import { at, T0 } from './support';

const SCENARIOS: [string, () => { tracker: Tracker; clock: { now(): number } }][] = [
  ['S1/S4 Fran', () => runFran()],
  ['S2 Cindy', () => runCindy()],
  ['S2 Cindy stopped at 600 s (active)', () => runCindy({}, 600)],
  ['S2 Cindy stopped at 350 s (paused)', () => runCindy({}, 350)],
  ['S3 EMOM 10', () => runEmom()],
];

describe('serialize', () => {
  it('writes version 2: a header, a string table, one table of columns per record type, a checksum last', () => {
    const { tracker } = runFran();
    const doc = JSON.parse(serialize(tracker)) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual([
      'format',
      'version',
      'savedAt',
      'strings',
      'spans',
      'segments',
      'timeSpans',
      'segmentLists',
      'metrics',
      'checksum',
    ]);
    expect(doc.format).toBe('workout-spans');
    expect(doc.version).toBe(2);
    expect(doc.checksum).toMatch(/^[0-9a-f]{8}$/);
  });

  it('writes every column at one cell per row, optional columns only when some row has the field', () => {
    const { tracker } = runCindy({}, 600);
    const snap = tracker.getSnapshot();
    const doc = JSON.parse(serialize(tracker)) as {
      spans: Record<string, unknown[]>;
      segments: Record<string, unknown[]>;
      metrics: Record<string, unknown[]>;
      strings: string[];
    };
    const rows = (table: Record<string, unknown[]>, dense: string[], n: number): void => {
      for (const c of dense) expect(table[c], c).toHaveLength(n);
    };
    rows(
      doc.spans,
      ['id', 'parent', 'blockId', 'type', 'label', 'status', 'startTime', 'endTime', 'paused', 'metrics', 'segments', 'timeSpans'],
      snap.spans.length,
    );
    const segments = snap.spans.reduce((n, s) => n + s.segments.length, 0);
    rows(doc.segments, ['id', 'startTime', 'endTime', 'type', 'label', 'metrics'], segments);
    rows(
      doc.metrics,
      ['id', 'span', 'key', 'value', 'unit', 'recordedAt', 'segments', 'timeSpan', 'elapsedMs', 'totalElapsedMs'],
      snap.metrics.length,
    );
    // nothing errored, nothing ended with a reason: no such columns
    expect(doc.spans.error).toBeUndefined();
    expect(doc.spans.endReason).toBeUndefined();
    // strings are written once
    expect(new Set(doc.strings).size).toBe(doc.strings.length);
    // a record does not repeat its ancestry, its block or its span's type
    const text = JSON.stringify(doc.metrics);
    expect(text).not.toContain(snap.spans[0]!.id);
  });

  it('is stable: the same state gives the same text, whatever key order the snapshot objects have', () => {
    const { tracker } = runFran();
    expect(serialize(tracker)).toBe(serialize(tracker));
    const reversed = (o: object): object => Object.fromEntries(Object.entries(o).reverse());
    const live = tracker.getSnapshot();
    const scrambled = {
      ...live,
      spans: live.spans.map((s) => ({ ...reversed(s), segments: s.segments.map(reversed), metrics: reversed(s.metrics) })),
    };
    expect(serialize(scrambled as never)).toBe(serialize(live));
  });

  it("savedAt: the tracker's clock; a snapshot's own savedAt; else the latest instant it holds", () => {
    const { tracker, clock } = runFran();
    clock.set(at(400));
    expect(JSON.parse(serialize(tracker)).savedAt).toBe(at(400));
    expect(JSON.parse(serialize(tracker.getSnapshot())).savedAt).toBe(at(240));
    const read = deserialize(serialize(tracker));
    expect(JSON.parse(serialize(read)).savedAt).toBe(at(400));
    // never earlier than what the document holds, even if told so
    expect(JSON.parse(serialize({ ...read, savedAt: T0 })).savedAt).toBe(at(240));
    // an empty tracker
    expect(JSON.parse(serialize(createTracker({ clock: createManualClock(5) }))).savedAt).toBe(5);
  });

  it('a clock that stepped back is clamped: savedAt is never before what was recorded', () => {
    const { tracker, clock } = runFran();
    clock.set(T0);
    expect(JSON.parse(serialize(tracker)).savedAt).toBe(at(240));
  });

  it('refuses what is neither a tracker nor a snapshot', () => {
    expect(() => serialize({} as never)).toThrow(TypeError);
    expect(() => serialize(null as never)).toThrow(TypeError);
  });
});

describe('round trips of every scenario', () => {
  it.each(SCENARIOS)('%s: deserialize(serialize(x)) deep-equals the live snapshot', (_name, run) => {
    const { tracker, clock } = run();
    const live = tracker.getSnapshot();
    const json = serialize(tracker);
    const read = deserialize(json);
    expect(read.spans).toStrictEqual(live.spans);
    expect(read.metrics).toStrictEqual(live.metrics);
    expect(read.active).toStrictEqual(live.active);
    expect(read.completed).toStrictEqual(live.completed);
    expect(read.savedAt).toBe(clock.now());
    expect(serialize(read)).toBe(json);
  });

  it.each(SCENARIOS)('%s: restore at the instant of the save gives the same spans and records', (_name, run) => {
    const { tracker, clock } = run();
    const read = deserialize(serialize(tracker));
    const restored = ExecutionTracker.restore(read, { clock: createManualClock(clock.now()) });
    expect(restored.getSnapshot().spans).toStrictEqual(tracker.getSnapshot().spans);
    expect(restored.getSnapshot().metrics).toStrictEqual(tracker.getSnapshot().metrics);
    expect(restored.context.getActiveSpans().map((s) => s.id)).toEqual(tracker.context.getActiveSpans().map((s) => s.id));
    expect(serialize(restored)).toBe(serialize(tracker));
  });
});
