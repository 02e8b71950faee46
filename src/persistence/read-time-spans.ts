import { PHASES, type TimeSpan } from 'workout-spans';
import { KEYS } from './record-keys';
import { At, bad, finite, has, IntervalEntry, keySet, need, oneOf, text, type Obj, type Reading } from './reader-kit';

const TIME_SPAN_KEYS = keySet(KEYS.timeSpan);

/** The span a list of TimeSpans belongs to, as far as their checks need it. */
export interface IntervalOwner {
  id: string;
  blockId: string;
  running: boolean;
  startTime: number;
  endTime: number | undefined;
  paused: boolean;
}

/**
 * Checks and freezes the span's TimeSpans into `o.timeSpans`: in order, not overlapping, inside the
 * span's lifetime; only the last may be open, and a running span has one open.
 */
export function readTimeSpans(o: Obj, at: At, owner: IntervalOwner, ctx: Reading): void {
  const { id, blockId, running, startTime, endTime, paused } = owner;
  const list = ctx.list(o.timeSpans, at, 'timeSpans');
  const listAt = new At(at, 'timeSpans');
  let previousStop = startTime;
  let open = false;
  for (let j = 0; j < list.length; j++) {
    const to = ctx.object(list[j], listAt, j, TIME_SPAN_KEYS);
    const tp = new At(listAt, j);
    need(to, 'id', tp);
    const tsId = text(to.id, tp, 'id');
    const interval = ctx.claim(tsId, tp, new IntervalEntry(id));
    need(to, 'type', tp);
    const tsType = oneOf(PHASES, to.type, tp, 'type');
    need(to, 'start', tp);
    const start = finite(to.start, tp, 'start');
    if (open) bad(tp, null, 'follows a TimeSpan that is still open');
    if (start < startTime) bad(tp, 'start', 'before its span started');
    if (start < previousStop) bad(tp, 'start', 'overlaps the previous TimeSpan');
    ctx.time(start, tp, 'start');
    if (!has(to, 'stop')) {
      if (endTime !== undefined) bad(tp, 'stop', 'missing: a TimeSpan of an ended span is closed');
      if (paused) bad(tp, 'stop', 'missing: a paused span has no running TimeSpan');
      open = true;
    } else {
      const stop = finite(to.stop, tp, 'stop');
      if (stop < start) bad(tp, 'stop', 'before the start');
      if (endTime !== undefined && stop > endTime) bad(tp, 'stop', 'after its span ended');
      ctx.time(stop, tp, 'stop');
      previousStop = stop;
    }
    need(to, 'blockId', tp);
    if (text(to.blockId, tp, 'blockId') !== blockId) bad(tp, 'blockId', `is not its span's block '${blockId}'`);
    if (has(to, 'parentSpanId') && text(to.parentSpanId, tp, 'parentSpanId') !== id)
      bad(tp, 'parentSpanId', `does not name its span '${id}'`);
    interval.type = tsType;
    list[j] = Object.freeze(to);
  }
  if (running && !paused && !open) bad(at, 'timeSpans', 'a running span has an open TimeSpan (its last)');
  o.timeSpans = Object.freeze(list) as TimeSpan[];
}
