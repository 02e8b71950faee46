import { PHASES, SPAN_TYPES, type ExecutionSpan, type MetricContext, type MetricRecord } from 'workout-spans';
import { metricProblem } from '../model/metric-keys';
import { KEYS } from './record-keys';
import {
  At,
  bad,
  DIRECTIONS,
  finite,
  has,
  indexNumber,
  IntervalEntry,
  keySet,
  need,
  nonNegative,
  oneOf,
  positiveInteger,
  RECORD_ENTRY,
  SegmentEntry,
  string,
  text,
  type Reading,
} from './reader-kit';

const RECORD_KEYS = keySet(KEYS.record);
const CONTEXT_KEYS = keySet(KEYS.context);
const PARENT_TIMER_KEYS = keySet(KEYS.parentTimer);

function readContext(v: unknown, at: At, span: ExecutionSpan, ancestry: readonly string[], ctx: Reading): MetricContext {
  const o = ctx.object(v, at, 'context', CONTEXT_KEYS);
  const here = new At(at, 'context');
  need(o, 'spanType', here);
  if (oneOf(SPAN_TYPES, o.spanType, here, 'spanType') !== span.type) bad(here, 'spanType', `is not its span's type '${span.type}'`);
  need(o, 'elapsedMs', here);
  nonNegative(o.elapsedMs, here, 'elapsedMs');
  need(o, 'totalElapsedMs', here);
  nonNegative(o.totalElapsedMs, here, 'totalElapsedMs');
  if (has(o, 'roundNumber')) positiveInteger(o.roundNumber, here, 'roundNumber');
  if (has(o, 'minuteIndex')) indexNumber(o.minuteIndex, here, 'minuteIndex');
  if (has(o, 'parentTimer')) {
    const t = ctx.object(o.parentTimer, here, 'parentTimer', PARENT_TIMER_KEYS);
    const tat = new At(here, 'parentTimer');
    need(t, 'blockId', tat);
    const blockId = text(t.blockId, tat, 'blockId');
    let ofAncestor = false;
    for (let i = 0; i < ancestry.length - 1 && !ofAncestor; i++) ofAncestor = ctx.span(ancestry[i]!)!.span!.blockId === blockId;
    if (!ofAncestor) bad(tat, 'blockId', `is not the block of an ancestor ('${blockId}')`);
    need(t, 'elapsedMs', tat);
    nonNegative(t.elapsedMs, tat, 'elapsedMs');
    if (has(t, 'remainingMs')) nonNegative(t.remainingMs, tat, 'remainingMs');
    need(t, 'direction', tat);
    oneOf(DIRECTIONS, t.direction, tat, 'direction');
    o.parentTimer = Object.freeze(t);
  }
  return Object.freeze(o) as unknown as MetricContext;
}

/**
 * Checks record `i` of `list` (at `listAt`) and freezes it: its value against its key, its span
 * (read before), the span's ancestry, open segments of that ancestry, its TimeSpan and phase, its
 * context. `spanIds` becomes the span's shared ancestry array.
 */
export function readRecord(v: unknown, listAt: At, i: number, ctx: Reading): MetricRecord {
  const o = ctx.object(v, listAt, i, RECORD_KEYS);
  const at = new At(listAt, i);
  need(o, 'id', at);
  ctx.claim(text(o.id, at, 'id'), at, RECORD_ENTRY);
  need(o, 'key', at);
  const key = text(o.key, at, 'key');
  need(o, 'value', at);
  need(o, 'unit', at);
  const unit = string(o.unit, at, 'unit');
  const problem = metricProblem(key, o.value, unit);
  // Only the unit is wrong (a measured key needs one): point at the unit.
  if (problem !== undefined) bad(at, problem.unitAtFault ? 'unit' : 'value', `metric '${key}': ${problem.why}`);
  o.value = ctx.json(o.value, at, 'value');
  if (has(o, 'source')) string(o.source, at, 'source');
  need(o, 'recordedAt', at);
  const recordedAt = finite(o.recordedAt, at, 'recordedAt');
  ctx.time(recordedAt, at, 'recordedAt');
  need(o, 'blockId', at);
  const blockId = text(o.blockId, at, 'blockId');
  need(o, 'spanId', at);
  const spanId = text(o.spanId, at, 'spanId');
  const spanEntry = ctx.span(spanId) ?? bad(at, 'spanId', `names no span ('${spanId}')`);
  const span = spanEntry.span!;
  if (blockId !== span.blockId) bad(at, 'blockId', `is not its span's block '${span.blockId}'`);
  if (recordedAt < span.startTime) bad(at, 'recordedAt', 'before its span started');
  if (span.endTime !== undefined && recordedAt > span.endTime) bad(at, 'recordedAt', 'after its span ended');

  const ancestry = spanEntry.ancestry;
  need(o, 'spanIds', at);
  const spanIds = o.spanIds;
  if (spanIds !== ancestry) {
    const list = ctx.list(spanIds, at, 'spanIds');
    if (list.length !== ancestry.length) bad(at, 'spanIds', `expected the span's ancestry, root first (${ancestry.length} ids)`);
    for (let j = 0; j < list.length; j++) {
      if (list[j] !== ancestry[j]) bad(new At(at, 'spanIds'), j, `expected '${ancestry[j]}' (the span's ancestry, root first)`);
    }
    o.spanIds = ancestry;
  }

  need(o, 'segmentIds', at);
  o.segmentIds = readSegmentIds(o.segmentIds, at, ancestry, ctx);
  if (has(o, 'exerciseId')) text(o.exerciseId, at, 'exerciseId');

  need(o, 'timeSpanId', at);
  const timeSpanId = o.timeSpanId === null ? null : text(o.timeSpanId, at, 'timeSpanId');
  need(o, 'phase', at);
  const recordPhase = oneOf(PHASES, o.phase, at, 'phase');
  if (timeSpanId !== null) {
    const e = ctx.ids.get(timeSpanId);
    const interval = e instanceof IntervalEntry ? e : undefined;
    if (interval === undefined || interval.spanId !== spanId) bad(at, 'timeSpanId', `names no TimeSpan of its span ('${timeSpanId}')`);
    if (interval.type !== recordPhase) bad(at, 'phase', `is not the phase of its TimeSpan ('${interval.type}')`);
  }
  need(o, 'context', at);
  o.context = readContext(o.context, at, span, ancestry, ctx);
  return Object.freeze(o) as unknown as MetricRecord;
}

/**
 * The ids of the open segments a record names: segments of its span or an ancestor, no duplicates.
 * A list the version-2 decoder shares between records is checked for each of them (the rule
 * depends on the record's ancestry) and frozen once.
 */
function readSegmentIds(v: unknown, at: At, ancestry: readonly string[], ctx: Reading): readonly string[] {
  const segmentIds = ctx.list(v, at, 'segmentIds');
  const segAt = new At(at, 'segmentIds');
  // Duplicates: a scan of the few ids before this one, a set for a long list.
  const seen = segmentIds.length > 8 ? new Set<string>() : null;
  for (let j = 0; j < segmentIds.length; j++) {
    const s = text(segmentIds[j], segAt, j);
    const e = ctx.ids.get(s);
    const owner = e instanceof SegmentEntry ? e.spanId : undefined;
    if (owner === undefined || !ancestry.includes(owner)) bad(segAt, j, `names no segment of the span or its ancestors ('${s}')`);
    if (seen === null) {
      for (let k = 0; k < j; k++) if (segmentIds[k] === s) bad(segAt, j, `duplicate segment id '${s}'`);
    } else {
      if (seen.has(s)) bad(segAt, j, `duplicate segment id '${s}'`);
      seen.add(s);
    }
  }
  return Object.freeze(segmentIds) as string[];
}
