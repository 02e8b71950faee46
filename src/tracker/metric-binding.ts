import { childId } from '../model/ids';
import type { MetricContext, MetricRecord, MetricValue, SpanMetrics } from '../model/types';
import type { SegmentState, SpanState } from './span-state';

const VALUE_KEYS = new Set(['reps', 'weight', 'distance', 'duration', 'elapsed']);
const BARE_KEYS = new Set(['currentRound', 'totalRounds', 'targetReps', 'exerciseId', 'exerciseImage']);

/** Ids of the segments open across the span's ancestry, root first (cached per segment epoch). */
function openSegmentIds(state: SpanState, epoch: number): readonly string[] {
  if (state.segmentIdsEpoch === epoch) return state.segmentIdsCache;
  const ids: string[] = state.parent === null ? [] : [...openSegmentIds(state.parent, epoch)];
  for (const seg of state.open) ids.push(seg.id);
  state.segmentIdsCache = Object.freeze(ids);
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

/** The context of a record at `at` (API.md §1 MetricRecord.context). */
function contextAt(state: SpanState, at: number): MetricContext {
  const context: MetricContext = {
    spanType: state.type,
    elapsedMs: state.elapsedAt(at),
    totalElapsedMs: state.root.elapsedAt(at),
  };
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
  if (round !== undefined) context.roundNumber = round;
  if (minute !== undefined) context.minuteIndex = minute;
  const timer = state.timerAncestor;
  if (timer !== null) {
    const elapsedMs = timer.elapsedAt(at);
    const durationMs = timer.timer?.durationMs;
    const parentTimer: NonNullable<MetricContext['parentTimer']> = {
      blockId: timer.blockId,
      elapsedMs,
      direction: timer.timer?.direction ?? 'up',
    };
    if (durationMs !== undefined) parentTimer.remainingMs = Math.max(0, durationMs - elapsedMs);
    context.parentTimer = Object.freeze(parentTimer);
  }
  return Object.freeze(context);
}

/** Builds the frozen record of a metric on `state` at `at`. */
export function bindRecord(
  state: SpanState,
  key: string,
  value: unknown,
  unit: string,
  source: string | undefined,
  at: number,
  segmentEpoch: number,
): MetricRecord {
  const interval = state.openInterval;
  if (interval !== null) state.openIntervalNamed = true;
  const record: MetricRecord = {
    id: childId(state.id, 'm', state.nextRecord++),
    key,
    value: freezeValue(value),
    unit,
    recordedAt: at,
    blockId: state.blockId,
    spanId: state.id,
    spanIds: state.spanIds as string[],
    segmentIds: openSegmentIds(state, segmentEpoch) as string[],
    timeSpanId: interval === null ? null : interval.id,
    phase: state.phase,
    context: contextAt(state, at),
  };
  if (source !== undefined) record.source = source;
  return Object.freeze(record);
}

function freezeValue<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return Object.freeze(value.map(freezeValue)) as T;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) out[k] = freezeValue((value as Record<string, unknown>)[k]);
  return Object.freeze(out) as T;
}

/** Writes the record into display metrics: known keys by name, others under `custom`. */
export function applyToMetrics(metrics: Partial<SpanMetrics>, record: MetricRecord): void {
  const { key, value } = record;
  const m = metrics as Record<string, unknown>;
  if (VALUE_KEYS.has(key) || !(BARE_KEYS.has(key) || key === 'repScheme')) {
    const mv: MetricValue<unknown> = { value: record.value, unit: record.unit, recorded: record.recordedAt };
    if (record.source !== undefined) mv.source = record.source;
    Object.freeze(mv);
    if (VALUE_KEYS.has(key)) m[key] = mv;
    else (metrics.custom ??= {})[key] = mv;
  } else {
    m[key] = value;
  }
}
