/**
 * Random operation sequences over every tracker call, for the model-based tests: the operations
 * (as data, so fast-check can print and shrink them), their generators, and a runner that predicts
 * the outcome of each call from the state before it, runs it, and checks the result and every
 * invariant after it.
 */
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import {
  createManualClock,
  createTracker,
  ExecutionTracker,
  TrackerError,
  type ExecutionSpan,
  type ManualClock,
  type MetricRecord,
  type TrackerOptions,
  type TrackerSnapshot,
} from 'workout-spans';
import { deserialize, serialize } from 'workout-spans/persistence';
import { LIFECYCLE_EVENTS, T0 } from '../helpers';
import { check, checkInvariants, sameKeysJson } from './invariants';

const KEYS = ['a', 'b', 'c', 'd', 'e', 'f'] as const;

// ------------------------------------------------------------------ operations as data

export type BlockSpec =
  | { kind: 'valid'; key: string; blockType?: string; timer?: { direction: 'up' | 'down'; durationMs?: number } }
  | {
      kind: 'invalid';
      why: 'empty-key' | 'label-number' | 'bad-direction' | 'negative-duration' | 'null' | 'blocktype-number' | 'object-key';
    };
export type ParentSpec = { kind: 'omit' } | { kind: 'null' } | { kind: 'pick'; n: number } | { kind: 'unknown' };
export type TargetSpec = { kind: 'default' } | { kind: 'pick'; n: number } | { kind: 'unknown' };
export type MetricSpec = { key: string; value: unknown; unit: string; valid: boolean; source?: string };
export type SegmentPick = { kind: 'last' } | { kind: 'pick'; n: number } | { kind: 'unknown' };

export type Op =
  | { op: 'start'; block: BlockSpec; parent: ParentSpec }
  | { op: 'end'; key: string; status?: string }
  | { op: 'record'; key: string; metric: MetricSpec }
  | { op: 'startSegment'; key: string; type: string; label: unknown; index?: number }
  | { op: 'endSegment'; key: string; which: SegmentPick }
  | { op: 'startRest'; key: string; durationMs?: number; label?: string }
  | { op: 'endRest'; key: string }
  | { op: 'pause'; target: TargetSpec }
  | { op: 'resume'; target: TargetSpec }
  | { op: 'trace'; block: BlockSpec; parent: ParentSpec; inner: Op[]; throws: boolean }
  | { op: 'batch'; inner: Op[]; throws: boolean }
  | { op: 'clock'; how: 'advance' | 'back' | 'set-same' | 'jump-hours'; ms: number };

export interface Config {
  strict: boolean;
  policy: { rest: 'reject' | 'allow'; paused: 'reject' | 'allow' };
  maxCompletedSpans?: number;
}

// ------------------------------------------------------------------ generators

/** A block key: mostly one of the active spans' (`@n`: the n-th active span, resolved when run), else any. */
const keyArb = fc.oneof(
  { weight: 8, arbitrary: fc.nat(6).map((n) => `@${n}`) },
  { weight: 4, arbitrary: fc.constantFrom(...KEYS) },
  { weight: 1, arbitrary: fc.constant('zz') },
);

const validBlockArb: fc.Arbitrary<BlockSpec> = fc.record(
  {
    kind: fc.constant('valid' as const),
    key: fc.constantFrom(...KEYS),
    blockType: fc.constantFrom('timer', 'TimerBlock', 'rounds', 'EFFORT', 'interval', 'emom', 'AMRAP', 'group', 'AmrapBlock', 'Weird'),
    timer: fc.record(
      { direction: fc.constantFrom('up' as const, 'down' as const), durationMs: fc.integer({ min: 0, max: 600_000 }) },
      { requiredKeys: ['direction'] },
    ),
  },
  { requiredKeys: ['kind', 'key'] },
);

export const blockArb: fc.Arbitrary<BlockSpec> = fc.oneof(
  { weight: 10, arbitrary: validBlockArb },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('invalid' as const),
      why: fc.constantFrom(
        'empty-key' as const,
        'label-number' as const,
        'bad-direction' as const,
        'negative-duration' as const,
        'null' as const,
        'blocktype-number' as const,
        'object-key' as const,
      ),
    }),
  },
);

const parentArb: fc.Arbitrary<ParentSpec> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: 'omit' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'null' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('pick' as const), n: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'unknown' as const }) },
);

const targetArb: fc.Arbitrary<TargetSpec> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'default' as const }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('pick' as const), n: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'unknown' as const }) },
);

const m = (key: string, value: unknown, unit: string, valid: boolean): MetricSpec => ({ key, value, unit, valid });

export const metricArb: fc.Arbitrary<MetricSpec> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 50 }).map((v) => m('reps', v, 'reps', true)) },
  { weight: 2, arbitrary: fc.integer({ min: 60, max: 200 }).map((v) => m('heartRate', v, 'bpm', true)) },
  { weight: 1, arbitrary: fc.double({ min: 0, max: 300, noNaN: true }).map((v) => m('weight', v, 'kg', true)) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 10 }).map((v) => m('currentRound', v, 'round', true)) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 100_000 }).map((v) => ({ ...m('duration', v, 'ms', true), source: 'watch' })) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      m('repScheme', [21, 15, 9], 'reps', true),
      m('exerciseId', 'thruster', '', true),
      m('distance', 400, 'm', true),
      m('zones', { z1: 3, z2: [1, 2] }, '', true),
      m('note', 'felt good', '', true),
      m('targetReps', 21, 'reps', true),
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      m('reps', -1, 'reps', false),
      m('reps', Number.NaN, 'reps', false),
      m('reps', 5, '', false),
      m('currentRound', 0, 'round', false),
      m('currentRound', 1.5, 'round', false),
      m('repScheme', [], 'reps', false),
      m('exerciseId', '', '', false),
      m('heartRate', Number.POSITIVE_INFINITY, 'bpm', false),
      m('note', undefined, '', false),
      m('', 1, 'x', false),
      m('weight', '10', 'kg', false),
    ),
  },
);

const segmentTypeArb = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('work', 'round', 'minute', 'transition', 'rest') },
  { weight: 1, arbitrary: fc.constantFrom('pause', 'lap') },
);

const clockArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('clock' as const),
      how: fc.constant('advance' as const),
      ms: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 120_000 })),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('clock' as const),
      how: fc.constant('back' as const),
      ms: fc.integer({ min: 1, max: 300_000 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('clock' as const), how: fc.constant('set-same' as const), ms: fc.constant(0) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('clock' as const),
      how: fc.constant('jump-hours' as const),
      ms: fc.integer({ min: 1, max: 12 }),
    }),
  },
);

function leafArbs(): fc.WeightedArbitrary<Op>[] {
  return [
    { weight: 6, arbitrary: fc.record({ op: fc.constant('start' as const), block: blockArb, parent: parentArb }) },
    {
      weight: 3,
      arbitrary: fc.record(
        { op: fc.constant('end' as const), key: keyArb, status: fc.constantFrom('completed', 'failed', 'skipped', 'active', 'done') },
        { requiredKeys: ['op', 'key'] },
      ),
    },
    { weight: 8, arbitrary: fc.record({ op: fc.constant('record' as const), key: keyArb, metric: metricArb }) },
    {
      weight: 4,
      arbitrary: fc.record(
        {
          op: fc.constant('startSegment' as const),
          key: keyArb,
          type: segmentTypeArb,
          label: fc.oneof(
            { weight: 12, arbitrary: fc.constantFrom('Round', 'Minute', 'Work', 'Rest') },
            { weight: 1, arbitrary: fc.constant(7) },
          ),
          index: fc.oneof({ weight: 8, arbitrary: fc.nat(5) }, { weight: 1, arbitrary: fc.constantFrom(-1, 0.5) }),
        },
        { requiredKeys: ['op', 'key', 'type', 'label'] },
      ),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        op: fc.constant('endSegment' as const),
        key: keyArb,
        which: fc.oneof(
          { weight: 3, arbitrary: fc.constant({ kind: 'last' as const }) },
          { weight: 3, arbitrary: fc.record({ kind: fc.constant('pick' as const), n: fc.nat(12) }) },
          { weight: 1, arbitrary: fc.constant({ kind: 'unknown' as const }) },
        ),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record(
        {
          op: fc.constant('startRest' as const),
          key: keyArb,
          durationMs: fc.oneof(
            { weight: 6, arbitrary: fc.integer({ min: 0, max: 120_000 }) },
            { weight: 1, arbitrary: fc.constantFrom(-1, Number.NaN, Number.POSITIVE_INFINITY) },
          ),
          label: fc.constantFrom('Rest', 'Breather'),
        },
        { requiredKeys: ['op', 'key'] },
      ),
    },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('endRest' as const), key: keyArb }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('pause' as const), target: targetArb }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('resume' as const), target: targetArb }) },
    { weight: 8, arbitrary: clockArb },
  ];
}

/** One operation; `depth` > 0 allows trace and batch around inner sequences. */
export function opArb(depth: number): fc.Arbitrary<Op> {
  const leaves = leafArbs();
  if (depth <= 0) return fc.oneof(...leaves);
  const inner = fc.array(opArb(depth - 1), { maxLength: 8, size: 'max' });
  return fc.oneof(
    ...leaves,
    {
      weight: 1,
      arbitrary: fc.record({ op: fc.constant('trace' as const), block: blockArb, parent: parentArb, inner, throws: fc.boolean() }),
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('batch' as const), inner, throws: fc.boolean() }) },
  );
}

export const configArb: fc.Arbitrary<Config> = fc.record(
  {
    strict: fc.boolean(),
    policy: fc.record({
      rest: fc.constantFrom('reject' as const, 'allow' as const),
      paused: fc.constantFrom('reject' as const, 'allow' as const),
    }),
    maxCompletedSpans: fc.constantFrom(0, 1, 3),
  },
  { requiredKeys: ['strict', 'policy'] },
);

// ------------------------------------------------------------------ the world a run acts on

export interface World {
  config: Config;
  tracker: ExecutionTracker;
  clock: ManualClock;
  /** What onError received. */
  errors: TrackerError[];
  /** `error` events. */
  errorEvents: TrackerError[];
  events: string[];
  subscriberCalls: number;
  memoryChanges: number;
  processorCalls: number;
  /** Notifications heard, by event name and processor hook (`proc:onStart`, ...). */
  heard: Map<string, number>;
  /** Spans and records a restored world started with (they were announced before). */
  base: { spans: number; ended: number; records: number };
  /** Every span id ever started, in order (ops pick among them). */
  started: string[];
  archived: Map<string, ExecutionSpan>;
  archivedRecords: Set<string>;
  /** Every record returned so far: it must stay as it is (or be archived). */
  seenRecords: Map<string, MetricRecord>;
  /** Ended spans as first seen: an ended span never changes again. */
  ended: Map<string, { span: ExecutionSpan; json: string }>;
  batchDepth: number;
  steps: number;
  /** Called after every step (e.g. the serialize round trip). */
  extraCheck?: (w: World) => void;
}

/** A world over a new tracker, or over `ExecutionTracker.restore(from)` with the clock at `at`. */
export function makeWorld(config: Config, extraCheck?: (w: World) => void, restore?: { from: TrackerSnapshot; at: number }): World {
  const clock = createManualClock(restore?.at ?? T0);
  const w: World = {
    config,
    clock,
    errors: [],
    errorEvents: [],
    events: [],
    subscriberCalls: 0,
    memoryChanges: 0,
    processorCalls: 0,
    heard: new Map(),
    base: { spans: 0, ended: 0, records: 0 },
    started: [],
    archived: new Map(),
    archivedRecords: new Set(),
    seenRecords: new Map(),
    ended: new Map(),
    batchDepth: 0,
    steps: 0,
    tracker: undefined as unknown as ExecutionTracker,
  };
  if (extraCheck !== undefined) w.extraCheck = extraCheck;
  const options: TrackerOptions = {
    clock,
    strict: config.strict,
    policy: config.policy,
    onError: (e) => w.errors.push(e),
    onArchive: (spans, records) => {
      for (const s of spans) w.archived.set(s.id, s);
      for (const r of records) w.archivedRecords.add(r.id);
    },
  };
  if (config.maxCompletedSpans !== undefined) options.maxCompletedSpans = config.maxCompletedSpans;
  w.tracker = restore === undefined ? createTracker(options) : ExecutionTracker.restore(restore.from, options);
  const t = w.tracker;
  const hear = (what: string): void => {
    w.processorCalls++;
    w.heard.set(what, (w.heard.get(what) ?? 0) + 1);
  };
  if (restore !== undefined) {
    const snap = t.getSnapshot();
    w.base = { spans: snap.spans.length, ended: snap.completed.length, records: snap.metrics.length };
    w.started.push(...snap.spans.map((s) => s.id));
    for (const r of snap.metrics) w.seenRecords.set(r.id, r);
  }
  t.on('error', (e) => w.errorEvents.push(e));
  for (const name of LIFECYCLE_EVENTS) {
    t.on(name, () => {
      w.events.push(name);
      w.heard.set(name, (w.heard.get(name) ?? 0) + 1);
    });
  }
  t.subscribe(() => w.subscriberCalls++);
  t.memory.subscribe(() => w.memoryChanges++);
  t.addProcessor({
    onStart: () => hear('proc:onStart'),
    onEnd: () => hear('proc:onEnd'),
    onMetric: () => hear('proc:onMetric'),
    onSegment: () => hear('proc:onSegment'),
  });
  return w;
}

// ------------------------------------------------------------------ outcome prediction

const TYPE_OF: Record<string, string> = {
  timer: 'timer',
  timerblock: 'timer',
  rounds: 'rounds',
  roundsblock: 'rounds',
  effort: 'effort',
  effortblock: 'effort',
  interval: 'interval',
  intervalblock: 'interval',
  emom: 'emom',
  amrap: 'amrap',
  group: 'group',
};

function makeBlock(spec: BlockSpec, label = 'Block'): unknown {
  if (spec.kind === 'valid') {
    const b: Record<string, unknown> = { key: spec.key, label: `${label} ${spec.key}` };
    if (spec.blockType !== undefined) b.blockType = spec.blockType;
    if (spec.timer !== undefined) b.timer = spec.timer;
    return b;
  }
  switch (spec.why) {
    case 'empty-key':
      return { key: '', label: 'x' };
    case 'label-number':
      return { key: 'a', label: 7 };
    case 'bad-direction':
      return { key: 'a', label: 'x', timer: { direction: 'sideways' } };
    case 'negative-duration':
      return { key: 'a', label: 'x', timer: { direction: 'down', durationMs: -5 } };
    case 'null':
      return null;
    case 'blocktype-number':
      return { key: 'a', label: 'x', blockType: 5 };
    case 'object-key':
      return { key: {}, label: 'x' };
  }
}

interface Pre {
  snap: TrackerSnapshot;
  byId: Map<string, ExecutionSpan>;
  activeByKey: Map<string, ExecutionSpan>;
  currentId: string | null;
}

function pre(w: World): Pre {
  const snap = w.tracker.getSnapshot();
  const byId = new Map(snap.spans.map((s) => [s.id, s]));
  const activeByKey = new Map(snap.active.map((s) => [s.blockId, s]));
  return { snap, byId, activeByKey, currentId: w.tracker.context.getCurrentSpanId() };
}

const isOpen = (s: ExecutionSpan, type: string): boolean => s.segments.some((g) => g.type === type && g.endTime === undefined);

function ancestry(p: Pre, s: ExecutionSpan): ExecutionSpan[] {
  const out: ExecutionSpan[] = [];
  for (let x: ExecutionSpan | undefined = s; x !== undefined; x = x.parentSpanId === null ? undefined : p.byId.get(x.parentSpanId))
    out.push(x);
  return out;
}

/** Rest while it, an ancestor, or an active descendant has a rest period of its own open (not a sibling). */
function inRest(p: Pre, s: ExecutionSpan): boolean {
  if (ancestry(p, s).some((x) => isOpen(x, 'rest'))) return true;
  return p.snap.active.some((d) => d !== s && isOpen(d, 'rest') && ancestry(p, d).includes(s));
}

/** The rest and pause policies apply to work done only. */
const isWork = (key: string): boolean => key === 'reps' || key === 'weight' || key === 'distance';

function pickId(w: World, n: number): string | undefined {
  return w.started.length === 0 ? undefined : w.started[n % w.started.length];
}

function parentIdArg(w: World, spec: ParentSpec): string | null | undefined {
  switch (spec.kind) {
    case 'omit':
      return undefined;
    case 'null':
      return null;
    case 'unknown':
      return 'no-such-span';
    case 'pick':
      return pickId(w, spec.n) ?? 'no-span-yet';
  }
}

function targetArg(w: World, spec: TargetSpec): string | undefined {
  if (spec.kind === 'default') return undefined;
  if (spec.kind === 'unknown') return 'no-such-span';
  return pickId(w, spec.n) ?? 'no-span-yet';
}

/** Codes a call may be refused with ([] = it must succeed); 'policy' = a rejection by policy. */
type Expect = { codes: string[]; policy?: boolean };

function expectStart(p: Pre, block: BlockSpec, parentId: string | null | undefined): Expect {
  const codes: string[] = [];
  if (block.kind === 'invalid') codes.push('INVALID_BLOCK');
  else if (p.activeByKey.has(block.key)) codes.push('SPAN_ALREADY_ACTIVE');
  if (typeof parentId === 'string' && p.byId.get(parentId)?.status !== 'active') codes.push('PARENT_NOT_ACTIVE');
  return { codes };
}

function expectedParentOf(p: Pre, parentId: string | null | undefined): string | null {
  if (parentId === undefined) return p.currentId;
  return parentId;
}

// ------------------------------------------------------------------ the runner

interface Outcome {
  refused: boolean;
  code?: string;
  result?: unknown;
  thrown?: unknown;
}

/** Calls `fn`, classifying it as done or refused (thrown TrackerError, or onError in lenient mode). */
function attempt(w: World, fn: () => unknown): Outcome {
  const errorsBefore = w.errors.length;
  let result: unknown;
  let thrown: unknown;
  let threw = false;
  try {
    result = fn();
  } catch (e) {
    thrown = e;
    threw = true;
  }
  const newErrors = w.errors.slice(errorsBefore).filter((e) => e.code !== 'HANDLER_FAILED');
  if (threw) {
    check(thrown instanceof TrackerError, () => `only TrackerErrors are thrown, got ${String(thrown)} ${(thrown as Error)?.stack ?? ''}`);
    check(w.config.strict, () => `a lenient tracker never throws, got ${(thrown as TrackerError).code}: ${(thrown as Error).message}`);
    check(newErrors.length === 0, 'a strict refusal is thrown, not reported to onError');
    return { refused: true, code: thrown.code, thrown };
  }
  if (newErrors.length > 0) {
    check(!w.config.strict, () => `a strict tracker throws refusals instead of reporting them (${newErrors[0]!.code})`);
    check(newErrors.length === 1, () => `one refusal reports one error, got ${newErrors.map((e) => e.code)}`);
    check(result === undefined, 'a refused call returns undefined');
    return { refused: true, code: newErrors[0]!.code, result };
  }
  return { refused: false, result };
}

function describeExpect(e: Expect): string {
  return e.codes.length === 0 ? (e.policy ? 'a policy rejection' : 'success') : `one of ${e.codes.join(', ')}`;
}

/**
 * Runs one leaf call: predicts, calls, checks the outcome, that a refused call changed nothing, and
 * that a call that did something notified once (outside a batch).
 */
function leaf(w: World, label: string, expectation: Expect, call: () => unknown, after: (o: Outcome, p: Pre) => void, p: Pre): void {
  const before = p.snap;
  // Read before the call only when a refusal is expected (an unexpected one fails anyway).
  const json = expectation.codes.length > 0 || expectation.policy ? JSON.stringify(before) : undefined;
  const counts = {
    sub: w.subscriberCalls,
    mem: w.memoryChanges,
    proc: w.processorCalls,
    events: w.events.length,
    errEvents: w.errorEvents.length,
  };
  const o = attempt(w, call);
  const must = expectation.codes.length > 0;
  if (must) {
    check(
      o.refused && expectation.codes.includes(o.code!),
      () => `${label}: expected ${describeExpect(expectation)}, got ${o.refused ? o.code : 'success'}`,
    );
  } else if (expectation.policy) {
    check(
      !o.refused && o.result === undefined,
      () => `${label}: expected a policy rejection (undefined, no error), got ${o.refused ? o.code : JSON.stringify(o.result)}`,
    );
  } else {
    check(!o.refused, () => `${label}: expected success, got ${o.code}: ${(o.thrown as Error | undefined)?.message ?? ''}`);
  }
  if (o.refused || expectation.policy) {
    // A refused call changes nothing: same snapshot object, same content, nobody told of a change.
    const now = w.tracker.getSnapshot();
    check(now === before, () => `${label}: a refused call keeps the snapshot object`);
    check(JSON.stringify(now) === json, () => `${label}: a refused call changes nothing`);
    check(
      w.subscriberCalls === counts.sub && w.memoryChanges === counts.mem && w.processorCalls === counts.proc,
      () => `${label}: a refused call notifies no subscriber, memory listener or processor`,
    );
    const evs = w.events.slice(counts.events);
    check(
      evs.every((e) => e === 'metric:rejected'),
      () => `${label}: a refused call emits no lifecycle event (${evs})`,
    );
    if (o.refused && !w.config.strict)
      check(w.errorEvents.length === counts.errEvents + 1, () => `${label}: a lenient refusal emits one error event`);
    if (label.startsWith('record')) check(evs.length === 1, () => `${label}: a rejected metric emits metric:rejected once`);
  } else {
    const now = w.tracker.getSnapshot();
    check(
      now !== before && now.version > before.version,
      () => `${label}: a call that changed state gives a new snapshot with a higher version`,
    );
    check(
      w.subscriberCalls - counts.sub === (w.batchDepth > 0 ? 0 : 1),
      () => `${label}: subscribers hear once per change (${w.subscriberCalls - counts.sub}), none inside a batch`,
    );
    check(
      w.batchDepth > 0 || w.processorCalls > counts.proc || !label.startsWith('start('),
      () => `${label}: processors hear of a new span`,
    );
    after(o, p);
  }
}

export function runOps(w: World, ops: readonly Op[]): void {
  for (const op of ops) runOp(w, op);
}

export function afterStep(w: World): void {
  w.steps++;
  const snap = checkInvariants(w.tracker, {
    policy: w.config.policy,
    ...(w.config.maxCompletedSpans !== undefined ? { maxCompletedSpans: w.config.maxCompletedSpans } : {}),
    archivedSpanIds: new Set(w.archived.keys()),
  });
  // Nothing is lost: every span ever started is held or archived; records likewise, unchanged.
  const held = new Set(snap.spans.map((s) => s.id));
  for (const id of w.started) check(held.has(id) || w.archived.has(id), () => `span ${id} is held or archived, never lost`);
  const heldRecords = new Map(snap.metrics.map((r) => [r.id, r]));
  for (const [id, r] of w.seenRecords) {
    const now = heldRecords.get(id);
    check(
      now === r || (now === undefined && w.archivedRecords.has(id)),
      () => `record ${id} is never rewritten, and only archived with its span`,
    );
  }
  for (const s of snap.spans) {
    if (s.status === 'active') continue;
    const was = w.ended.get(s.id);
    if (was === undefined) w.ended.set(s.id, { span: s, json: JSON.stringify(s) });
    else if (was.span !== s) check(JSON.stringify(s) === was.json, () => `ended span ${s.label} (${s.id}) never changes again`);
  }
  for (const s of w.archived.values()) check(s.status !== 'active', () => `archived span ${s.id} had ended`);
  checkRoundTrip(w.tracker, snap);
  // Every change is heard exactly once: by event handlers at once, by processors after the batch.
  const n = (name: string): number => w.heard.get(name) ?? 0;
  const ended = snap.completed.length + w.archived.size - w.base.ended;
  const records = snap.metrics.length + w.archivedRecords.size - w.base.records;
  check(
    n('span:started') === w.started.length - w.base.spans,
    () => `span:started heard once per span started (${n('span:started')} vs ${w.started.length - w.base.spans})`,
  );
  check(n('span:stopped') === ended, () => `span:stopped heard once per span ended (${n('span:stopped')} vs ${ended})`);
  check(n('metric:recorded') === records, () => `metric:recorded heard once per record (${n('metric:recorded')} vs ${records})`);
  if (w.base.spans === 0)
    check(n('segment:started') >= n('segment:ended') && n('rest:started') >= n('rest:stopped'), 'segments end after they start');
  if (w.batchDepth === 0) {
    for (const [hook, name] of [
      ['proc:onStart', 'span:started'],
      ['proc:onEnd', 'span:stopped'],
      ['proc:onMetric', 'metric:recorded'],
    ] as const) {
      check(n(hook) === n(name), () => `processors' ${hook} heard as often as ${name} (${n(hook)} vs ${n(name)})`);
    }
    check(n('proc:onSegment') === n('segment:started') + n('segment:ended'), 'processors hear each segment open and close');
  }
  w.extraCheck?.(w);
}

/** deserialize(serialize(x)) equals x: the same spans, records, active and completed lists. */
export function checkRoundTrip(tracker: ExecutionTracker, snap: TrackerSnapshot): void {
  const back = deserialize(serialize(tracker));
  for (const part of ['spans', 'metrics', 'active', 'completed'] as const) {
    check(
      isDeepStrictEqual(back[part], snap[part]) || sameKeysJson(back[part], snap[part]),
      () => `deserialize(serialize(x)).${part} equals x.${part}`,
    );
  }
  check(typeof back.savedAt === 'number', 'a deserialized snapshot has savedAt');
}

function runOp(w: World, raw: Op): void {
  const t = w.tracker;
  const p = pre(w);
  const op = resolveKey(raw, p);
  switch (op.op) {
    case 'clock': {
      const c = w.clock;
      if (op.how === 'advance') c.advance(op.ms);
      else if (op.how === 'back') c.advance(-op.ms);
      else if (op.how === 'set-same') c.set(c.now());
      else c.advance(op.ms * 3_600_000);
      check(t.getSnapshot() === p.snap, 'moving the clock changes nothing');
      break;
    }
    case 'start': {
      const parentId = parentIdArg(w, op.parent);
      const e = expectStart(p, op.block, parentId);
      leaf(
        w,
        `start(${JSON.stringify(op.block)}, ${String(parentId)})`,
        e,
        () => t.startSpan(makeBlock(op.block) as never, parentId),
        (o) => {
          const span = o.result as ExecutionSpan;
          checkStarted(w, p, span, op.block, parentId);
        },
        p,
      );
      break;
    }
    case 'end': {
      const target = p.activeByKey.get(op.key);
      const codes: string[] = [];
      if (target === undefined) codes.push('NO_ACTIVE_SPAN');
      if (op.status !== undefined && !['completed', 'failed', 'skipped'].includes(op.status)) codes.push('INVALID_BLOCK');
      leaf(
        w,
        `end(${op.key}, ${op.status})`,
        { codes },
        () => t.endSpan(op.key, op.status as never),
        (o) => {
          const span = o.result as ExecutionSpan;
          const status = op.status ?? 'completed';
          check(span.id === target!.id && span.status === status, 'endSpan returns the ended span with its status');
          // Its active descendants ended with it, with the same status and end time.
          for (const s of t.getSpans()) {
            let x: ExecutionSpan | undefined = s;
            while (x !== undefined && x.id !== target!.id) x = x.parentSpanId === null ? undefined : p.byId.get(x.parentSpanId);
            if (x === undefined || p.byId.get(s.id)?.status !== 'active') continue;
            check(
              s.status === status && s.endTime === span.endTime,
              () => `endSpan ends the active descendant ${s.label} with the same status and time`,
            );
          }
          check(t.getActiveSpan(op.key) === undefined, 'the block has no active span after endSpan');
        },
        p,
      );
      break;
    }
    case 'record': {
      const mt = op.metric;
      const span = p.activeByKey.get(op.key);
      const codes: string[] = [];
      if (!mt.valid) codes.push('INVALID_METRIC');
      if (span === undefined) codes.push('NO_ACTIVE_SPAN');
      const policy =
        codes.length === 0 &&
        isWork(mt.key) &&
        ((w.config.policy.paused === 'reject' && span!.paused) || (w.config.policy.rest === 'reject' && inRest(p, span!)));
      leaf(
        w,
        `record(${op.key}, ${mt.key}=${JSON.stringify(mt.value)})`,
        { codes, policy },
        () => t.recordMetric(op.key, mt.key, mt.value, mt.unit, mt.source),
        (o) => {
          const r = o.result as MetricRecord;
          check(
            r.key === mt.key && JSON.stringify(r.value) === JSON.stringify(mt.value) && r.unit === mt.unit && r.spanId === span!.id,
            'recordMetric returns the record it made',
          );
          const snap = t.getSnapshot();
          check(snap.metrics[snap.metrics.length - 1] === r, 'the record is the last in the snapshot');
          check(r.phase === (inRest(p, span!) ? 'rest' : 'work'), 'the record carries the phase of its span');
          check((r.timeSpanId === null) === span!.paused, 'a record has no running interval exactly when its span is paused');
          w.seenRecords.set(r.id, r);
        },
        p,
      );
      break;
    }
    case 'startSegment': {
      const span = p.activeByKey.get(op.key);
      const codes: string[] = [];
      if (span === undefined) codes.push('NO_ACTIVE_SPAN');
      const badIndex = op.index !== undefined && (!Number.isInteger(op.index) || op.index < 0);
      if (!['work', 'rest', 'round', 'minute', 'transition'].includes(op.type) || typeof op.label !== 'string' || badIndex)
        codes.push('INVALID_SEGMENT');
      else if (op.type === 'rest' && span !== undefined && isOpen(span, 'rest')) codes.push('ALREADY_RESTING');
      leaf(
        w,
        `startSegment(${op.key}, ${op.type}, ${String(op.label)}, ${op.index})`,
        { codes },
        () => t.startSegment(op.key, op.type as never, op.label as string, op.index),
        (o) => {
          const seg = o.result as { id: string; type: string; label: string; index?: number; endTime?: number };
          check(
            seg.type === op.type && seg.label === op.label && seg.index === op.index && seg.endTime === undefined,
            'startSegment returns the open segment',
          );
          const now = t.getActiveSpan(op.key)!;
          check(
            now.segments.some((g) => g.id === seg.id && g.endTime === undefined),
            'the new segment is open on the span',
          );
        },
        p,
      );
      break;
    }
    case 'endSegment': {
      const span = p.activeByKey.get(op.key);
      let segmentId: string | undefined;
      const codes: string[] = [];
      if (span === undefined) codes.push('NO_ACTIVE_SPAN');
      if (op.which.kind === 'unknown') segmentId = 'no-such-segment';
      if (op.which.kind === 'pick')
        segmentId =
          span === undefined || span.segments.length === 0 ? 'no-segment-yet' : span.segments[op.which.n % span.segments.length]!.id;
      let expectedSeg: string | undefined;
      if (span !== undefined) {
        if (segmentId === undefined) {
          const open = span.segments.filter((g) => g.endTime === undefined && g.type !== 'pause');
          // The most recently opened: segments are in start order, so the last open one.
          if (open.length === 0) codes.push('SEGMENT_NOT_FOUND');
          else expectedSeg = open[open.length - 1]!.id;
        } else {
          const seg = span.segments.find((g) => g.id === segmentId);
          if (seg === undefined || seg.endTime !== undefined) codes.push('SEGMENT_NOT_FOUND');
          else if (seg.type === 'pause') codes.push('INVALID_SEGMENT');
          else expectedSeg = seg.id;
        }
      }
      leaf(
        w,
        `endSegment(${op.key}, ${JSON.stringify(op.which)})`,
        { codes },
        () => t.endSegment(op.key, segmentId),
        (o) => {
          const seg = o.result as { id: string; endTime?: number };
          check(seg.id === expectedSeg && seg.endTime !== undefined, () => `endSegment closes ${expectedSeg}, closed ${seg.id}`);
        },
        p,
      );
      break;
    }
    case 'startRest': {
      const span = p.activeByKey.get(op.key);
      const codes: string[] = [];
      if (span === undefined) codes.push('NO_ACTIVE_SPAN');
      if (op.durationMs !== undefined && !(Number.isFinite(op.durationMs) && op.durationMs >= 0)) codes.push('INVALID_SEGMENT');
      else if (span !== undefined && isOpen(span, 'rest')) codes.push('ALREADY_RESTING');
      const options: { durationMs?: number; label?: string } = {};
      if (op.durationMs !== undefined) options.durationMs = op.durationMs;
      if (op.label !== undefined) options.label = op.label;
      leaf(
        w,
        `startRest(${op.key}, ${JSON.stringify(options)})`,
        { codes },
        () => t.startRest(op.key, options),
        (o) => {
          const seg = o.result as { type: string; label: string; plannedMs?: number };
          check(
            seg.type === 'rest' && seg.label === (op.label ?? 'Rest') && seg.plannedMs === op.durationMs,
            'startRest opens a rest segment with its plannedMs',
          );
          check(t.isInRestPeriod(op.key), 'the span is in a rest period');
        },
        p,
      );
      break;
    }
    case 'endRest': {
      const span = p.activeByKey.get(op.key);
      const codes: string[] = [];
      if (span === undefined) codes.push('NO_ACTIVE_SPAN');
      else if (!isOpen(span, 'rest')) codes.push('NOT_RESTING');
      leaf(
        w,
        `endRest(${op.key})`,
        { codes },
        () => t.endRest(op.key),
        () => {
          check(!isOpen(t.getActiveSpan(op.key)!, 'rest'), 'endRest closes the rest segment');
        },
        p,
      );
      break;
    }
    case 'pause':
    case 'resume': {
      const id = targetArg(w, op.target);
      const codes: string[] = [];
      let target: ExecutionSpan | undefined;
      if (id === undefined) {
        const cur = p.currentId === null ? undefined : p.byId.get(p.currentId);
        if (cur === undefined || cur.status !== 'active') codes.push('NO_ACTIVE_SPAN');
        else {
          target = cur;
          while (target.parentSpanId !== null) target = p.byId.get(target.parentSpanId)!;
        }
      } else {
        const s = p.byId.get(id);
        if (s === undefined) codes.push('SPAN_NOT_FOUND');
        else if (s.status !== 'active') codes.push('NO_ACTIVE_SPAN');
        else target = s;
      }
      if (target !== undefined) {
        if (op.op === 'pause' && target.paused) codes.push('ALREADY_PAUSED');
        if (op.op === 'resume' && !target.paused) codes.push('NOT_PAUSED');
        else if (op.op === 'resume' && target.parentSpanId !== null && p.byId.get(target.parentSpanId)!.paused) codes.push('PARENT_PAUSED');
      }
      leaf(
        w,
        `${op.op}(${String(id)})`,
        { codes },
        () => (op.op === 'pause' ? t.pause(id) : t.resume(id)),
        () => {
          // The target and all its active descendants are now paused (resumed).
          for (const s of t.getSpans({ status: 'active' })) {
            let x: ExecutionSpan | undefined = s;
            while (x !== undefined && x.id !== target!.id) x = x.parentSpanId === null ? undefined : t.getSpan(x.parentSpanId);
            if (x === undefined) continue;
            check(s.paused === (op.op === 'pause'), () => `${op.op} reaches the active descendant ${s.label}`);
          }
        },
        p,
      );
      break;
    }
    case 'trace':
      runTrace(w, op, p);
      break;
    case 'batch': {
      const subBefore = w.subscriberCalls;
      const versionBefore = p.snap.version;
      w.batchDepth++;
      let thrown: unknown;
      try {
        t.batch(() => {
          runOps(w, op.inner);
          if (op.throws) throw new Error('batch body threw');
        });
      } catch (e) {
        thrown = e;
      } finally {
        w.batchDepth--;
      }
      check(
        op.throws ? (thrown as Error)?.message === 'batch body threw' : thrown === undefined,
        'batch rethrows what its body threw, nothing else',
      );
      const changed = t.getSnapshot().version !== versionBefore;
      const expected = w.batchDepth > 0 ? 0 : changed ? 1 : 0;
      check(
        w.subscriberCalls - subBefore === expected,
        () => `a batch notifies subscribers once after it when it changed something (${w.subscriberCalls - subBefore} vs ${expected})`,
      );
      break;
    }
  }
  afterStep(w);
}

/** `@n` keys name the n-th active span's block (or an unknown block when none is active). */
function resolveKey(op: Op, p: Pre): Op {
  if (!('key' in op) || !op.key.startsWith('@')) return op;
  const active = p.snap.active;
  const key = active.length === 0 ? 'zz' : active[Number(op.key.slice(1)) % active.length]!.blockId;
  return { ...op, key } as Op;
}

function checkStarted(w: World, p: Pre, span: ExecutionSpan, block: BlockSpec, parentId: string | null | undefined): void {
  const t = w.tracker;
  if (block.kind !== 'valid') throw new Error('unreachable');
  check(t.getSpan(span.id) === span && t.getActiveSpan(block.key) === span, 'startSpan returns the span the tracker holds');
  check(span.status === 'active' && span.blockId === block.key, 'the new span is active for its block');
  const wantParent = expectedParentOf(p, parentId);
  check(span.parentSpanId === wantParent, () => `parent is ${wantParent}, got ${span.parentSpanId}`);
  check(span.type === (TYPE_OF[(block.blockType ?? '').toLowerCase()] ?? 'group'), () => `type from blockType ${block.blockType}`);
  check(JSON.stringify(span.timer) === JSON.stringify(block.timer), 'the timer comes from the block');
  const parent = wantParent === null ? undefined : p.byId.get(wantParent);
  check(span.paused === (parent?.paused ?? false), 'a child of a paused span starts paused (and only then)');
  check(t.context.getCurrentSpanId() === span.id, 'the new span is the current span');
  w.started.push(span.id);
}

function runTrace(w: World, op: Extract<Op, { op: 'trace' }>, p: Pre): void {
  const t = w.tracker;
  const parentId = parentIdArg(w, op.parent);
  const e = expectStart(p, op.block, parentId);
  let ran = false;
  let spanId: string | undefined;
  let activeAtEnd = false;
  const errorsBefore = w.errors.length;
  let result: unknown;
  let thrown: unknown;
  let threw = false;
  try {
    result = t.trace(
      makeBlock(op.block, 'Trace') as never,
      (span) => {
        ran = true;
        spanId = span.id;
        checkStarted(w, p, span, op.block, parentId);
        afterStep(w);
        runOps(w, op.inner);
        activeAtEnd = t.getSpan(span.id)?.status === 'active';
        if (op.throws) throw new Error('traced work failed');
        return 'traced result';
      },
      parentId,
    );
  } catch (err) {
    thrown = err;
    threw = true;
  }
  if (e.codes.length > 0) {
    check(!ran, 'trace does not run the work when the span cannot start');
    if (w.config.strict) check(threw && thrown instanceof TrackerError && e.codes.includes(thrown.code), 'strict trace throws the refusal');
    else
      check(
        !threw && result === undefined && e.codes.includes(w.errors[errorsBefore]?.code ?? ''),
        'lenient trace reports the refusal and returns undefined',
      );
    check(t.getSnapshot() === p.snap, 'a refused trace changes nothing');
    return;
  }
  check(ran, () => `trace runs the work (${w.errors.slice(errorsBefore).map((x) => x.code)})`);
  if (op.throws) check(threw && (thrown as Error).message === 'traced work failed', 'trace rethrows what the work threw');
  else check(!threw && result === 'traced result', 'trace returns what the work returned');
  const span = t.getSpan(spanId!) ?? w.archived.get(spanId!);
  check(span !== undefined && span.status !== 'active', 'the traced span has ended');
  if (activeAtEnd) {
    check(span.status === (op.throws ? 'failed' : 'completed'), () => `trace ends the span ${op.throws ? 'failed' : 'completed'}`);
    if (op.throws) check(span.error === 'traced work failed', 'a failed trace keeps the error message');
  }
}

/**
 * Makes the call an operation describes, with no prediction and no check (for chaos runs where
 * handlers change the state too). Refusals thrown in strict mode are swallowed; anything else
 * thrown escapes, except what a trace or batch body throws on purpose.
 */
export function perform(t: ExecutionTracker, clock: ManualClock, op: Op, started: string[]): void {
  const p = pre({ tracker: t } as World);
  const o = resolveKey(op, p);
  const pick = (n: number): string | undefined => (started.length === 0 ? 'no-span-yet' : started[n % started.length]);
  const parent = (spec: ParentSpec): string | null | undefined =>
    spec.kind === 'omit' ? undefined : spec.kind === 'null' ? null : spec.kind === 'unknown' ? 'no-such-span' : pick(spec.n);
  const target = (spec: TargetSpec): string | undefined =>
    spec.kind === 'default' ? undefined : spec.kind === 'unknown' ? 'no-such-span' : pick(spec.n);
  const guard = (fn: () => unknown): void => {
    try {
      fn();
    } catch (e) {
      if (!(e instanceof TrackerError) || e.code === 'HANDLER_FAILED') throw e;
    }
  };
  switch (o.op) {
    case 'clock':
      if (o.how === 'advance') clock.advance(o.ms);
      else if (o.how === 'back') clock.advance(-o.ms);
      else if (o.how === 'jump-hours') clock.advance(o.ms * 3_600_000);
      return;
    case 'start':
      return guard(() => {
        const s = t.startSpan(makeBlock(o.block) as never, parent(o.parent));
        if (s !== undefined) started.push(s.id);
      });
    case 'end':
      return guard(() => t.endSpan(o.key, o.status as never));
    case 'record':
      return guard(() => t.recordMetric(o.key, o.metric.key, o.metric.value, o.metric.unit, o.metric.source));
    case 'startSegment':
      return guard(() => t.startSegment(o.key, o.type as never, o.label as string, o.index));
    case 'endSegment': {
      const span = t.getActiveSpan(o.key);
      const id =
        o.which.kind === 'last'
          ? undefined
          : o.which.kind === 'unknown' || span === undefined || span.segments.length === 0
            ? 'no-such-segment'
            : span.segments[o.which.n % span.segments.length]!.id;
      return guard(() => t.endSegment(o.key, id));
    }
    case 'startRest':
      return guard(() => t.startRest(o.key, o.durationMs === undefined ? {} : { durationMs: o.durationMs }));
    case 'endRest':
      return guard(() => t.endRest(o.key));
    case 'pause':
      return guard(() => t.pause(target(o.target)));
    case 'resume':
      return guard(() => t.resume(target(o.target)));
    case 'trace':
      try {
        t.trace(
          makeBlock(o.block, 'Trace') as never,
          (span) => {
            started.push(span.id);
            for (const inner of o.inner) perform(t, clock, inner, started);
            if (o.throws) throw new Error('traced work failed');
          },
          parent(o.parent),
        );
      } catch (e) {
        if (!(e instanceof TrackerError) && (e as Error).message !== 'traced work failed') throw e;
      }
      return;
    case 'batch':
      try {
        t.batch(() => {
          for (const inner of o.inner) perform(t, clock, inner, started);
          if (o.throws) throw new Error('batch body threw');
        });
      } catch (e) {
        if ((e as Error).message !== 'batch body threw') throw e;
      }
      return;
  }
}
