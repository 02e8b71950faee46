import { SPAN_STATUSES, SPAN_TYPES, type ExecutionSpan } from 'workout-spans';
import { readMetrics, readTimer } from './read-metrics';
import { readSegments } from './read-segments';
import { readTimeSpans } from './read-time-spans';
import { KEYS, MAX_END_REASON } from './record-keys';
import { At, bad, boolean, finite, has, keySet, need, oneOf, SpanEntry, string, text, type Reading } from './reader-kit';

const SPAN_KEYS = keySet(KEYS.span);

/**
 * Checks span `i` of `list` (at `listAt`) and freezes it: its fields, its parent (listed before it,
 * active while it is, not ended before it), its segments and TimeSpans. Notes its id and ancestry.
 */
export function readSpan(v: unknown, listAt: At, i: number, ctx: Reading): ExecutionSpan {
  const o = ctx.object(v, listAt, i, SPAN_KEYS);
  const at = new At(listAt, i);
  need(o, 'id', at);
  const id = text(o.id, at, 'id');
  const entry = ctx.claim(id, at, new SpanEntry());
  need(o, 'blockId', at);
  const blockId = text(o.blockId, at, 'blockId');
  need(o, 'parentSpanId', at);
  const parentSpanId = o.parentSpanId === null ? null : text(o.parentSpanId, at, 'parentSpanId');
  let parent: ExecutionSpan | null = null;
  let parentEntry: SpanEntry | undefined;
  if (parentSpanId !== null) {
    parentEntry = ctx.span(parentSpanId) ?? bad(at, 'parentSpanId', `names no span listed before this one ('${parentSpanId}')`);
    parent = parentEntry.span;
  }
  need(o, 'type', at);
  oneOf(SPAN_TYPES, o.type, at, 'type');
  need(o, 'label', at);
  string(o.label, at, 'label');
  need(o, 'status', at);
  const status = oneOf(SPAN_STATUSES, o.status, at, 'status');
  need(o, 'startTime', at);
  const startTime = finite(o.startTime, at, 'startTime');
  ctx.time(startTime, at, 'startTime');
  const endTime = has(o, 'endTime') ? finite(o.endTime, at, 'endTime') : undefined;
  if (status === 'active') {
    if (endTime !== undefined) bad(at, 'endTime', 'an active span has no endTime');
  } else if (endTime === undefined) {
    bad(at, 'endTime', `missing: a ${status} span has an endTime`);
  } else {
    if (endTime < startTime) bad(at, 'endTime', 'before the startTime');
    ctx.time(endTime, at, 'endTime');
  }
  if (parent !== null) {
    if (startTime < parent.startTime) bad(at, 'startTime', 'before its parent started');
    if (status === 'active' && parent.status !== 'active') bad(at, 'status', 'active under a parent that has ended');
    if (endTime !== undefined && parent.endTime !== undefined && endTime > parent.endTime) bad(at, 'endTime', 'after its parent ended');
  }
  if (status === 'active') {
    if (ctx.activeBlocks.has(blockId)) bad(at, 'blockId', `another active span has block '${blockId}'`);
    ctx.activeBlocks.add(blockId);
  }
  need(o, 'paused', at);
  const paused = boolean(o.paused, at, 'paused');
  if (has(o, 'timer')) o.timer = readTimer(o.timer, at, ctx);
  if (has(o, 'error')) string(o.error, at, 'error');
  if (has(o, 'endReason')) {
    const reason = text(o.endReason, at, 'endReason');
    if (reason.length > MAX_END_REASON) bad(at, 'endReason', `longer than ${MAX_END_REASON} characters`);
    if (status === 'active') bad(at, 'endReason', 'an active span has no endReason');
  }
  need(o, 'metrics', at);
  o.metrics = readMetrics(o.metrics, at, true, ctx);

  need(o, 'segments', at);
  const pauseOpen = readSegments(o, at, id, startTime, endTime, ctx);
  if (paused !== pauseOpen)
    bad(at, 'paused', pauseOpen ? 'a span with an open pause segment is paused' : 'a paused span has an open pause segment');
  if (status === 'active' && !paused && parent !== null && parent.paused) bad(at, 'paused', 'running while its parent is paused');

  need(o, 'timeSpans', at);
  readTimeSpans(o, at, { id, blockId, running: status === 'active', startTime, endTime, paused }, ctx);

  const span = Object.freeze(o) as unknown as ExecutionSpan;
  entry.ancestry = Object.freeze(parentEntry === undefined ? [id] : [...parentEntry.ancestry, id]);
  entry.span = span;
  return span;
}
