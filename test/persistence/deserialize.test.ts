import { describe, expect, it } from 'vitest';
import { ExecutionTracker, createManualClock, TrackerError } from 'workout-spans';
import { deserialize, serialize, FORMAT_VERSION } from 'workout-spans/persistence';
import { deserializeWith } from '../../src/persistence/deserialize';
import { migrate, MIGRATIONS } from '../../src/persistence/migrations';
import { at, deeplyFrozen, fixture, playFixtureSession, thrown } from './support';

const FIXTURE = fixture('amrap-v1.json');
type Doc = { [k: string]: any };
const parsed = (): Doc => JSON.parse(FIXTURE) as Doc;
const corrupted = (edit: (doc: Doc) => void): string => {
  const doc = parsed();
  edit(doc);
  return JSON.stringify(doc);
};

describe('deserialize: the hand-written version-1 fixture', () => {
  it('reads into a deeply frozen snapshot with savedAt, version, active and completed', () => {
    const snap = deserialize(FIXTURE);
    expect(snap.version).toBe(1);
    expect(snap.savedAt).toBe(at(60));
    expect(snap.spans.map((s) => s.id)).toEqual(['span-amrap', 'span-pullups', 'span-pushups']);
    expect(snap.active.map((s) => s.id)).toEqual(['span-amrap', 'span-pushups']);
    expect(snap.completed.map((s) => s.id)).toEqual(['span-pullups']);
    expect(snap.metrics).toHaveLength(4);
    expect(snap.metrics[3]!.source).toBe('strap');
    expect(snap.spans[0]!.metrics.custom.heartRate).toEqual({ value: 142, unit: 'bpm', recorded: at(40), source: 'strap' });
    expect(deeplyFrozen(snap)).toBe(true);
  });

  it('is exactly what a live tracker saves for the same session (ids aside)', () => {
    const { tracker, ids } = playFixtureSession();
    let live = serialize(tracker);
    for (const [liveId, fixtureId] of Object.entries(ids)) live = live.split(liveId).join(fixtureId);
    // the same document but for its checksum (the ids were replaced in the text)
    const { checksum: _a, ...fromFixture } = JSON.parse(serialize(deserialize(FIXTURE))) as Doc;
    const { checksum: _b, ...fromLive } = JSON.parse(live) as Doc;
    expect(fromFixture).toStrictEqual(fromLive);
  });

  it('restores and carries on: the 2-minute gap is an Interrupted pause', () => {
    const clock = createManualClock(at(180));
    const tracker = ExecutionTracker.restore(deserialize(FIXTURE), { clock, strict: true });
    expect(tracker.context.getActiveSpans().map((s) => s.id)).toEqual(['span-amrap', 'span-pushups']);
    expect(tracker.totals('span-amrap')).toMatchObject({ totalMs: 180_000, pausedMs: 120_000, elapsedMs: 60_000 });
    clock.set(at(200));
    const record = tracker.recordMetric('amrap-5-pushups', 'reps', 10, 'reps')!;
    expect(record.id).toBe('span-pushups.m1');
    expect(record.context.totalElapsedMs).toBe(80_000);
    expect(record.context.parentTimer).toEqual({ blockId: 'amrap-5', elapsedMs: 80_000, remainingMs: 220_000, direction: 'down' });
    expect(record.segmentIds).toEqual(['span-amrap.s0']);
    tracker.endSpan('amrap-5');
    expect(deserialize(serialize(tracker)).completed).toHaveLength(3);
  });
});

describe('deserialize: bad input is CORRUPT_DATA with the path of the first bad field', () => {
  const cases: [string, string | (() => string), string][] = [
    ['truncated JSON', '{', '$'],
    ['an array', '[]', '$'],
    ['another format', corrupted((d) => (d.format = 'other')), '$.format'],
    ['a version that is not an integer', corrupted((d) => (d.version = '1')), '$.version'],
    ['a fractional version', corrupted((d) => (d.version = 1.5)), '$.version'],
    ['no savedAt', corrupted((d) => delete d.savedAt), '$.savedAt'],
    ['savedAt before what it holds', corrupted((d) => (d.savedAt = at(35))), '$.spans[0].metrics.custom.heartRate.recorded'],
    ['an unknown field', corrupted((d) => (d.spans[0].colour = 'red')), '$.spans[0].colour'],
    ['a span type outside the union', corrupted((d) => (d.spans[0].type = 'yoga')), '$.spans[0].type'],
    ['a status outside the union', corrupted((d) => (d.spans[2].status = 'running')), '$.spans[2].status'],
    ['a duplicate id', corrupted((d) => (d.spans[2].id = 'span-pullups')), '$.spans[2].id'],
    ['a parent that is not listed', corrupted((d) => (d.spans[1].parentSpanId = 'ghost')), '$.spans[1].parentSpanId'],
    ['a parent listed after its child', corrupted((d) => d.spans.reverse()), '$.spans[0].parentSpanId'],
    ['a completed span without endTime', corrupted((d) => delete d.spans[1].endTime), '$.spans[1].endTime'],
    ['an active span with endTime', corrupted((d) => (d.spans[2].endTime = at(50))), '$.spans[2].endTime'],
    ['endTime before startTime', corrupted((d) => (d.spans[1].endTime = at(-1))), '$.spans[1].endTime'],
    ['a number too large for a double', () => FIXTURE.replace('"startTime": 1700000030000', '"startTime": 1e999'), '$.spans[2].startTime'],
    ['paused without a pause segment', corrupted((d) => (d.spans[0].paused = true)), '$.spans[0].paused'],
    [
      'a segment owned by another span',
      corrupted((d) => (d.spans[0].segments[0].parentSpanId = 'span-pullups')),
      '$.spans[0].segments[0].parentSpanId',
    ],
    ['a segment ending before it starts', corrupted((d) => (d.spans[0].segments[0].endTime = at(-1))), '$.spans[0].segments[0].endTime'],
    [
      'segments out of start order',
      corrupted((d) => {
        d.spans[0].segments[0].startTime = at(10);
        d.spans[0].segments.push({
          id: 'span-amrap.s1',
          parentSpanId: 'span-amrap',
          startTime: at(5),
          endTime: at(6),
          type: 'minute',
          label: 'M',
          metrics: {},
        });
      }),
      '$.spans[0].segments[1].startTime',
    ],
    ['a segment type outside the union', corrupted((d) => (d.spans[0].segments[0].type = 'nap')), '$.spans[0].segments[0].type'],
    ['a TimeSpan of another block', corrupted((d) => (d.spans[1].timeSpans[0].blockId = 'amrap-5')), '$.spans[1].timeSpans[0].blockId'],
    ['a running span with no open TimeSpan', corrupted((d) => (d.spans[2].timeSpans[0].stop = at(50))), '$.spans[2].timeSpans'],
    ['two active spans of one block', corrupted((d) => (d.spans[2].blockId = 'amrap-5')), '$.spans[2].blockId'],
    ['a record of an unknown span', corrupted((d) => (d.metrics[0].spanId = 'ghost')), '$.metrics[0].spanId'],
    ['spanIds that are not the ancestry', corrupted((d) => (d.metrics[1].spanIds = ['span-pullups'])), '$.metrics[1].spanIds'],
    ['spanIds leaf first', corrupted((d) => d.metrics[1].spanIds.reverse()), '$.metrics[1].spanIds[0]'],
    ['an unknown segment id', corrupted((d) => (d.metrics[0].segmentIds = ['span-amrap.s0', 'x'])), '$.metrics[0].segmentIds[1]'],
    ['a TimeSpan of another span', corrupted((d) => (d.metrics[0].timeSpanId = 'span-amrap.t0')), '$.metrics[0].timeSpanId'],
    ['a phase that is not its TimeSpan’s', corrupted((d) => (d.metrics[0].phase = 'rest')), '$.metrics[0].phase'],
    ['an invalid reps value', corrupted((d) => (d.metrics[1].value = -5)), '$.metrics[1].value'],
    ['an empty unit for reps', corrupted((d) => (d.metrics[1].unit = '')), '$.metrics[1].unit'],
    ['a context of another span type', corrupted((d) => (d.metrics[0].context.spanType = 'timer')), '$.metrics[0].context.spanType'],
    [
      'a parentTimer of no ancestor',
      corrupted((d) => (d.metrics[0].context.parentTimer.blockId = 'amrap-5-pullups')),
      '$.metrics[0].context.parentTimer.blockId',
    ],
    [
      'an odd custom key',
      corrupted((d) => (d.spans[0].metrics.custom['heart rate'] = { value: 1, unit: 'x' })),
      '$.spans[0].metrics.custom["heart rate"].recorded',
    ],
  ];
  it.each(cases)('%s', (_name, input, path) => {
    const json = typeof input === 'function' ? input() : input;
    const error = thrown(() => deserialize(json));
    expect(error.code).toBe('CORRUPT_DATA');
    expect(error.details.path).toBe(path);
  });

  it('a value that is not a string is CORRUPT_DATA too', () => {
    expect(thrown(() => deserialize(42 as unknown as string)).details.path).toBe('$');
    expect(thrown(() => deserialize(null as unknown as string)).code).toBe('CORRUPT_DATA');
  });

  it('absurd nesting is refused, not a stack overflow', () => {
    const deep = '['.repeat(50_000) + ']'.repeat(50_000);
    const json = FIXTURE.replace('"value": 142,', `"value": ${deep},`);
    const error = thrown(() => deserialize(json));
    expect(error.code).toBe('CORRUPT_DATA');
  });

  it('keeps a custom key named __proto__ as an own key, without touching prototypes', () => {
    const json = FIXTURE.replace(
      '"custom": {}',
      '"custom": { "__proto__": { "value": { "polluted": true }, "unit": "", "recorded": 1700000030000 } }',
    );
    const span = deserialize(json).spans[1]!;
    expect(Object.keys(span.metrics.custom)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(span.metrics.custom)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(serialize(deserialize(json))).toContain('"__proto__"');
  });
});

describe('deserialize: versions and migrations', () => {
  it('a later version is UNSUPPORTED_VERSION, as is version 0', () => {
    for (const version of [FORMAT_VERSION + 1, 99, 0, -1]) {
      const error = thrown(() => deserialize(corrupted((d) => (d.version = version))));
      expect(error.code).toBe('UNSUPPORTED_VERSION');
      expect(error.details.version).toBe(version);
    }
  });

  it('a later build reads version 1 through its migration table, step by step', () => {
    const steps: string[] = [];
    const table = {
      1: (doc: Doc) => {
        steps.push(`1→2 from v${doc.version}`);
        return MIGRATIONS[1]!(doc);
      },
      2: (doc: Doc) => {
        steps.push(`2→3 from v${doc.version}`);
        // a made-up version 3: labels in capitals
        return { ...doc, strings: doc.strings.map((s: string) => (s === 'Pull-ups' || s === 'Push-ups' ? s.toUpperCase() : s)) };
      },
    };
    const snap = deserializeWith(FIXTURE, table, 3);
    expect(steps).toEqual(['1→2 from v1', '2→3 from v2']);
    expect(snap.version).toBe(1);
    expect(snap.spans.map((s) => s.label)).toEqual(['AMRAP 5', 'PULL-UPS', 'PUSH-UPS']);
    // the current version needs no step
    const v3 = JSON.parse(serialize(deserialize(FIXTURE))) as Doc;
    v3.version = 3;
    delete v3.checksum;
    expect(deserializeWith(JSON.stringify(v3), table, 3).version).toBe(3);
  });

  it('a missing step is UNSUPPORTED_VERSION; a step that throws is CORRUPT_DATA', () => {
    expect(thrown(() => deserializeWith(FIXTURE, { 2: (d: Doc) => d }, 3)).code).toBe('UNSUPPORTED_VERSION');
    const error = thrown(() =>
      deserializeWith(
        FIXTURE,
        {
          1: () => {
            throw new Error('boom');
          },
        },
        2,
      ),
    );
    expect(error.code).toBe('CORRUPT_DATA');
    expect(error.details.path).toBe('$');
    expect(thrown(() => migrate({}, 1, 2, { 1: () => null as never })).code).toBe('CORRUPT_DATA');
  });

  it('a migrated document is validated like any other', () => {
    const error = thrown(() => deserializeWith(FIXTURE, { 1: (d: Doc) => ({ ...MIGRATIONS[1]!(d), spans: 'nope' }) }, 2));
    expect(error).toBeInstanceOf(TrackerError);
    expect(error.details.path).toBe('$.spans');
  });
});
