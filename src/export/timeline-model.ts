import { SEGMENT_TYPES, type SegmentType } from 'workout-spans';
import { runningMs, type RunningSpan } from '../model/running-time';
import { MAX_EPOCH_MS } from './export-options';

/**
 * The snapshot as the timeline draws it, read once and defensively: a snapshot may come from a file
 * or a network, so every field the drawing relies on is checked (a TypeError names the first one
 * that is not what a snapshot holds, a RangeError a time beyond what a Date can hold), and values
 * that are merely odd (an end before its start, a parent that loops back) still draw.
 */

export interface TimelineSegment {
  id: string;
  type: SegmentType;
  label: string;
  index: number | undefined;
  /** Clamped to the span's bar and to `at`: start ≤ end. */
  start: number;
  end: number;
  open: boolean;
  plannedMs: number | undefined;
  cause: string | undefined;
  /** Running time (pauses excluded) of its span between `start` and `end`: a round's split. */
  runningMs: number;
}

export interface RunningInterval {
  start: number;
  stop: number | undefined;
}

export interface TimelineSpan {
  id: string;
  label: string;
  type: string;
  status: string;
  error: string | undefined;
  depth: number;
  start: number;
  /** As of `at`: the span's end, or `at` while it runs then; never before `start`. */
  end: number;
  open: boolean;
  segments: TimelineSegment[];
  running: RunningInterval[];
  /** Running time (pauses excluded) from `start` to `end`. */
  runningMs: number;
  /** The exercise it is coloured by (its `exerciseId`, else its label); undefined for a span that is not an effort. */
  exerciseKey: string | undefined;
  /** Σ `reps` records on the span up to `at`; undefined when it has none. */
  reps: number | undefined;
  targetReps: number | undefined;
  /** The latest weight, `'95 lb'`. */
  load: string | undefined;
  /** The latest distance, `'400 m'`. */
  distance: string | undefined;
  /** The planned length of a capped block (AMRAP, EMOM, timer). */
  capMs: number | undefined;
}

export interface TimelineModel {
  /** Drawn spans, in snapshot order. */
  spans: TimelineSpan[];
  /** Spans drawn at depth 0. */
  roots: TimelineSpan[];
  laneCount: number;
  at: number;
  t0: number;
  tEnd: number;
  /** Reps per segment id (records whose `segmentIds` hold it), up to `at`. */
  segmentReps: ReadonlyMap<string, number>;
}

type Rec = Record<string, unknown>;

const CAPPED_TYPES = new Set(['amrap', 'emom', 'timer']);

function isObject(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null;
}

function fail(where: string, what: string): never {
  throw new TypeError(`renderTimelineSvg: ${where} ${what}`);
}

/** A time field: a finite number a Date can hold (RangeError beyond), or undefined when `optional`. */
function time(value: unknown, where: string, optional: boolean): number | undefined {
  if (value === undefined && optional) return undefined;
  if (typeof value !== 'number' || Number.isNaN(value)) fail(where, 'must be a number (epoch ms)');
  if (!(Math.abs(value) <= MAX_EPOCH_MS)) throw new RangeError(`renderTimelineSvg: ${where} is not a time a Date can hold`);
  return value;
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string') fail(where, 'must be a string');
  return value;
}

function list(value: unknown, where: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(where, 'must be an array');
  return value;
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A span as checked, before it is placed in the tree. */
interface Checked {
  raw: Rec;
  id: string;
  label: string;
  parent: string | null;
  start: number;
  endTime: number | undefined;
}

function checkSpan(raw: unknown, i: number): Checked {
  const where = `snapshot.spans[${i}]`;
  if (!isObject(raw)) fail(where, 'must be a span object');
  const parent = raw.parentSpanId;
  if (parent !== null && parent !== undefined && typeof parent !== 'string') fail(`${where}.parentSpanId`, 'must be a string or null');
  return {
    raw,
    id: text(raw.id, `${where}.id`),
    label: text(raw.label, `${where}.label`),
    parent: typeof parent === 'string' ? parent : null,
    start: time(raw.startTime, `${where}.startTime`, false)!,
    endTime: time(raw.endTime, `${where}.endTime`, true),
  };
}

/**
 * Depth of every span to draw, without recursion (a tree 5 000 deep is fine): breadth first from the
 * roots (or from `rootSpanId`). Spans whose parents loop back to them are drawn from the first of the
 * loop, as roots.
 */
function depths(spans: Checked[], rootSpanId: string | undefined): Map<string, number> {
  const byId = new Map<string, Checked>();
  for (const s of spans) if (!byId.has(s.id)) byId.set(s.id, s);
  const children = new Map<string, string[]>();
  for (const s of byId.values()) {
    if (s.parent === null || s.parent === s.id || !byId.has(s.parent)) continue;
    const kids = children.get(s.parent);
    if (kids === undefined) children.set(s.parent, [s.id]);
    else kids.push(s.id);
  }
  const depth = new Map<string, number>();
  const walk = (root: string): void => {
    depth.set(root, 0);
    const queue = [root];
    for (let q = 0; q < queue.length; q++) {
      const id = queue[q]!;
      for (const kid of children.get(id) ?? []) {
        if (depth.has(kid)) continue;
        depth.set(kid, depth.get(id)! + 1);
        queue.push(kid);
      }
    }
  };
  if (rootSpanId !== undefined) {
    if (!byId.has(rootSpanId)) throw new RangeError(`no span '${rootSpanId}' in the snapshot`);
    walk(rootSpanId);
    return depth;
  }
  for (const s of byId.values()) if (s.parent === null || s.parent === s.id || !byId.has(s.parent)) walk(s.id);
  for (const s of byId.values()) if (!depth.has(s.id)) walk(s.id);
  return depth;
}

/** What the records say per span and per segment, up to `at`. */
interface RecordIndex {
  reps: Map<string, number>;
  weight: Map<string, string>;
  distance: Map<string, string>;
  segmentReps: Map<string, number>;
}

function amount(value: number, unit: unknown): string {
  const shown = Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
  return typeof unit === 'string' && unit !== '' ? `${shown} ${unit.slice(0, 12)}` : shown;
}

/** Records are data, not structure: one that cannot be read is skipped, never a reason to fail. */
function indexRecords(metrics: unknown[], at: number): RecordIndex {
  const out: RecordIndex = { reps: new Map(), weight: new Map(), distance: new Map(), segmentReps: new Map() };
  for (const r of metrics) {
    if (!isObject(r) || typeof r.spanId !== 'string') continue;
    const when = finite(r.recordedAt);
    const value = finite(r.value);
    if (when === undefined || when > at || value === undefined) continue;
    if (r.key === 'reps') {
      const sum = (out.reps.get(r.spanId) ?? 0) + value;
      if (!Number.isFinite(sum)) continue; // reps beyond any count: not a count
      out.reps.set(r.spanId, sum);
      if (Array.isArray(r.segmentIds))
        for (const id of r.segmentIds) if (typeof id === 'string') out.segmentReps.set(id, (out.segmentReps.get(id) ?? 0) + value);
    } else if (r.key === 'weight') out.weight.set(r.spanId, amount(value, r.unit));
    else if (r.key === 'distance') out.distance.set(r.spanId, amount(value, r.unit));
  }
  return out;
}

function readSegments(raw: Rec, where: string, start: number, end: number, running: RunningSpan): TimelineSegment[] {
  const out: TimelineSegment[] = [];
  list(raw.segments, `${where}.segments`).forEach((seg, j) => {
    const at = `${where}.segments[${j}]`;
    if (!isObject(seg)) fail(at, 'must be a segment object');
    const type = seg.type;
    if (typeof type !== 'string' || !(SEGMENT_TYPES as readonly string[]).includes(type))
      fail(`${at}.type`, `must be one of ${SEGMENT_TYPES.join(', ')}`);
    const segStart = time(seg.startTime, `${at}.startTime`, false)!;
    const segEnd = time(seg.endTime, `${at}.endTime`, true);
    if (segStart > end) return; // opened after `at`
    const s = Math.min(end, Math.max(start, segStart));
    const e = Math.max(s, Math.min(end, segEnd ?? end));
    out.push({
      id: typeof seg.id === 'string' ? seg.id : `${where}.s${j}`,
      type: type as SegmentType,
      label: typeof seg.label === 'string' ? seg.label : type,
      index: finite(seg.index),
      start: s,
      end: e,
      open: segEnd === undefined || segEnd > end,
      plannedMs: finite(seg.plannedMs),
      cause: typeof seg.cause === 'string' ? seg.cause : undefined,
      runningMs: runningMs(running, s, e),
    });
  });
  return out;
}

function readRunning(raw: Rec, where: string): RunningInterval[] {
  return list(raw.timeSpans, `${where}.timeSpans`).map((ts, j) => {
    const at = `${where}.timeSpans[${j}]`;
    if (!isObject(ts)) fail(at, 'must be a time span object');
    return {
      start: time(ts.start, `${at}.start`, false)!,
      stop: time(ts.stop, `${at}.stop`, true),
    };
  });
}

/** The latest instant in the snapshot (its spans, segments, running intervals and records), 0 when none. */
function latest(spans: Checked[], metrics: unknown[], savedAt: number | undefined): number {
  let t = savedAt ?? -Infinity;
  for (const s of spans) {
    t = Math.max(t, s.start, s.endTime ?? -Infinity);
    for (const seg of Array.isArray(s.raw.segments) ? s.raw.segments : [])
      if (isObject(seg)) t = Math.max(t, finite(seg.startTime) ?? -Infinity, finite(seg.endTime) ?? -Infinity);
    for (const ts of Array.isArray(s.raw.timeSpans) ? s.raw.timeSpans : [])
      if (isObject(ts)) t = Math.max(t, finite(ts.start) ?? -Infinity, finite(ts.stop) ?? -Infinity);
  }
  for (const r of metrics) if (isObject(r)) t = Math.max(t, finite(r.recordedAt) ?? -Infinity);
  return Number.isFinite(t) && Math.abs(t) <= MAX_EPOCH_MS ? t : 0;
}

/** Reads the snapshot for drawing at `at` (default: its latest instant), `rootSpanId`'s tree or every span. */
export function readTimeline(snapshot: unknown, rootSpanId: string | undefined, at: number | undefined): TimelineModel {
  if (!isObject(snapshot)) fail('snapshot', 'must be a tracker snapshot');
  if (!Array.isArray(snapshot.spans)) fail('snapshot.spans', 'must be an array');
  const checked = snapshot.spans.map(checkSpan);
  const metrics = list(snapshot.metrics, 'snapshot.metrics');
  const savedAt = finite(snapshot.savedAt);
  const depth = depths(checked, rootSpanId);
  const when = at ?? latest(checked, metrics, savedAt);
  const records = indexRecords(metrics, when);
  const spans: TimelineSpan[] = [];
  const seen = new Set<string>();
  for (const [i, c] of checked.entries()) {
    const d = depth.get(c.id);
    if (d === undefined || seen.has(c.id)) continue;
    seen.add(c.id);
    const where = `snapshot.spans[${i}]`;
    const raw = c.raw;
    const running = readRunning(raw, where);
    if (c.start > when) {
      readSegments(raw, where, c.start, c.start, { timeSpans: [] }); // still checked, not drawn
      continue;
    }
    const end = Math.max(c.start, Math.min(when, c.endTime ?? when));
    const asOfAt: RunningSpan = { endTime: end, timeSpans: running };
    const m = isObject(raw.metrics) ? raw.metrics : {};
    const type = typeof raw.type === 'string' ? raw.type : 'group';
    const label = c.label;
    const exerciseId = typeof m.exerciseId === 'string' && m.exerciseId !== '' ? m.exerciseId : undefined;
    const timer = isObject(raw.timer) ? raw.timer : undefined;
    const capMs = finite(timer?.durationMs);
    spans.push({
      id: c.id,
      label,
      type,
      status: typeof raw.status === 'string' ? raw.status : c.endTime === undefined ? 'active' : 'completed',
      error: typeof raw.error === 'string' ? raw.error : undefined,
      depth: d,
      start: c.start,
      end,
      open: c.endTime === undefined || c.endTime > when,
      segments: readSegments(raw, where, c.start, end, asOfAt),
      running,
      runningMs: runningMs(asOfAt, c.start, end),
      exerciseKey: type === 'effort' || exerciseId !== undefined ? (exerciseId ?? label) : undefined,
      reps: records.reps.get(c.id),
      targetReps: finite(m.targetReps),
      load: records.weight.get(c.id),
      distance: records.distance.get(c.id),
      capMs: CAPPED_TYPES.has(type) && capMs !== undefined && capMs > 0 ? capMs : undefined,
    });
  }
  const t0 = spans.reduce((t, s) => Math.min(t, s.start), Infinity);
  const tEnd = spans.reduce((t, s) => Math.max(t, s.end), -Infinity);
  return {
    spans,
    roots: spans.filter((s) => s.depth === 0),
    laneCount: spans.reduce((n, s) => Math.max(n, s.depth + 1), 0),
    at: when,
    t0: spans.length === 0 ? 0 : t0,
    tEnd: spans.length === 0 ? 0 : tEnd,
    segmentReps: records.segmentReps,
  };
}

/**
 * The instant a capped span's running time reaches its cap (pauses push it later); undefined when
 * the span has no cap or its running time had not reached it by its end.
 */
export function capInstant(span: TimelineSpan): number | undefined {
  if (span.capMs === undefined) return undefined;
  let left = span.capMs;
  const intervals = [...span.running].sort((a, b) => a.start - b.start);
  for (const ts of intervals) {
    const start = Math.max(ts.start, span.start);
    const stop = Math.min(ts.stop ?? span.end, span.end);
    if (stop <= start) continue;
    if (stop - start >= left) return start + left;
    left -= stop - start;
  }
  return undefined;
}
