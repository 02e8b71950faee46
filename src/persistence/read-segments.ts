import { SEGMENT_TYPES, type SegmentType, type TimeSegment } from 'workout-spans';
import { readMetrics } from './read-metrics';
import { CAUSES, KEYS } from './record-keys';
import {
  At,
  bad,
  finite,
  has,
  indexNumber,
  keySet,
  need,
  nonNegative,
  oneOf,
  SegmentEntry,
  string,
  text,
  type Obj,
  type Reading,
} from './reader-kit';

const SEGMENT_KEYS = keySet(KEYS.segment);

/**
 * Checks and freezes the span's segments into `o.segments`: in start order, owned by this span,
 * inside its lifetime, at most one open per type. Returns true when a pause segment is open.
 */
export function readSegments(o: Obj, at: At, id: string, startTime: number, endTime: number | undefined, ctx: Reading): boolean {
  const list = ctx.list(o.segments, at, 'segments');
  const listAt = new At(at, 'segments');
  let openTypes: SegmentType[] | null = null;
  let previousStart = -Infinity;
  for (let j = 0; j < list.length; j++) {
    const so = ctx.object(list[j], listAt, j, SEGMENT_KEYS);
    const sp = new At(listAt, j);
    need(so, 'id', sp);
    const segId = text(so.id, sp, 'id');
    ctx.claim(segId, sp, new SegmentEntry(id));
    need(so, 'parentSpanId', sp);
    if (text(so.parentSpanId, sp, 'parentSpanId') !== id) bad(sp, 'parentSpanId', `does not name its span '${id}'`);
    need(so, 'startTime', sp);
    const segStart = finite(so.startTime, sp, 'startTime');
    if (segStart < startTime) bad(sp, 'startTime', 'before its span started');
    if (segStart < previousStart) bad(sp, 'startTime', 'segments are not in start order');
    previousStart = segStart;
    ctx.time(segStart, sp, 'startTime');
    let segEnd: number | undefined;
    if (has(so, 'endTime')) {
      segEnd = finite(so.endTime, sp, 'endTime');
      if (segEnd < segStart) bad(sp, 'endTime', 'before the startTime');
      if (endTime !== undefined && segEnd > endTime) bad(sp, 'endTime', 'after its span ended');
      ctx.time(segEnd, sp, 'endTime');
    } else if (endTime !== undefined) {
      bad(sp, 'endTime', 'missing: a segment of an ended span is closed');
    }
    need(so, 'type', sp);
    const segType = oneOf(SEGMENT_TYPES, so.type, sp, 'type');
    if (segEnd === undefined) {
      if (openTypes === null) openTypes = [];
      else if (openTypes.includes(segType)) bad(sp, 'endTime', `missing: a span has at most one open '${segType}' segment`);
      openTypes.push(segType);
    }
    need(so, 'label', sp);
    string(so.label, sp, 'label');
    if (has(so, 'index')) indexNumber(so.index, sp, 'index');
    if (has(so, 'plannedMs')) nonNegative(so.plannedMs, sp, 'plannedMs');
    if (has(so, 'closedByEnd')) {
      if (so.closedByEnd !== true) bad(sp, 'closedByEnd', 'expected true (or no field)');
      if (segEnd === undefined || endTime === undefined || segEnd !== endTime)
        bad(sp, 'closedByEnd', 'the segment does not end with its span');
    }
    if (has(so, 'cause')) oneOf(CAUSES, so.cause, sp, 'cause');
    need(so, 'metrics', sp);
    so.metrics = readMetrics(so.metrics, sp, false, ctx);
    list[j] = Object.freeze(so);
  }
  o.segments = Object.freeze(list) as TimeSegment[];
  return openTypes !== null && openTypes.includes('pause');
}
