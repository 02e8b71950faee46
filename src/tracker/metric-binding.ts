import { childId } from '../model/ids';
import type { KnownMetric } from '../model/metric-keys';
import type { MetricContext, MetricRecord } from '../model/types';
import type { SegmentCode } from './ended-span';
import { NO_METRICS, put, shownValue } from './frozen-metrics';
import type { RecordHomes } from './record-homes';
import { contextRecord, metricRecord } from './record-shapes';
import { NONE, type SegmentState, type SpanState } from './span-state';

const NO_IDS: readonly string[] = Object.freeze([]);

/**
 * Ids of the segments open across the span's ancestry, root first (cached per segment epoch, shared
 * by the records made in it), and how an ended span's tape encodes them (`SegmentCode`: nothing, the
 * inherited ids alone, one own segment's position, or both). Built at their exact length (`map`,
 * `concat`): an array grown by `push` keeps room for 17 ids.
 */
function openSegmentIds(state: SpanState, epoch: number): readonly string[] {
  const live = state.live;
  if (live.segmentEpoch === epoch) return live.segmentIds;
  const inherited = state.parent === null ? NO_IDS : openSegmentIds(state.parent, epoch);
  const open = live.open;
  if (open.length === 0) {
    live.segmentIds = inherited;
    live.segmentCode = inherited.length === 0 ? undefined : inherited;
  } else {
    const own = open.map((seg) => seg.id);
    live.segmentIds = Object.freeze(inherited.length === 0 ? own : inherited.concat(own));
    live.segmentCode =
      open.length === 1 && inherited.length === 0 ? open[0]!.pos : ({ inherited, own: open.map((seg) => seg.pos) } satisfies SegmentCode);
  }
  live.segmentEpoch = epoch;
  return live.segmentIds;
}

/** 1-based number of a round segment: its index + 1, else its place among the span's rounds. */
function roundNumberOf(owner: SpanState, seg: SegmentState): number {
  if (seg.index !== undefined) return seg.index + 1;
  let n = 0;
  for (const s of owner.live.segments) {
    if (s.type === 'round') n++;
    if (s === seg) break;
  }
  return n;
}

function minuteIndexOf(owner: SpanState, seg: SegmentState): number {
  if (seg.index !== undefined) return seg.index;
  let n = -1;
  for (const s of owner.live.segments) {
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
      else if (s.live.metrics.currentRound !== undefined) round = s.live.metrics.currentRound;
    }
    if (minute === undefined && s.live.open.length > 0) {
      const seg = s.openOfType('minute');
      if (seg !== undefined) minute = minuteIndexOf(s, seg);
    }
  }
  let parentTimer: MetricContext['parentTimer'];
  const timer = state.live.timerAncestor;
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
  return contextRecord(state.type, state.elapsedAt(at), state.root.elapsedAt(at), round, minute, parentTimer);
}

/** A record made while paused names the open pause segments: they are kept even at zero length. */
function nameOpenPauses(state: SpanState): void {
  for (let s: SpanState | null = state; s !== null; s = s.parent) {
    const seg = s.pauseSegment;
    if (seg !== undefined) seg.named = true;
  }
}

/** A record, and what its span's tape needs to keep it compact once the span ends. */
export interface BoundRecord {
  record: MetricRecord;
  /** How its segment ids are made (see `SegmentCode`). */
  segments: unknown;
  /** Place of its running interval in the span's intervals; -1 while paused. */
  interval: number;
}

/** Scratch result of `bindRecord`, reused call after call. */
const bound: BoundRecord = { record: undefined as unknown as MetricRecord, segments: undefined, interval: -1 };

/**
 * Builds the frozen record of a metric on `state` at `at` (`value` already copied and frozen). The
 * span's first record gives it its `spanIds` list and a home for its records (see `record-homes`).
 */
export function bindRecord(
  state: SpanState,
  key: string,
  value: unknown,
  unit: string,
  source: string | undefined,
  exerciseId: string | undefined,
  at: number,
  segmentEpoch: number,
  homes: RecordHomes,
): BoundRecord {
  const live = state.live;
  if (live.spanIds === null) {
    const ids = state.ancestry();
    if (live.records === NONE) live.records = [];
    live.homeIndex = homes.open(ids, live.records);
    live.home = homes.weak;
    live.spanIds = ids;
  }
  const interval = live.openInterval;
  if (interval !== null) live.openIntervalNamed = true;
  else nameOpenPauses(state);
  const id = childId(state.id, 'm', live.nextRecord++);
  const segmentIds = openSegmentIds(state, segmentEpoch) as string[];
  const timeSpanId = interval === null ? null : interval.id;
  const context = contextAt(state, at);
  bound.record = metricRecord(
    id,
    key,
    value,
    unit,
    source,
    at,
    state.blockId,
    state.id,
    live.spanIds as string[],
    segmentIds,
    timeSpanId,
    live.phase,
    context,
    exerciseId,
  );
  bound.segments = live.segmentCode;
  bound.interval = interval === null ? -1 : live.intervals.length - 1;
  return bound;
}

/**
 * Shows the record in the span's display metrics and in those of its open segments. What it shows
 * (a frozen MetricValue, or a bare key's value) is built once and shared by all of them.
 */
export function showRecord(state: SpanState, record: MetricRecord, known: KnownMetric | undefined): void {
  const { key } = record;
  const shown = shownValue(key, record.value, record.unit, record.recordedAt, record.source, known);
  put(state.writableMetrics(), key, shown, known);
  state.touchMetrics();
  const open = state.live.open;
  for (let i = 0; i < open.length; i++) {
    const seg = open[i]!;
    if (seg.metrics === NO_METRICS) seg.metrics = {};
    put(seg.metrics, key, shown, known);
    state.touchSegment(seg);
  }
}
