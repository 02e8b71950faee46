import { TrackerError } from '../errors/tracker-error';
import type { RuntimeMemory } from '../memory/runtime-memory';
import { latestInstant } from '../model/instants';
import type { ExecutionSpan, MetricRecord, SamplesView, SpanMetrics, TrackerSnapshot } from '../model/types';
import type { Dispatch } from './dispatch';
import type { TrackerOptions } from './options';
import type { SampleStore } from './sample-store';
import { SpanState, type RunningInterval, type SegmentState } from './span-state';
import { adoptTime, interrupt } from './span-time';
import type { TrackerClock } from './tracker-clock';

export interface RestoreOptions extends TrackerOptions {
  /** Share the caller's memory instead of a new one. */
  memory?: RuntimeMemory;
}

/** The parts of the (empty) tracker a snapshot is loaded into. */
export interface RestoreTarget {
  clock: TrackerClock;
  dispatch: Dispatch;
  samples: SampleStore;
  insertSpan(state: SpanState): void;
  insertRecord(state: SpanState, record: MetricRecord): void;
}

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
  state.endReason = span.endReason;
  const live = state.live;
  live.restored = true;
  live.metrics = copyMetrics(span.metrics);
  for (const seg of span.segments) {
    const s: SegmentState = {
      id: seg.id,
      type: seg.type,
      label: seg.label,
      index: seg.index,
      plannedMs: seg.plannedMs,
      startTime: seg.startTime,
      endTime: seg.endTime,
      metrics: copyMetrics(seg.metrics),
      closedByEnd: seg.closedByEnd === true,
      cause: seg.cause,
      named: named.has(seg.id),
      pos: -1,
      n: -1,
      snap: null,
    };
    state.addSegment(s);
  }
  for (const ts of span.timeSpans) {
    const interval: RunningInterval = { id: ts.id, type: ts.type, start: ts.start, blockId: ts.blockId, parentSpanId: state.id };
    state.addInterval(interval);
    if (ts.stop === undefined) {
      live.openInterval = interval;
      live.openIntervalNamed = named.has(ts.id);
    } else {
      interval.stop = ts.stop;
      live.closedElapsed += ts.stop - ts.start;
      Object.freeze(interval);
    }
  }
  live.nextSegment = counters.next(span.id, 's', span.segments.length);
  live.nextInterval = counters.next(span.id, 't', span.timeSpans.length);
  return state;
}

/** Copies the samples of a snapshot into the tracker's store. */
function restoreSamples(store: SampleStore, view: SamplesView | undefined): void {
  if (view === undefined || view === null || typeof view.roots !== 'function') return;
  for (const root of view.roots()) {
    for (const key of view.keys(root)) {
      const series = view.get(root, key);
      if (series === undefined) continue;
      for (let i = 0; i < series.t.length; i++) store.add(root, key, series.t[i]!, series.v[i]!, series.unit);
    }
  }
}

/**
 * Loads a snapshot into an empty tracker: active spans stay active and the context stack is rebuilt;
 * the samples come back.
 *
 * Time: a document (`savedAt` set) was saved at `savedAt`; the time between then and now is an
 * 'Interrupted' pause (cause 'reload') on every active span that was running, while the running time
 * up to `savedAt` stays running time. A span that was paused when saved stays paused: its open pause
 * already covers the gap. A live snapshot (no `savedAt`) carries on with no gap, like a copy of the
 * tracker. When the snapshot reaches later than this device's clock (saved on a device whose clock
 * was ahead), tracking time carries on from there at this clock's pace instead of standing still,
 * and a CLOCK_SKEW error says by how much.
 */
export function adoptSnapshot(target: RestoreTarget, snapshot: TrackerSnapshot): void {
  if (snapshot === null || typeof snapshot !== 'object' || !Array.isArray(snapshot.spans) || !Array.isArray(snapshot.metrics)) {
    throw new TrackerError('CORRUPT_DATA', 'restore: expected a TrackerSnapshot (use deserialize first)', { path: '$' });
  }
  const latest = latestInstant(snapshot.spans, snapshot.metrics, snapshot.savedAt);
  const savedAt = typeof snapshot.savedAt === 'number' && Number.isFinite(snapshot.savedAt) ? snapshot.savedAt : undefined;
  const skew = target.clock.carryOnFrom(latest);
  if (skew > 0) {
    target.dispatch.report(
      new TrackerError('CLOCK_SKEW', `restore: the session reaches ${skew} ms past this device's clock; tracking carries on from there`, {
        skewMs: skew,
        latest,
      }),
      true,
    );
  }
  const now = target.clock.now(latest);
  const named = new Set<string>();
  const counters = new Counters();
  for (const r of snapshot.metrics) {
    if (r.timeSpanId !== null) named.add(r.timeSpanId);
    for (const id of r.segmentIds) named.add(id);
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
      if (span.status === 'active' && parent !== null && parent.status !== 'active') {
        // An active span runs inside active ancestors only: its time and rest depend on them.
        throw new TrackerError('CORRUPT_DATA', `restore: span '${span.id}' is active under a parent that has ended`, {
          path: `$.spans[${snapshot.spans.indexOf(span)}].status`,
        });
      }
      const state = stateOf(span, parent, named, counters);
      states.set(span.id, state);
      target.insertSpan(state);
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
    target.insertRecord(state, record);
    counts.set(state, (counts.get(state) ?? 0) + 1);
  }
  for (const state of states.values()) if (!state.sealed) state.live.nextRecord = counters.next(state.id, 'm', counts.get(state) ?? 0);
  const all = [...states.values()];
  adoptTime(all);
  restoreSamples(target.samples, snapshot.samples);
  if (savedAt !== undefined && now > savedAt) interrupt(target.dispatch, all, savedAt, now, 'reload', 'paused');
  target.dispatch.segmentEpoch++;
  target.dispatch.commit();
}
