/**
 * Invariants of a tracker's state, checked after every step of the model-based tests and
 * at the end of the fault, long-session and clock tests. Each check throws an Error that names the
 * broken invariant and the span, segment or record at fault.
 */
import {
  type ExecutionSpan,
  type ExecutionTracker,
  type MetricRecord,
  type SpanMetrics,
  type TimeSegment,
  type TrackerSnapshot,
} from 'workout-spans';
import { spanTotals } from 'workout-spans/analysis';

export class InvariantError extends Error {
  override name = 'InvariantError';
}

export function check(cond: unknown, message: string | (() => string)): asserts cond {
  if (!cond) throw new InvariantError(typeof message === 'string' ? message : message());
}

const VALUE_KEYS = new Set(['reps', 'weight', 'distance', 'duration', 'elapsed']);
const BARE_KEYS = new Set(['currentRound', 'totalRounds', 'targetReps', 'exerciseId', 'exerciseImage', 'repScheme']);
const TIMER_TYPES = new Set(['timer', 'amrap', 'emom', 'interval']);

/** What the display metrics must be after these records, built independently. */
export function foldMetrics(records: readonly MetricRecord[], base: Record<string, unknown>): Record<string, unknown> {
  const m: Record<string, unknown> = { ...base };
  for (const r of records) {
    if (BARE_KEYS.has(r.key)) {
      m[r.key] = r.value;
      continue;
    }
    const mv: Record<string, unknown> = { value: r.value, unit: r.unit, recorded: r.recordedAt };
    if (r.source !== undefined) mv.source = r.source;
    if (VALUE_KEYS.has(r.key)) m[r.key] = mv;
    else m.custom = { ...(m.custom as object | undefined), [r.key]: mv };
  }
  return m;
}

/** Elapsed time of a span at `t` from its running intervals (pauses excluded). */
export function elapsedAt(span: ExecutionSpan, t: number): number {
  let sum = 0;
  for (const ts of span.timeSpans) sum += Math.max(0, Math.min(ts.stop ?? Infinity, t) - ts.start);
  return sum;
}

function inside(t: number, start: number, end: number | undefined): boolean {
  return t >= start && (end === undefined || t <= end);
}

export interface CheckOptions {
  policy?: { rest?: 'reject' | 'allow'; paused?: 'reject' | 'allow' };
  maxCompletedSpans?: number;
  /** Spans handed to onArchive so far (their ids must not be held any more). */
  archivedSpanIds?: ReadonlySet<string>;
  /** Set to false when the test called `context.exitSpan` itself. */
  contextMatches?: boolean;
}

/** Every state invariant over the tracker as it is now. Returns the snapshot checked. */
export function checkInvariants(tracker: ExecutionTracker, options: CheckOptions = {}): TrackerSnapshot {
  const snap = tracker.getSnapshot();
  check(tracker.getSnapshot() === snap, 'getSnapshot() returns the same object while nothing changes');
  check(Object.isFrozen(snap) && Object.isFrozen(snap.spans) && Object.isFrozen(snap.metrics), 'the snapshot is frozen');

  const byId = new Map<string, ExecutionSpan>();
  for (const s of snap.spans) {
    check(!byId.has(s.id), () => `span id ${s.id} is unique`);
    byId.set(s.id, s);
    check(Object.isFrozen(s), () => `span ${s.id} is frozen`);
  }
  const all = tracker.getSpans();
  check(all.length === snap.spans.length && all.every((s, i) => s === snap.spans[i]), 'getSpans() lists the snapshot spans, in order');
  const activeIds = snap.spans.filter((s) => s.status === 'active').map((s) => s.id);
  check(JSON.stringify(snap.active.map((s) => s.id)) === JSON.stringify(activeIds), 'snapshot.active = active spans in start order');
  check(
    JSON.stringify(snap.completed.map((s) => s.id)) === JSON.stringify(snap.spans.filter((s) => s.status !== 'active').map((s) => s.id)),
    'snapshot.completed = spans that are not active, in start order',
  );
  const stats = tracker.stats();
  check(
    stats.spans === snap.spans.length && stats.active === activeIds.length && stats.records === snap.metrics.length,
    () => `stats() matches the snapshot: ${JSON.stringify(stats)}`,
  );
  check(stats.ended === snap.spans.length - activeIds.length, 'stats().ended counts the ended spans held');

  // Time never steps back: spans in start order and records in record order have non-decreasing times.
  for (let i = 1; i < snap.spans.length; i++) {
    check(snap.spans[i]!.startTime >= snap.spans[i - 1]!.startTime, () => `spans are in start order (${snap.spans[i]!.id})`);
  }
  for (let i = 1; i < snap.metrics.length; i++) {
    check(snap.metrics[i]!.recordedAt >= snap.metrics[i - 1]!.recordedAt, () => `records are in time order (${snap.metrics[i]!.id})`);
  }

  // Latest instant anything reached: totals are read at or after it.
  let latest = -Infinity;
  const ids = new Set<string>();
  const unique = (id: string, what: string): void => {
    check(!ids.has(id), () => `${what} id ${id} is unique in the tracker`);
    ids.add(id);
  };
  for (const s of snap.spans) {
    unique(s.id, 'span');
    latest = Math.max(latest, s.startTime, s.endTime ?? -Infinity);
    for (const seg of s.segments) latest = Math.max(latest, seg.startTime, seg.endTime ?? -Infinity);
    for (const ts of s.timeSpans) latest = Math.max(latest, ts.start, ts.stop ?? -Infinity);
  }
  for (const r of snap.metrics) latest = Math.max(latest, r.recordedAt);
  const at = latest === -Infinity ? 0 : latest + 1;

  const recordsOf = new Map<string, MetricRecord[]>();
  const namedIntervals = new Set<string>();
  for (const r of snap.metrics) {
    unique(r.id, 'record');
    check(Object.isFrozen(r), () => `record ${r.id} is frozen`);
    let list = recordsOf.get(r.spanId);
    if (list === undefined) recordsOf.set(r.spanId, (list = []));
    list.push(r);
    if (r.timeSpanId !== null) namedIntervals.add(r.timeSpanId);
  }

  const chainOf = (span: ExecutionSpan): ExecutionSpan[] => {
    const chain: ExecutionSpan[] = [];
    for (let s: ExecutionSpan | undefined = span; s !== undefined; s = s.parentSpanId === null ? undefined : byId.get(s.parentSpanId)) {
      chain.unshift(s);
    }
    return chain;
  };
  const openOfType = (s: ExecutionSpan, type: string): TimeSegment | undefined =>
    s.segments.find((g) => g.type === type && g.endTime === undefined);
  const ownRest = (s: ExecutionSpan): boolean => s.status === 'active' && openOfType(s, 'rest') !== undefined;
  /** Rest while it, an ancestor, or an active descendant has a rest period of its own open. */
  const inRest = (s: ExecutionSpan): boolean =>
    chainOf(s).some(ownRest) || snap.active.some((d) => d !== s && ownRest(d) && chainOf(d).includes(s));
  /** The rest and pause policies apply to work done only. */
  const isWork = (key: string): boolean => key === 'reps' || key === 'weight' || key === 'distance';
  const namedSegments = new Set(snap.metrics.flatMap((r) => r.segmentIds));

  for (const span of snap.spans) {
    const where = `span ${span.label} (${span.id})`;
    check(tracker.getSpan(span.id) === span, () => `${where}: getSpan returns the snapshot's object`);
    check(options.archivedSpanIds?.has(span.id) !== true, () => `${where}: an archived span is no longer held`);
    // end time exactly when not active, never before the start
    check((span.endTime === undefined) === (span.status === 'active'), () => `${where}: has an endTime exactly when not active`);
    check(span.endTime === undefined || span.endTime >= span.startTime, () => `${where}: endTime ≥ startTime`);
    if (span.status === 'active') check(tracker.getActiveSpan(span.blockId) === span, () => `${where}: found by block key while active`);
    // parent
    if (span.parentSpanId !== null) {
      const parent = byId.get(span.parentSpanId);
      check(parent !== undefined, () => `${where}: its parent is held`);
      check(span.startTime >= parent.startTime, () => `${where}: starts no earlier than its parent`);
      check(parent.status === 'active' || span.status !== 'active', () => `${where}: not active when its parent is not`);
      check(
        parent.endTime === undefined || (span.endTime !== undefined && span.endTime <= parent.endTime),
        () => `${where}: ends no later than its parent`,
      );
      check(
        tracker.getChildren(parent.id).some((c) => c === span),
        () => `${where}: listed among its parent's children`,
      );
      check(!(parent.paused && span.status === 'active') || span.paused, () => `${where}: an active child of a paused span is paused`);
    }
    // segments
    const open = span.segments.filter((g) => g.endTime === undefined);
    check(span.paused === open.some((g) => g.type === 'pause'), () => `${where}: paused exactly when a pause segment is open`);
    const openTypes = open.map((g) => g.type);
    check(new Set(openTypes).size === openTypes.length, () => `${where}: at most one open segment per type (${openTypes.join(',')})`);
    if (span.status !== 'active') check(open.length === 0 && !span.paused, () => `${where}: nothing open in an ended span`);
    for (let i = 0; i < span.segments.length; i++) {
      const seg = span.segments[i]!;
      const sw = `${where} segment ${seg.label} (${seg.id})`;
      unique(seg.id, 'segment');
      check(seg.parentSpanId === span.id, () => `${sw}: parentSpanId is its span`);
      check(seg.startTime >= span.startTime, () => `${sw}: starts inside its span`);
      check(seg.endTime === undefined || seg.endTime >= seg.startTime, () => `${sw}: ends no earlier than it starts`);
      check(span.endTime === undefined || (seg.endTime !== undefined && seg.endTime <= span.endTime), () => `${sw}: ends inside its span`);
      if (i > 0) check(seg.startTime >= span.segments[i - 1]!.startTime, () => `${sw}: segments are in start order`);
      for (let j = 0; j < i; j++) {
        const prev = span.segments[j]!;
        if (prev.type === seg.type)
          check(
            prev.endTime !== undefined && prev.endTime <= seg.startTime,
            () => `${sw}: does not overlap the earlier ${seg.type} segment ${prev.id}`,
          );
      }
      if (seg.type === 'pause') {
        check(seg.label === 'Paused' || seg.label === 'Interrupted', () => `${sw}: a pause is labelled Paused (or Interrupted)`);
        check(
          seg.endTime !== seg.startTime || namedSegments.has(seg.id),
          () => `${sw}: a closed pause has a length (or a record names it)`,
        );
      }
      const segRecords = (recordsOf.get(span.id) ?? []).filter((r) => r.segmentIds.includes(seg.id));
      const expected = foldMetrics(segRecords, {});
      check(
        sameKeysJson(seg.metrics, expected),
        () =>
          `${sw}: metrics are those recorded on the span while it was open: ${JSON.stringify(seg.metrics)} ≠ ${JSON.stringify(expected)}`,
      );
    }
    // running intervals
    const ts = span.timeSpans;
    for (let i = 0; i < ts.length; i++) {
      const t = ts[i]!;
      const tw = `${where} interval ${t.id}`;
      unique(t.id, 'interval');
      check(t.parentSpanId === span.id && t.blockId === span.blockId, () => `${tw}: names its span and block`);
      check(t.start >= span.startTime, () => `${tw}: starts inside its span`);
      check(t.stop === undefined || t.stop >= t.start, () => `${tw}: stops no earlier than it starts`);
      check(t.stop !== undefined || i === ts.length - 1, () => `${tw}: only the last interval may be open`);
      check(span.endTime === undefined || (t.stop !== undefined && t.stop <= span.endTime), () => `${tw}: stops inside its span`);
      check(t.stop !== t.start || namedIntervals.has(t.id), () => `${tw}: has a length (or a record names it)`);
      if (i > 0) check(t.start >= ts[i - 1]!.stop!, () => `${tw}: in order, no overlap with the previous interval`);
      check(t.type === 'work' || t.type === 'rest' || t.type === 'transition', () => `${tw}: a phase type`);
      // No interval overlaps a pause: pauses are exactly the gaps.
      for (const p of span.segments) {
        if (p.type !== 'pause') continue;
        const overlap = Math.min(t.stop ?? Infinity, p.endTime ?? Infinity) - Math.max(t.start, p.startTime);
        check(overlap <= 0, () => `${tw}: does not overlap pause ${p.id}`);
      }
    }
    const last = ts[ts.length - 1];
    const running = last !== undefined && last.stop === undefined;
    check(
      running === (span.status === 'active' && !span.paused),
      () => `${where}: an interval is open exactly while active and not paused`,
    );
    if (running)
      check(
        last.type === (inRest(span) ? 'rest' : 'work'),
        () => `${where}: the open interval is of the current phase (rest iff in a rest period)`,
      );
    // totals
    const totals = tracker.totals(span.id, at)!;
    check(JSON.stringify(totals) === JSON.stringify(spanTotals(span, at)), () => `${where}: totals() = spanTotals(snapshot span)`);
    const now = tracker.totals(span.id)!;
    for (const tt of [totals, now]) {
      check(tt.totalMs === tt.elapsedMs + tt.pausedMs, () => `${where}: total = elapsed + paused`);
      check(
        tt.elapsedMs >= tt.workMs + tt.restMs - 1e-9 || tt.elapsedMs === tt.workMs + tt.restMs,
        () => `${where}: elapsed ≥ work + rest`,
      );
      check(
        tt.totalMs >= 0 && tt.elapsedMs >= 0 && tt.workMs >= 0 && tt.restMs >= 0 && tt.pausedMs >= 0,
        () => `${where}: totals are not negative`,
      );
    }
    const end = span.endTime ?? at;
    check(totals.totalMs === end - span.startTime, () => `${where}: totalMs is the wall-clock time`);
    check(totals.elapsedMs === elapsedAt(span, end), () => `${where}: elapsedMs is the time covered by intervals`);
    let pausedBySegments = 0;
    for (const p of span.segments) if (p.type === 'pause') pausedBySegments += Math.min(p.endTime ?? end, end) - p.startTime;
    check(
      totals.pausedMs === pausedBySegments,
      () => `${where}: pausedMs (${totals.pausedMs}) is the time of its pause segments (${pausedBySegments})`,
    );
    // display metrics = fold of its records (+ the duration endSpan sets)
    const records = recordsOf.get(span.id) ?? [];
    const base: Record<string, unknown> = { custom: {} };
    const expected = foldMetrics(records, base);
    if (span.status !== 'active' && expected.duration === undefined) {
      expected.duration = { value: span.endTime! - span.startTime, unit: 'ms', recorded: span.endTime };
    }
    const actual = span.metrics as SpanMetrics & Record<string, unknown>;
    check(
      sameKeysJson(actual, expected),
      () => `${where}: metrics are the fold of its records: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`,
    );
    check(
      JSON.stringify(tracker.getMetrics(span.id).map((r) => r.id)) === JSON.stringify(records.map((r) => r.id)),
      `${where}: getMetrics lists its records in record order`,
    );
  }

  // records: bound to their span, its ancestry, its segments and its running interval
  const currentRound = new Map<string, number>(); // span id → latest currentRound recorded before r
  for (const r of snap.metrics) {
    const rw = `record ${r.key}=${JSON.stringify(r.value)} (${r.id})`;
    const span = byId.get(r.spanId);
    check(span !== undefined, () => `${rw}: its span is held`);
    const chain = chainOf(span);
    check(JSON.stringify(r.spanIds) === JSON.stringify(chain.map((s) => s.id)), () => `${rw}: spanIds is the span's ancestry, root first`);
    check(r.blockId === span.blockId, () => `${rw}: blockId is its span's block`);
    check(inside(r.recordedAt, span.startTime, span.endTime), () => `${rw}: recordedAt lies inside its span`);
    for (const segId of r.segmentIds) {
      const owner = chain.find((s) => s.segments.some((g) => g.id === segId));
      check(owner !== undefined, () => `${rw}: segment ${segId} belongs to its ancestry`);
      const g = owner.segments.find((x) => x.id === segId)!;
      check(inside(r.recordedAt, g.startTime, g.endTime), () => `${rw}: segment ${segId} was open at recordedAt`);
    }
    for (const s of chain) {
      for (const g of s.segments) {
        if (g.startTime < r.recordedAt && (g.endTime === undefined || g.endTime > r.recordedAt)) {
          check(r.segmentIds.includes(g.id), () => `${rw}: names segment ${g.id} (${g.label}) open around it`);
        }
      }
    }
    if (r.timeSpanId === null) {
      check(
        span.segments.some((g) => g.type === 'pause' && inside(r.recordedAt, g.startTime, g.endTime)),
        () => `${rw}: no running interval only while paused`,
      );
      check(
        options.policy?.paused !== 'reject' || !isWork(r.key),
        () => `${rw}: work recorded while paused only when policy.paused is not 'reject'`,
      );
    } else {
      const t = span.timeSpans.find((x) => x.id === r.timeSpanId);
      check(t !== undefined, () => `${rw}: its running interval ${r.timeSpanId} can be found`);
      check(inside(r.recordedAt, t.start, t.stop), () => `${rw}: recorded inside its running interval`);
      check(r.phase === t.type, () => `${rw}: phase is its interval's type`);
    }
    if (r.phase === 'rest') {
      check(options.policy?.rest === 'allow' || !isWork(r.key), () => `${rw}: work recorded in rest only under policy.rest = 'allow'`);
      const restAround = (s: ExecutionSpan): boolean =>
        s.segments.some((g) => g.type === 'rest' && inside(r.recordedAt, g.startTime, g.endTime));
      check(
        chain.some(restAround) || snap.spans.some((d) => d !== span && chainOf(d).includes(span) && restAround(d)),
        () => `${rw}: phase rest inside a rest period (its own, an ancestor's or a descendant's)`,
      );
    }
    check(r.context.spanType === span.type, () => `${rw}: context.spanType`);
    // roundNumber / minuteIndex: the nearest open round (minute) segment, else the currentRound metric
    let round: number | undefined;
    let minute: number | undefined;
    for (const s of [...chain].reverse()) {
      if (round === undefined) {
        const rounds = s.segments.filter((g) => g.type === 'round');
        const at = rounds.findIndex((g) => r.segmentIds.includes(g.id));
        if (at >= 0) round = rounds[at]!.index !== undefined ? rounds[at]!.index! + 1 : at + 1;
        else round = currentRound.get(s.id);
      }
      if (minute === undefined) {
        const minutes = s.segments.filter((g) => g.type === 'minute');
        const at = minutes.findIndex((g) => r.segmentIds.includes(g.id));
        if (at >= 0) minute = minutes[at]!.index ?? at;
      }
    }
    check(r.context.roundNumber === round, () => `${rw}: context.roundNumber ${r.context.roundNumber} = ${round}`);
    check(r.context.minuteIndex === minute, () => `${rw}: context.minuteIndex ${r.context.minuteIndex} = ${minute}`);
    if (r.key === 'currentRound') currentRound.set(r.spanId, r.value as number);
    check(
      r.context.elapsedMs === elapsedAt(span, r.recordedAt),
      () => `${rw}: context.elapsedMs ${r.context.elapsedMs} = span elapsed ${elapsedAt(span, r.recordedAt)}`,
    );
    check(r.context.totalElapsedMs === elapsedAt(chain[0]!, r.recordedAt), () => `${rw}: context.totalElapsedMs = root elapsed`);
    const timer = [...chain]
      .slice(0, -1)
      .reverse()
      .find((s) => TIMER_TYPES.has(s.type));
    if (timer === undefined) check(r.context.parentTimer === undefined, () => `${rw}: no parentTimer without a timer ancestor`);
    else {
      const pt = r.context.parentTimer;
      check(pt !== undefined && pt.blockId === timer.blockId, () => `${rw}: parentTimer is the nearest timer ancestor`);
      check(pt.elapsedMs === elapsedAt(timer, r.recordedAt), () => `${rw}: parentTimer.elapsedMs`);
      const d = timer.timer?.durationMs;
      check(
        d === undefined ? pt.remainingMs === undefined : pt.remainingMs === Math.max(0, d - pt.elapsedMs),
        () => `${rw}: parentTimer.remainingMs`,
      );
    }
  }

  // context and memory
  if (options.contextMatches !== false) {
    const ctx = tracker.context.getActiveSpans();
    check(
      JSON.stringify(ctx.map((s) => s.id)) === JSON.stringify(snap.active.map((s) => s.id)),
      () => `the context's active spans are exactly the active spans: ${ctx.map((s) => s.label)} vs ${snap.active.map((s) => s.label)}`,
    );
    check(
      ctx.every((s, i) => s === snap.active[i]),
      'the context reads the current span objects',
    );
    const top = snap.active[snap.active.length - 1]?.id ?? null;
    check(tracker.context.getCurrentSpan()?.id === (top ?? undefined), 'the current span is the top of the stack');
    check(tracker.memory.getCurrentSpanId() === top, "memory's current span id is the context's current span");
  }
  const spanRefs = tracker.memory.search({ type: 'execution-span' });
  check(
    spanRefs.length === snap.spans.length,
    () => `memory holds one 'execution-span' per span (${spanRefs.length} vs ${snap.spans.length})`,
  );
  for (const ref of spanRefs) {
    const value = tracker.memory.get<ExecutionSpan>(ref);
    check(
      value !== null && value === byId.get(value.id) && ref.ownerId === value.blockId,
      () => `memory entry ${ref.id} holds the span object, owned by its block`,
    );
  }
  check(tracker.memory.search({ type: 'metric-record' }).length === snap.metrics.length, "memory holds one 'metric-record' per record");

  // archiving: beyond the limit, no ended root tree is left
  const max = options.maxCompletedSpans;
  if (max !== undefined && stats.ended > max) {
    for (const s of snap.spans) {
      check(
        !(s.parentSpanId === null && s.status !== 'active'),
        () => `archiving: ${stats.ended} ended spans > ${max}, yet the ended root ${s.label} is still held`,
      );
    }
  }
  return snap;
}

/** JSON equality, insensitive to key order. */
export function sameKeysJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
  return out;
}
