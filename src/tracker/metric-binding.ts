import { childId } from '../model/ids';
import { knownMetric } from '../model/metric-keys';
import type { MetricContext, MetricRecord, MetricValue, SpanMetrics } from '../model/types';
import type { SegmentState, SpanState } from './span-state';

const NO_IDS: readonly string[] = Object.freeze([]);

/**
 * Ids of the segments open across the span's ancestry, root first (cached per segment epoch, shared
 * by the records made in it). Built at their exact length (`map`, `concat`): an array grown by `push`
 * keeps room for 17 ids.
 */
function openSegmentIds(state: SpanState, epoch: number): readonly string[] {
  if (state.segmentIdsEpoch === epoch) return state.segmentIdsCache;
  const inherited = state.parent === null ? NO_IDS : openSegmentIds(state.parent, epoch);
  const own = state.open.length === 0 ? NO_IDS : state.open.map((seg) => seg.id);
  const ids = own.length === 0 ? inherited : inherited.length === 0 ? own : inherited.concat(own);
  state.segmentIdsCache = ids === NO_IDS || ids === inherited ? ids : Object.freeze(ids);
  state.segmentIdsEpoch = epoch;
  return state.segmentIdsCache;
}

/** 1-based number of a round segment: its index + 1, else its place among the span's rounds. */
function roundNumberOf(owner: SpanState, seg: SegmentState): number {
  if (seg.index !== undefined) return seg.index + 1;
  let n = 0;
  for (const s of owner.segments) {
    if (s.type === 'round') n++;
    if (s === seg) break;
  }
  return n;
}

function minuteIndexOf(owner: SpanState, seg: SegmentState): number {
  if (seg.index !== undefined) return seg.index;
  let n = -1;
  for (const s of owner.segments) {
    if (s.type === 'minute') n++;
    if (s === seg) break;
  }
  return n;
}

/** The context of a record at `at`: where in the workout it was made. */
function contextAt(state: SpanState, at: number): MetricContext {
  let round: number | undefined;
  let minute: number | undefined;
  for (let s: SpanState | null = state; s !== null && (round === undefined || minute === undefined); s = s.parent) {
    if (round === undefined) {
      const seg = s.openOfType('round');
      if (seg !== undefined) round = roundNumberOf(s, seg);
      else if (s.metrics.currentRound !== undefined) round = s.metrics.currentRound;
    }
    if (minute === undefined) {
      const seg = s.openOfType('minute');
      if (seg !== undefined) minute = minuteIndexOf(s, seg);
    }
  }
  let parentTimer: MetricContext['parentTimer'];
  const timer = state.timerAncestor;
  if (timer !== null) {
    const elapsedMs = timer.elapsedAt(at);
    const durationMs = timer.timer?.durationMs;
    const direction = timer.timer?.direction ?? 'up';
    const { blockId } = timer;
    parentTimer = Object.freeze(
      durationMs === undefined
        ? { blockId, elapsedMs, direction }
        : { blockId, elapsedMs, remainingMs: Math.max(0, durationMs - elapsedMs), direction },
    );
  }
  return Object.freeze(contextOf(state.type, state.elapsedAt(at), state.root.elapsedAt(at), round, minute, parentTimer));
}

/**
 * One object literal per shape, with only the fields present: a field added to an object after its
 * literal goes to a separate property store (40 B more per record).
 */
function contextOf(
  spanType: MetricContext['spanType'],
  elapsedMs: number,
  totalElapsedMs: number,
  roundNumber: number | undefined,
  minuteIndex: number | undefined,
  parentTimer: MetricContext['parentTimer'],
): MetricContext {
  if (parentTimer === undefined) {
    if (minuteIndex === undefined) {
      return roundNumber === undefined ? { spanType, elapsedMs, totalElapsedMs } : { spanType, elapsedMs, totalElapsedMs, roundNumber };
    }
    return roundNumber === undefined
      ? { spanType, elapsedMs, totalElapsedMs, minuteIndex }
      : { spanType, elapsedMs, totalElapsedMs, roundNumber, minuteIndex };
  }
  if (minuteIndex === undefined) {
    return roundNumber === undefined
      ? { spanType, elapsedMs, totalElapsedMs, parentTimer }
      : { spanType, elapsedMs, totalElapsedMs, roundNumber, parentTimer };
  }
  return roundNumber === undefined
    ? { spanType, elapsedMs, totalElapsedMs, minuteIndex, parentTimer }
    : { spanType, elapsedMs, totalElapsedMs, roundNumber, minuteIndex, parentTimer };
}

/** A record made while paused names the open pause segments: they are kept even at zero length. */
function nameOpenPauses(state: SpanState): void {
  for (let s: SpanState | null = state; s !== null; s = s.parent) {
    const seg = s.pauseSegment;
    if (seg !== undefined) seg.named = true;
  }
}

/** Builds the frozen record of a metric on `state` at `at` (`value` already copied and frozen). */
export function bindRecord(
  state: SpanState,
  key: string,
  value: unknown,
  unit: string,
  source: string | undefined,
  exerciseId: string | undefined,
  at: number,
  segmentEpoch: number,
): MetricRecord {
  const interval = state.openInterval;
  if (interval !== null) state.openIntervalNamed = true;
  else nameOpenPauses(state);
  const id = childId(state.id, 'm', state.nextRecord++);
  const { blockId, phase } = state;
  const spanId = state.id;
  const spanIds = state.spanIds as string[];
  const segmentIds = openSegmentIds(state, segmentEpoch) as string[];
  const timeSpanId = interval === null ? null : interval.id;
  const context = contextAt(state, at);
  // One literal per shape (see contextOf).
  const record: MetricRecord =
    source === undefined
      ? { id, key, value, unit, recordedAt: at, blockId, spanId, spanIds, segmentIds, timeSpanId, phase, context }
      : { id, key, value, unit, source, recordedAt: at, blockId, spanId, spanIds, segmentIds, timeSpanId, phase, context };
  if (exerciseId !== undefined) record.exerciseId = exerciseId;
  return Object.freeze(record);
}

/**
 * Shows the record in the span's display metrics and in those of its open segments. What it shows
 * (a frozen MetricValue, or a bare key's value) is built once and shared by all of them.
 */
export function showRecord(state: SpanState, record: MetricRecord): void {
  const { key } = record;
  const known = knownMetric(key);
  let shown: unknown = record.value;
  // Measured and custom keys as a MetricValue, the other known keys as the value itself.
  if (known === undefined || known.kind === 'measured') {
    const { value, unit, recordedAt: recorded, source } = record;
    const mv: MetricValue<unknown> = source === undefined ? { value, unit, recorded } : { value, unit, recorded, source };
    shown = Object.freeze(mv);
  }
  put(state.metrics, key, shown, known !== undefined);
  state.touchMetrics();
  for (const seg of state.open) {
    put(seg.metrics, key, shown, known !== undefined);
    state.touchSegment(seg);
  }
}

/** Known keys by name, others under `custom`. */
function put(metrics: Partial<SpanMetrics>, key: string, shown: unknown, known: boolean): void {
  if (known) (metrics as Record<string, unknown>)[key] = shown;
  else (metrics.custom ??= {})[key] = shown as MetricValue<unknown>;
}
