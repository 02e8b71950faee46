import { describe, expect, it } from 'vitest';
import { createManualClock, createTracker, type ExecutionSpan, type MetricRecord, type TrackerSnapshot } from 'workout-spans';
import { deserialize, serialize } from 'workout-spans/persistence';
import { NO_SAMPLES, samplesView } from '../../src/model/samples-view';
import { toDocument } from './v1-writer';
import { at, deeplyFrozen, fixture, T0, thrown } from './support';

type Doc = { [k: string]: any };

/** A snapshot holding every 0.2 field, built from a live session and completed by hand. */
function session02(): TrackerSnapshot {
  const clock = createManualClock(T0);
  const tracker = createTracker({ clock });
  const root = tracker.startSpan({ key: 'w', label: 'Workout', blockType: 'amrap', timer: { direction: 'down', durationMs: 600_000 } })!;
  tracker.startSegment('w', 'round', 'Round 1', 0);
  tracker.startSpan({ key: 'e', label: 'Thrusters', blockType: 'effort' });
  clock.advance(10_000);
  tracker.recordMetric('e', 'reps', 10, 'reps');
  tracker.recordMetric('e', 'zones', { z1: [1, -0], z2: 'x' }, '', 'strap');
  tracker.recordMetric('e', 'power', -0, 'W');
  clock.advance(2_500.25);
  tracker.pause();
  clock.advance(60_000);
  tracker.resume();
  clock.advance(5_000);
  tracker.recordMetric('e', 'reps', 5, 'reps');
  tracker.endSpan('e');
  tracker.startSpan({ key: 'f', label: 'Failing', blockType: 'effort' });
  clock.advance(1_000);
  tracker.endSpan('f', 'failed');
  clock.advance(1_000);
  tracker.endSpan('w');
  const live = tracker.getSnapshot();
  const spans = live.spans.map((s): ExecutionSpan => {
    if (s.id === root.id) {
      const segments = s.segments.map((g) =>
        g.type === 'pause'
          ? { ...g, label: 'Interrupted', cause: 'suspend' as const }
          : g.endTime === s.endTime
            ? { ...g, closedByEnd: true }
            : g,
      );
      return { ...s, endReason: 'timer-expired', segments };
    }
    if (s.label === 'Failing') return { ...s, error: 'it broke', endReason: 'aborted' };
    return s;
  });
  const metrics = live.metrics.map((r, i): MetricRecord => (i === 0 ? { ...r, exerciseId: 'thruster' } : r));
  const samples = samplesView([
    { root: root.id, key: 'heartRate', unit: 'bpm', t: [T0, T0 + 1000.5, T0 + 2000], v: [120, -0, 131.25] },
    { root: root.id, key: 'power', unit: 'W', t: [T0 + 5000], v: [250] },
    { root: 'an-archived-root', key: 'cadence', unit: 'rpm', t: [], v: [] },
  ]);
  return {
    version: live.version,
    savedAt: clock.now() + 1000,
    spans,
    metrics,
    active: spans.filter((s) => s.status === 'active'),
    completed: spans.filter((s) => s.status !== 'active'),
    samples,
  };
}

function expectSame(read: TrackerSnapshot, x: TrackerSnapshot): void {
  expect(read.spans).toStrictEqual(x.spans);
  expect(read.metrics).toStrictEqual(x.metrics);
  expect(read.active).toStrictEqual(x.active);
  expect(read.completed).toStrictEqual(x.completed);
  expect(read.samples).toStrictEqual(x.samples);
  expect(read.savedAt).toBe(x.savedAt);
}

describe('format version 2: whatever a snapshot holds reads back exactly', () => {
  it('every 0.2 field: endReason, closedByEnd, cause, a record’s exerciseId, timers, errors, custom values, samples, -0', () => {
    const x = session02();
    const read = deserialize(serialize(x));
    expectSame(read, x);
    expect(read.version).toBe(2);
    expect(Object.is(read.metrics[2]!.value as number, -0)).toBe(true);
    expect(Object.is((read.metrics[1]!.value as { z1: number[] }).z1[1], -0)).toBe(true);
    expect(Object.is(read.samples.get(read.spans[0]!.id, 'heartRate')!.v[1], -0)).toBe(true);
    expect(read.spans[0]!.segments.find((g) => g.cause === 'suspend')).toBeDefined();
    expect(deeplyFrozen(read)).toBe(true);
    // the same text again
    expect(serialize(read)).toBe(serialize(x));
  });

  it('segments and TimeSpans whose counters are not their places: records still name them', () => {
    const x = session02();
    const shift = (id: string): string => id.replace(/\.([st])(\d+)$/, (_, k: string, n: string) => `.${k}${Number(n) + 5}`);
    const spans = x.spans.map((s): ExecutionSpan => ({
      ...s,
      segments: s.segments.map((g) => ({ ...g, id: shift(g.id) })),
      timeSpans: s.timeSpans.map((t) => ({ ...t, id: shift(t.id) })),
    }));
    const metrics = x.metrics.map((r): MetricRecord => ({
      ...r,
      segmentIds: r.segmentIds.map(shift),
      timeSpanId: r.timeSpanId === null ? null : shift(r.timeSpanId),
    }));
    const moved = {
      ...x,
      spans,
      metrics,
      active: spans.filter((s) => s.status === 'active'),
      completed: spans.filter((s) => s.status !== 'active'),
    };
    expect(metrics.some((r) => r.segmentIds.length > 0 && r.timeSpanId !== null)).toBe(true);
    expectSame(deserialize(serialize(moved)), moved);
  });

  it('samples: read back as a view of Float64Array columns, ranges inclusive at both ends', () => {
    const x = session02();
    const read = deserialize(serialize(x));
    const root = x.spans[0]!.id;
    expect(read.samples.roots()).toEqual([root, 'an-archived-root']);
    expect(read.samples.keys(root)).toEqual(['heartRate', 'power']);
    const hr = read.samples.get(root, 'heartRate', { from: T0 + 1000.5, to: T0 + 2000 })!;
    expect(Array.from(hr.t)).toEqual([T0 + 1000.5, T0 + 2000]);
    expect(hr.t).toBeInstanceOf(Float64Array);
    expect(read.samples.get(root, 'nothing')).toBeUndefined();
    expect(read.samples.get('no-root', 'heartRate')).toBeUndefined();
  });

  it('a snapshot with no samples reads back with NO_SAMPLES, and writes no samples table', () => {
    const { tracker } = { tracker: createTracker({ clock: createManualClock(T0) }) };
    tracker.startSpan({ key: 'a', label: 'A' });
    const json = serialize(tracker);
    expect(JSON.parse(json).samples).toBeUndefined();
    expect(deserialize(json).samples).toBe(NO_SAMPLES);
  });

  it('times that are not whole milliseconds are exact too', () => {
    const clock = createManualClock(0.1);
    const tracker = createTracker({ clock });
    tracker.startSpan({ key: 'a', label: 'A' });
    for (const dt of [0.2, 1e-9, 1234.5678, 0.30000000000000004]) {
      clock.advance(dt);
      tracker.recordMetric('a', 'reps', 1, 'reps');
    }
    tracker.endSpan('a');
    const live = tracker.getSnapshot();
    const read = deserialize(serialize(tracker));
    expect(read.spans).toStrictEqual(live.spans);
    expect(read.metrics).toStrictEqual(live.metrics);
  });

  it('a snapshot that could not be read back is refused by serialize with CORRUPT_DATA, not written', () => {
    const x = session02();
    const bent = { ...x, metrics: x.metrics.map((r, i) => (i === 0 ? { ...r, spanIds: [r.spanId] } : r)) };
    const error = thrown(() => serialize(bent));
    expect(error.code).toBe('CORRUPT_DATA');
    expect(error.details.path).toBe('$.metrics[0].spanIds');
    const orphan = { ...x, metrics: x.metrics.map((r, i) => (i === 0 ? { ...r, spanId: 'ghost' } : r)) };
    expect(thrown(() => serialize(orphan)).details.path).toBe('$.metrics[0].spanId');
  });

  it('a hostile snapshot (throwing getters, a broken samples view) is a TrackerError, never a crash', () => {
    const x = session02();
    const throwing = {
      ...x,
      get metrics(): MetricRecord[] {
        throw new Error('boom');
      },
    };
    expect(thrown(() => serialize(throwing as TrackerSnapshot)).code).toBe('CORRUPT_DATA');
    const badView = { ...x, samples: { roots: () => ['r'], keys: () => ['k'], get: () => ({ unit: 'u', t: [1, 2], v: [1] }) } };
    expect(thrown(() => serialize(badView as never)).code).toBe('CORRUPT_DATA');
  });
});

describe('format version 2: corrupt documents', () => {
  const doc = (): Doc => {
    const d = JSON.parse(serialize(session02())) as Doc;
    delete d.checksum;
    return d;
  };
  const cases: [string, (d: Doc) => void, string][] = [
    ['an unknown table', (d) => (d.extra = 1), '$.extra'],
    ['a string row out of range', (d) => (d.spans.label[0] = 999), '$.spans.label[0]'],
    ['a column of the wrong length', (d) => d.spans.status.pop(), '$.spans.status'],
    ['a parent listed after its child', (d) => (d.spans.parent[1] = 2), '$.spans.parent[1]'],
    ['a time that is not a number', (d) => (d.spans.startTime[1] = 'soon'), '$.spans.startTime[1]'],
    ['a span type outside the union', (d) => (d.strings[d.spans.type[0]] = 'yoga'), '$.spans[0].type'],
    ['segments ending after their span', (d) => (d.segments.endTime[0] = 10_000_000), '$.spans[0].segments[0].endTime'],
    ['a record of a span that does not exist', (d) => (d.metrics.span[0] = 99), '$.metrics.span[0]'],
    ['a display value naming a record of another key', (d) => (d.spans.metrics[1].reps = 1), '$.spans.metrics[1].reps'],
    ['a record naming a TimeSpan its span does not have', (d) => (d.metrics.timeSpan[0] = 7), '$.metrics[0].timeSpanId'],
    ['an invalid reps value', (d) => (d.metrics.value[0] = -5), '$.metrics[0].value'],
    ['a segment list naming no segment', (d) => (d.segmentLists[0] = [0, 77]), '$.metrics[0].segmentIds[0]'],
    ['samples out of time order', (d) => (d.samples[0][3][2] = -5000), '$.samples[0][3][2]'],
    ['samples of a span that is not a root', (d) => (d.samples[0][0] = d.spans.id[1]), '$.samples[0][0]'],
    ['a sample later than savedAt', (d) => (d.samples[1][3].push(10_000_000_000), d.samples[1][4].push(1)), '$.samples'],
    ['a negative zero where there is no 0', (d) => (d.negativeZeros = [['spans', 'id', 0]]), '$.negativeZeros[0]'],
  ];
  it.each(cases)('%s', (_name, edit, path) => {
    const d = doc();
    edit(d);
    const error = thrown(() => deserialize(JSON.stringify(d)));
    expect(error.code).toBe('CORRUPT_DATA');
    expect(error.details.path).toBe(path);
  });

  it('a checksum that does not match, or is not last as written, is CORRUPT_DATA at $.checksum', () => {
    const json = serialize(session02());
    const changed = json.replace('"Thrusters"', '"Thrusterz"');
    expect(thrown(() => deserialize(changed)).details.path).toBe('$.checksum');
    const reformatted = JSON.stringify(JSON.parse(json), null, 2);
    expect(thrown(() => deserialize(reformatted)).details.path).toBe('$.checksum');
    // without its checksum, an edited document reads
    const edited = JSON.parse(changed) as Doc;
    delete edited.checksum;
    expect(deserialize(JSON.stringify(edited)).spans[1]!.label).toBe('Thrusterz');
  });
});

describe('version 1 documents still read (migration to version 2)', () => {
  it('the fixture reads as it did: version 1 recorded, the same spans and records', () => {
    const snap = deserialize(fixture('amrap-v1.json'));
    expect(snap.version).toBe(1);
    expect(snap.spans.map((s) => s.id)).toEqual(['span-amrap', 'span-pullups', 'span-pushups']);
    expect(deserialize(serialize(snap)).spans).toStrictEqual(snap.spans);
  });

  it('every scenario written as version 1 reads back equal to what version 2 reads', () => {
    const x = session02();
    // version 1 had no samples, and JSON has no -0, endReason, cause or exerciseId: drop them
    const spans = x.spans.map(({ endReason: _r, ...s }) => ({
      ...s,
      segments: s.segments.map(({ cause: _c, closedByEnd: _e, ...g }) => g),
    }));
    const metrics = x.metrics.filter((r) => r.key !== 'power' && r.key !== 'zones').map(({ exerciseId: _x, ...r }) => r);
    spans[1]!.metrics = { ...spans[1]!.metrics, custom: {} };
    const v1 = JSON.stringify(toDocument(spans as ExecutionSpan[], metrics, x.savedAt!));
    const read = deserialize(v1);
    expect(read.version).toBe(1);
    expect(read.metrics).toStrictEqual(metrics);
    // the closedByEnd rule of version 1 restores the field where the span's end closed the segment
    const root = read.spans[0]!;
    expect(root.segments.filter((g) => g.closedByEnd).map((g) => g.type)).toEqual(['round']);
  });

  it('closedByEnd for version 1: ends at its span’s end and no segment of its type starts then (and nothing else)', () => {
    const d = JSON.parse(fixture('amrap-v1.json')) as Doc;
    const amrap = d.spans[0];
    amrap.status = 'completed';
    amrap.endTime = at(60);
    amrap.segments[0].endTime = at(60);
    // a second round opened and closed at the end: the first was closed by it, not by the span's end
    amrap.segments.push({
      id: 'span-amrap.s2',
      parentSpanId: 'span-amrap',
      startTime: at(30),
      endTime: at(60),
      type: 'minute',
      label: 'M',
      metrics: {},
    });
    amrap.segments.push({
      id: 'span-amrap.s1',
      parentSpanId: 'span-amrap',
      startTime: at(60),
      endTime: at(60),
      type: 'round',
      label: 'Round 2',
      index: 1,
      metrics: {},
    });
    amrap.timeSpans[0].stop = at(60);
    for (const s of d.spans.slice(1)) {
      if (s.status === 'active') {
        s.status = 'completed';
        s.endTime = at(60);
        s.timeSpans[0].stop = at(60);
      }
    }
    const read = deserialize(JSON.stringify(d)).spans[0]!;
    expect(read.segments.map((g) => [g.label, g.closedByEnd ?? false])).toEqual([
      ['Round 1', false],
      ['M', true],
      ['Round 2', true],
    ]);
  });
});
