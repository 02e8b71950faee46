import { childId } from '../model/ids';
import type {
  ExecutionSpan,
  InterruptionCause,
  MetricContext,
  MetricRecord,
  Phase,
  SegmentType,
  SpanMetrics,
  TimeSegment,
  TimeSpan,
} from '../model/types';
import { freezeInPlace, NO_METRICS, put, shownValue, spanLength } from './frozen-metrics';
import { link, type Home } from './record-homes';
import { contextRecord, intervalRecord, metricRecord, segmentRecord, spanRecord } from './record-shapes';
import type { LiveSpan, SpanState } from './span-state';

/**
 * An ended span, kept compact: one array (the tape) instead of its frozen records, which are built
 * again when read. It holds what cannot be derived, in slots:
 *
 * - a header: segment, interval and record counts, the descriptions given to the span, a weak
 *   reference to its frozen record once read, and where its records live while held (a weak
 *   reference to their home and their place in it, see `record-homes`);
 * - per segment (7 slots): its id counter, type, label, index, start, end, and its rarer fields;
 * - per running interval (4): id counter, phase, start, stop;
 * - per record (9): key, value, unit (with source and exercise when it has them), time, elapsed time
 *   (and total elapsed time when it differs), its running interval (or its phase while paused), its
 *   segment ids, its place in the tracker's record order, its round, minute and parent timer.
 *
 * Times are offsets from the span's start (small integers, stored unboxed); ids extend the span's id
 * with a counter (`<span>.s3`) and are written out on read; display metrics are the records folded
 * in order, as they were shown while the span ran. A span read back from a document keeps its frozen
 * objects instead (its ids and metrics need not follow these rules).
 */

/** The shared empty list. */
const NO_IDS: readonly never[] = Object.freeze([]);

const HEADER = 7;
const SEG = 7;
const INT = 4;
const REC = 9;

/** Fields of a segment that most segments lack: `true` alone says closed by its span's end. */
interface SegmentExtra {
  plannedMs: number | undefined;
  closedByEnd: boolean;
  cause: InterruptionCause | undefined;
}

/** How a record's segment ids are made: ids inherited from the ancestry, and positions of its span's own. */
export interface SegmentCode {
  inherited: readonly string[];
  own: number[];
}

/** A time as an offset from the span's start when it reads back exactly as a small integer; else the time boxed. */
function enc(t: number | undefined, start: number): unknown {
  if (t === undefined) return undefined;
  const d = t - start;
  return (d | 0) === d && start + d === t ? d : [t];
}

function dec(x: unknown, start: number): number {
  return typeof x === 'number' ? start + x : (x as number[])[0]!;
}

function counterOf(id: string, spanId: string): number {
  return Number(id.slice(spanId.length + 2));
}

/** A record's unit, with its source and exercise when it has them. */
interface UnitAndMore {
  unit: string;
  source: string | undefined;
  exerciseId: string | undefined;
}

/** The tape of a span that has just ended (see above). */
export function encodeSpan(state: SpanState, live: LiveSpan): unknown[] {
  const start = state.startTime;
  const spanId = state.id;
  const { segments, intervals, records, recordMeta } = live;
  const tape: unknown[] = new Array(HEADER + segments.length * SEG + intervals.length * INT + records.length * REC);
  tape[0] = segments.length;
  tape[1] = intervals.length;
  tape[2] = records.length;
  tape[3] = live.descriptions.length === 0 ? undefined : live.descriptions;
  tape[4] = undefined;
  tape[5] = live.home ?? undefined;
  tape[6] = live.homeIndex;
  let i = HEADER;
  for (const seg of segments) {
    tape[i] = seg.n;
    tape[i + 1] = seg.type;
    tape[i + 2] = seg.label;
    tape[i + 3] = seg.index;
    tape[i + 4] = enc(seg.startTime, start);
    tape[i + 5] = enc(seg.endTime, start);
    tape[i + 6] =
      seg.plannedMs === undefined && seg.cause === undefined
        ? seg.closedByEnd || undefined
        : ({ plannedMs: seg.plannedMs, closedByEnd: seg.closedByEnd, cause: seg.cause } satisfies SegmentExtra);
    i += SEG;
  }
  for (const ts of intervals) {
    tape[i] = counterOf(ts.id, spanId);
    tape[i + 1] = ts.type;
    tape[i + 2] = enc(ts.start, start);
    tape[i + 3] = enc(ts.stop, start);
    i += INT;
  }
  for (let k = 0; k < records.length; k++) {
    const r = records[k]!;
    const m = k * 3;
    const interval = recordMeta[m + 2] as number;
    const { source, exerciseId } = r;
    tape[i] = r.key;
    tape[i + 1] = r.value;
    tape[i + 2] = source === undefined && exerciseId === undefined ? r.unit : ({ unit: r.unit, source, exerciseId } satisfies UnitAndMore);
    tape[i + 3] = enc(r.recordedAt, start);
    const ctx = r.context;
    tape[i + 4] = ctx.elapsedMs === ctx.totalElapsedMs ? ctx.elapsedMs : [ctx.elapsedMs, ctx.totalElapsedMs];
    tape[i + 5] = interval < 0 ? r.phase : intervals[interval]!.type === r.phase ? interval : [interval, r.phase];
    tape[i + 6] = recordMeta[m + 1];
    tape[i + 7] = recordMeta[m];
    // The round alone as a number; the whole (frozen) context when it has more.
    tape[i + 8] = ctx.minuteIndex === undefined && ctx.parentTimer === undefined ? ctx.roundNumber : ctx;
    i += REC;
  }
  return tape;
}

/** The frozen record of an ended span: the one still held by somebody, else built again. */
export function tapeSpan(state: SpanState, tape: unknown[]): ExecutionSpan {
  const held = (tape[4] as WeakRef<ExecutionSpan> | undefined)?.deref();
  if (held !== undefined) return held;
  const span = rebuildSpan(state, tape);
  tape[4] = new WeakRef(span);
  return span;
}

/**
 * The k-th record of an ended span: the one still held by somebody (its home is alive), else the
 * span's records built again, in a home of their own.
 */
export function tapeRecord(state: SpanState, tape: unknown[], k: number): MetricRecord | undefined {
  const nRec = tape[2] as number;
  if (!(k >= 0 && k < nRec)) return undefined;
  const held = (tape[5] as WeakRef<Home> | undefined)?.deref()?.[tape[6] as number];
  if (held !== undefined) return held[k];
  const ids = state.ancestry();
  const list: MetricRecord[] = new Array(nRec);
  const home: Home = [list];
  const spanIds = link(ids, home) as string[];
  // Records made while the same segments were open share one list of their ids, as they did.
  let code: unknown = NaN;
  let segmentIds: readonly string[] = NO_IDS;
  const base = recordBase(tape);
  for (let j = 0; j < nRec; j++) {
    const c = tape[base + j * REC + 6];
    if (c !== code) segmentIds = segmentIdsOf(tape, state.id, (code = c));
    list[j] = rebuildRecord(state, tape, j, spanIds, segmentIds as string[]);
  }
  tape[5] = new WeakRef(home);
  tape[6] = 0;
  return list[k];
}

export function tapeRecordCount(tape: unknown[]): number {
  return tape[2] as number;
}

function recordBase(tape: unknown[]): number {
  return HEADER + (tape[0] as number) * SEG + (tape[1] as number) * INT;
}

export function tapeRecordSeq(tape: unknown[], k: number): number {
  return tape[recordBase(tape) + k * REC + 7] as number;
}

/** Positions of the span's own segments that were open when the record was made. */
function ownPositions(code: unknown): readonly number[] | undefined {
  if (typeof code === 'number') return [code];
  if (code === undefined || Array.isArray(code)) return undefined;
  return (code as SegmentCode).own;
}

/** Applies the descriptions given while `k` records had been made (a flat list of count, key, value). */
function describe(metrics: SpanMetrics, descriptions: unknown[] | undefined, from: number, k: number): number {
  if (descriptions === undefined) return from;
  let d = from;
  while (d < descriptions.length && (descriptions[d] as number) <= k) {
    (metrics as unknown as Record<string, unknown>)[descriptions[d + 1] as string] = descriptions[d + 2];
    d += 3;
  }
  return d;
}

/** The frozen record of an ended span, built from its tape. */
function rebuildSpan(state: SpanState, tape: unknown[]): ExecutionSpan {
  const start = state.startTime;
  const spanId = state.id;
  const nSeg = tape[0] as number;
  const nInt = tape[1] as number;
  const nRec = tape[2] as number;
  const descriptions = tape[3] as unknown[] | undefined;
  const recBase = recordBase(tape);
  // Display metrics: the records folded in order, each shown once and shared by span and segments.
  const metrics = { custom: {} } as SpanMetrics;
  const segMetrics: (Partial<SpanMetrics> | undefined)[] = new Array(nSeg);
  let d = 0;
  for (let k = 0, r = recBase; k < nRec; k++, r += REC) {
    d = describe(metrics, descriptions, d, k);
    const key = tape[r] as string;
    const unit = tape[r + 2];
    const shown =
      typeof unit === 'string'
        ? shownValue(key, tape[r + 1], unit, dec(tape[r + 3], start), undefined)
        : shownValue(key, tape[r + 1], (unit as UnitAndMore).unit, dec(tape[r + 3], start), (unit as UnitAndMore).source);
    put(metrics, key, shown);
    const own = ownPositions(tape[r + 6]);
    if (own !== undefined) for (const p of own) put((segMetrics[p] ??= {}), key, shown);
  }
  describe(metrics, descriptions, d, nRec);
  const endTime = state.endTime!;
  if (metrics.duration === undefined) metrics.duration = spanLength(start, endTime);

  const segments: TimeSegment[] = new Array(nSeg);
  for (let s = 0, i = HEADER; s < nSeg; s++, i += SEG) {
    const id = childId(spanId, 's', tape[i] as number);
    const type = tape[i + 1] as SegmentType;
    const label = tape[i + 2] as string;
    const index = tape[i + 3] as number | undefined;
    const startTime = dec(tape[i + 4], start);
    const end = tape[i + 5] === undefined ? undefined : dec(tape[i + 5], start);
    const m = segMetrics[s];
    const extra = tape[i + 6] as SegmentExtra | true | undefined;
    segments[s] = segmentRecord(
      id,
      spanId,
      startTime,
      type,
      label,
      m === undefined ? NO_METRICS : freezeInPlace(m),
      end,
      index,
      extra === true || extra === undefined ? undefined : extra.plannedMs,
      extra === true || (extra !== undefined && extra.closedByEnd),
      extra === true || extra === undefined ? undefined : extra.cause,
    );
  }

  const timeSpans: TimeSpan[] = new Array(nInt);
  for (let t = 0, i = HEADER + nSeg * SEG; t < nInt; t++, i += INT) {
    const stop = tape[i + 3] === undefined ? undefined : dec(tape[i + 3], start);
    timeSpans[t] = intervalRecord(
      childId(spanId, 't', tape[i] as number),
      tape[i + 1] as Phase,
      dec(tape[i + 2], start),
      state.blockId,
      spanId,
      stop,
    );
  }
  const frozenSegments = (nSeg === 0 ? NO_IDS : Object.freeze(segments)) as TimeSegment[];
  const frozenTimeSpans = (nInt === 0 ? NO_IDS : Object.freeze(timeSpans)) as TimeSpan[];
  return spanRecord(state, false, freezeInPlace(metrics), frozenSegments, frozenTimeSpans);
}

/** The k-th record of an ended span, built from its tape. */
function rebuildRecord(state: SpanState, tape: unknown[], k: number, spanIds: string[], segmentIds: string[]): MetricRecord {
  const start = state.startTime;
  const spanId = state.id;
  const r = recordBase(tape) + k * REC;
  const key = tape[r] as string;
  const value = tape[r + 1];
  let unit = tape[r + 2] as string | UnitAndMore;
  let source: string | undefined;
  let exerciseId: string | undefined;
  if (typeof unit !== 'string') ({ unit, source, exerciseId } = unit);
  const recordedAt = dec(tape[r + 3], start);
  const ts = tape[r + 5];
  let timeSpanId: string | null = null;
  let phase: Phase;
  if (typeof ts === 'string') phase = ts as Phase;
  else {
    const j = typeof ts === 'number' ? ts : (ts as [number, Phase])[0];
    const at = HEADER + (tape[0] as number) * SEG + j * INT;
    timeSpanId = childId(spanId, 't', tape[at] as number);
    phase = typeof ts === 'number' ? (tape[at + 1] as Phase) : (ts as [number, Phase])[1];
  }
  const ctx = tape[r + 8];
  const elapsed = tape[r + 4];
  const context: MetricContext =
    typeof ctx === 'object'
      ? (ctx as MetricContext)
      : typeof elapsed === 'number'
        ? contextRecord(state.type, elapsed, elapsed, ctx as number | undefined, undefined, undefined)
        : contextRecord(state.type, (elapsed as number[])[0]!, (elapsed as number[])[1]!, ctx as number | undefined, undefined, undefined);
  return metricRecord(
    childId(spanId, 'm', k),
    key,
    value,
    unit,
    source,
    recordedAt,
    state.blockId,
    spanId,
    spanIds,
    segmentIds,
    timeSpanId,
    phase,
    context,
    exerciseId,
  );
}

/** A record's segment ids from their code: inherited ids (shared), then its span's own, by position. */
function segmentIdsOf(tape: unknown[], spanId: string, code: unknown): readonly string[] {
  if (code === undefined) return NO_IDS;
  if (Array.isArray(code)) return code as readonly string[];
  const own = ownPositions(code)!;
  const inherited = typeof code === 'number' ? NO_IDS : (code as SegmentCode).inherited;
  const ids = inherited.slice();
  for (const p of own) ids.push(childId(spanId, 's', tape[HEADER + p * SEG] as number));
  return Object.freeze(ids);
}
