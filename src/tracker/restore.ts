import { TrackerError } from '../errors/tracker-error';
import type { RuntimeMemory } from '../memory/runtime-memory';
import type { ExecutionSpan, MetricRecord, Phase, SpanMetrics, TimeSpan, TrackerSnapshot } from '../model/types';
import type { TrackerOptions } from './options';
import { SpanState, type RunningInterval, type SegmentState } from './span-state';
import { inRestPeriod } from './span-tree';
import { latestInstant } from '../model/instants';

export interface RestoreOptions extends TrackerOptions {
  /** Share the caller's memory instead of a new one. */
  memory?: RuntimeMemory;
}

/** What `adoptSnapshot` needs of the tracker it loads a snapshot into. */
export interface TrackerInternals {
  now(floor?: number): number;
  insertSpan(state: SpanState): void;
  insertRecord(state: SpanState, record: MetricRecord): void;
  commit(): void;
}

/** Label of the pause segment that covers the time between a save and its restore. */
export const INTERRUPTED_LABEL = 'Interrupted';

/**
 * Next free counter per `spanId.kind`: past every id of the form `<spanId>.<kind><n>` anywhere in the
 * snapshot (not only the span's own), so that ids made after the restore never collide with one.
 */
class Counters {
  readonly #next = new Map<string, number>();

  see(id: string): void {
    const m = /^(.*)\.([stm])(\d+)$/.exec(id);
    if (m === null) return;
    const key = `${m[1]}\u0000${m[2]}`;
    const n = Number(m[3]) + 1;
    if (Number.isSafeInteger(n) && n > (this.#next.get(key) ?? 0)) this.#next.set(key, n);
  }

  next(spanId: string, kind: 's' | 't' | 'm', floor: number): number {
    return Math.max(floor, this.#next.get(`${spanId}\u0000${kind}`) ?? 0);
  }
}

function copyMetrics<M extends Partial<SpanMetrics>>(metrics: M): M {
  const copy = { ...metrics };
  if (metrics.custom !== undefined) copy.custom = { ...metrics.custom };
  return copy;
}

/** The latest instant the span's own segments and intervals reach. */
function lastMoment(state: SpanState): number {
  let t = state.startTime;
  for (const seg of state.segments) t = Math.max(t, seg.startTime, seg.endTime ?? -Infinity);
  for (const ts of state.intervals) t = Math.max(t, ts.start, ts.stop ?? -Infinity);
  return t;
}

/**
 * The phase a restored span is in, as the tracker keeps it: 'rest' while it or an ancestor has a rest
 * open (a paused child inside its parent's rest has no open interval to tell), else the phase of its
 * open interval, else 'work'.
 */
function phaseOf(state: SpanState, last: TimeSpan | undefined): Phase {
  if (inRestPeriod(state)) return 'rest';
  return last !== undefined && last.stop === undefined && last.type !== 'rest' ? last.type : 'work';
}

function stateOf(span: ExecutionSpan, parent: SpanState | null, named: ReadonlySet<string>, counters: Counters): SpanState {
  const state = new SpanState({
    id: span.id,
    blockId: span.blockId,
    parent,
    type: span.type,
    label: span.label,
    timer: span.timer,
    startTime: span.startTime,
  });
  state.status = span.status;
  state.endTime = span.endTime;
  state.error = span.error;
  state.metrics = copyMetrics(span.metrics);
  for (const seg of span.segments) {
    const s: SegmentState = {
      id: seg.id,
      type: seg.type,
      label: seg.label,
      index: seg.index,
      plannedMs: seg.plannedMs,
      closedByEnd: seg.closedByEnd === true,
      startTime: seg.startTime,
      endTime: seg.endTime,
      metrics: copyMetrics(seg.metrics),
      snap: null,
    };
    state.addSegment(s);
  }
  for (const ts of span.timeSpans) {
    const interval: RunningInterval = { id: ts.id, type: ts.type, start: ts.start, blockId: ts.blockId, parentSpanId: state.id };
    state.addInterval(interval);
    if (ts.stop === undefined) {
      state.openInterval = interval;
      state.openIntervalNamed = named.has(ts.id);
    } else {
      interval.stop = ts.stop;
      state.closedElapsed += ts.stop - ts.start;
      Object.freeze(interval);
    }
  }
  state.phase = phaseOf(state, span.timeSpans[span.timeSpans.length - 1]);
  state.nextSegment = counters.next(span.id, 's', span.segments.length);
  state.nextInterval = counters.next(span.id, 't', span.timeSpans.length);
  return state;
}

/**
 * Loads a snapshot into an empty tracker (API.md §11 restore): active spans stay active and the
 * context stack is rebuilt; the time between `savedAt` and now becomes a pause segment labelled
 * 'Interrupted' on every active span that was running. A span that was paused when saved stays
 * paused: its open pause already covers the gap, so the gap is not counted twice.
 */
export function adoptSnapshot(tracker: TrackerInternals, snapshot: TrackerSnapshot): void {
  if (snapshot === null || typeof snapshot !== 'object' || !Array.isArray(snapshot.spans) || !Array.isArray(snapshot.metrics)) {
    throw new TrackerError('CORRUPT_DATA', 'restore: expected a TrackerSnapshot (use deserialize first)', { path: '$' });
  }
  const latest = latestInstant(snapshot.spans, snapshot.metrics, snapshot.savedAt);
  const savedAt = snapshot.savedAt ?? latest;
  const now = tracker.now(latest);
  const named = new Set<string>();
  const counters = new Counters();
  for (const r of snapshot.metrics) {
    if (r.timeSpanId !== null) named.add(r.timeSpanId);
    counters.see(r.id);
  }
  for (const span of snapshot.spans) {
    counters.see(span.id);
    for (const seg of span.segments) counters.see(seg.id);
    for (const ts of span.timeSpans) counters.see(ts.id);
  }

  const states = new Map<string, SpanState>();
  let pending = [...snapshot.spans].sort((a, b) => a.startTime - b.startTime);
  // Parents first: a child never starts before its parent, so start order places parents first;
  // ties are resolved by further passes until every parent exists (linear when the order is right).
  while (pending.length > 0) {
    const deferred: ExecutionSpan[] = [];
    for (const span of pending) {
      const parent = span.parentSpanId === null ? null : states.get(span.parentSpanId);
      if (parent === undefined) {
        deferred.push(span);
        continue;
      }
      const state = stateOf(span, parent, named, counters);
      states.set(span.id, state);
      tracker.insertSpan(state);
    }
    if (deferred.length === pending.length) {
      throw new TrackerError('CORRUPT_DATA', `restore: span '${deferred[0]!.id}' names a parent that is not in the snapshot`, {
        path: `$.spans[${snapshot.spans.indexOf(deferred[0]!)}].parentSpanId`,
      });
    }
    pending = deferred;
  }
  const counts = new Map<SpanState, number>();
  for (const record of snapshot.metrics) {
    const state = states.get(record.spanId);
    if (state === undefined) {
      throw new TrackerError('CORRUPT_DATA', `restore: record '${record.id}' names an unknown span`, {
        path: `$.metrics[${snapshot.metrics.indexOf(record)}].spanId`,
      });
    }
    tracker.insertRecord(state, record);
    counts.set(state, (counts.get(state) ?? 0) + 1);
  }
  for (const state of states.values()) state.nextRecord = counters.next(state.id, 'm', counts.get(state) ?? 0);

  if (now > savedAt) {
    for (const state of states.values()) {
      if (!state.active || state.paused) continue;
      const resumeAt = Math.max(now, state.startTime);
      const from = Math.min(Math.max(savedAt, lastMoment(state)), resumeAt);
      state.stopInterval(from);
      const seg = state.openSegment('pause', INTERRUPTED_LABEL, from);
      state.closeSegment(seg, resumeAt);
      state.startInterval(state.phase, resumeAt);
    }
  }
  tracker.commit();
}
