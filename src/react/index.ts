/**
 * workout-spans/react: the tracker in React components, a few lines over
 * `useSyncExternalStore`. Depends on `react` (≥ 18) as an optional peer. From the core it imports
 * types, plus `summarize` (pure functions over a snapshot): this entry holds no copy of the tracker.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { summarize } from 'workout-spans/analysis';
import type { WorkoutSummary } from 'workout-spans/analysis';
import type { ExecutionSpan, SnapshotStore, TrackerSnapshot } from 'workout-spans';

/**
 * What the hooks need from a tracker: the core's `SnapshotStore`, `subscribe` and a `getSnapshot`
 * that returns the same object until the next change. An `ExecutionTracker` is one; so is anything
 * shaped like it.
 */
export type SpanStore = SnapshotStore;

/** The view `useExecutionSpans` returns: the same object while the tracker's snapshot is the same. */
export interface ExecutionSpansView {
  /** Active spans, in start order (frozen). */
  readonly active: ExecutionSpan[];
  /** Spans no longer active (completed, failed or skipped), in start order. */
  readonly completed: ExecutionSpan[];
  /** Every span the tracker holds, by span id. Read only: it is shared by every reader of the snapshot. */
  readonly byId: Map<string, ExecutionSpan>;
  /** The snapshot this view was derived from. */
  readonly snapshot: TrackerSnapshot;
}

/** Derived views, keyed by snapshot identity: one per snapshot, shared by every hook that reads it. */
const views = new WeakMap<TrackerSnapshot, ExecutionSpansView>();

function viewOf(snapshot: TrackerSnapshot): ExecutionSpansView {
  let view = views.get(snapshot);
  if (view === undefined) {
    const byId = new Map<string, ExecutionSpan>();
    for (const span of snapshot.spans) byId.set(span.id, span);
    view = Object.freeze({ active: snapshot.active, completed: snapshot.completed, byId, snapshot });
    views.set(snapshot, view);
  }
  return view;
}

/**
 * `tracker.subscribe` is a method: bound here once per tracker so React does not resubscribe on
 * every render (a new `subscribe` function makes it resubscribe).
 */
function useSubscribe(tracker: SpanStore): (listener: () => void) => () => void {
  return useCallback((listener: () => void) => tracker.subscribe(listener), [tracker]);
}

/**
 * The tracker's spans, re-rendering once per change (or per `batch`), with no polling. Returns the
 * same object while nothing changed. On the server (and while hydrating) it reads the tracker's
 * current snapshot: render from a tracker restored from the same saved session on both sides.
 */
export function useExecutionSpans(tracker: SpanStore): ExecutionSpansView {
  const subscribe = useSubscribe(tracker);
  const read = useCallback(() => viewOf(tracker.getSnapshot()), [tracker]);
  return useSyncExternalStore(subscribe, read, read);
}

/**
 * One span by id, or `undefined`. Re-renders only when that span changes: the tracker hands out the
 * same frozen span object until the span itself changes.
 */
export function useSpan(tracker: SpanStore, spanId: string | null | undefined): ExecutionSpan | undefined {
  const subscribe = useSubscribe(tracker);
  const read = useCallback(() => (spanId == null ? undefined : viewOf(tracker.getSnapshot()).byId.get(spanId)), [tracker, spanId]);
  return useSyncExternalStore(subscribe, read, read);
}

/** Summaries, keyed by snapshot identity, then by root span id (`undefined`: the workout `summarize` finds). */
const summaries = new WeakMap<TrackerSnapshot, Map<string | undefined, WorkoutSummary | undefined>>();

function summaryOf(snapshot: TrackerSnapshot, rootSpanId: string | undefined): WorkoutSummary | undefined {
  let byRoot = summaries.get(snapshot);
  if (byRoot === undefined) {
    byRoot = new Map();
    summaries.set(snapshot, byRoot);
  }
  if (byRoot.has(rootSpanId)) return byRoot.get(rootSpanId);
  const found = rootSpanId === undefined ? snapshot.spans.length > 0 : viewOf(snapshot).byId.has(rootSpanId);
  const summary = found ? summarize(snapshot, rootSpanId === undefined ? {} : { rootSpanId }) : undefined;
  byRoot.set(rootSpanId, summary);
  return summary;
}

/**
 * `summarize(tracker.getSnapshot(), { rootSpanId })`, computed once per change and
 * shared by every reader; `undefined` while the tracker holds no span (or not that root). Like
 * `summarize`, it reads the workout at the latest instant the snapshot reaches: its totals move at
 * each change, not with the wall clock (a ticking display reads `tracker.totals` on its own timer).
 */
export function useWorkoutSummary(tracker: SpanStore, options: { rootSpanId?: string } = {}): WorkoutSummary | undefined {
  const { rootSpanId } = options;
  const subscribe = useSubscribe(tracker);
  const read = useCallback(() => summaryOf(tracker.getSnapshot(), rootSpanId), [tracker, rootSpanId]);
  return useSyncExternalStore(subscribe, read, read);
}
