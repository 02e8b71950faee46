import type { ExecutionSpan, MetricRecord, TimeSegment, TrackerSnapshot } from './types';
import { readingInstant } from './instants';

/**
 * One workout as `summarize` reads it (API.md §11): a root span and its tree *as of `at`*. Spans
 * started after `at`, segments opened after it and records made after it are left out, so a
 * summary at an earlier instant reads like one taken then.
 */
export interface WorkoutTree {
  root: ExecutionSpan;
  /** The root and its descendants, in start order. */
  spans: ExecutionSpan[];
  byId: ReadonlyMap<string, ExecutionSpan>;
  /** Records made on a span of the tree, in record order. */
  records: MetricRecord[];
  at: number;
}

/** Finds the workout's root: `rootSpanId`, or the first span whose parent is not in the snapshot. */
function findRoot(snapshot: TrackerSnapshot, rootSpanId: string | undefined): ExecutionSpan {
  if (rootSpanId !== undefined) {
    const span = snapshot.spans.find((s) => s.id === rootSpanId);
    if (span === undefined) throw new RangeError(`no span '${rootSpanId}' in the snapshot`);
    return span;
  }
  const ids = new Set(snapshot.spans.map((s) => s.id));
  const root = snapshot.spans.find((s) => s.parentSpanId === null || !ids.has(s.parentSpanId));
  if (root === undefined) throw new RangeError('the snapshot holds no span');
  return root;
}

export function workoutTree(snapshot: TrackerSnapshot, options: { at?: number; rootSpanId?: string } = {}): WorkoutTree {
  const root = findRoot(snapshot, options.rootSpanId);
  const inTree = new Set<string>([root.id]);
  const spans: ExecutionSpan[] = [root];
  // Spans come in start order, so a parent is always seen before its children.
  for (const span of snapshot.spans) {
    if (span !== root && span.parentSpanId !== null && inTree.has(span.parentSpanId)) {
      inTree.add(span.id);
      spans.push(span);
    }
  }
  const allRecords = snapshot.metrics.filter((r) => inTree.has(r.spanId));
  const at = options.at ?? readingInstant(spans, allRecords, snapshot.savedAt);
  const visible = spans.filter((s) => s.startTime <= at);
  const byId = new Map(visible.map((s) => [s.id, s]));
  return { root, spans: visible, byId, records: allRecords.filter((r) => r.recordedAt <= at), at };
}

/** Segments of the tree of one type, opened by `at`, in start order. */
export function segmentsOfType(tree: WorkoutTree, type: TimeSegment['type']): TimeSegment[] {
  const out: TimeSegment[] = [];
  for (const span of tree.spans) for (const seg of span.segments) if (seg.type === type && seg.startTime <= tree.at) out.push(seg);
  return out.sort((a, b) => a.startTime - b.startTime);
}

/** Where a segment ends as of `at`: its end, or `at` while it is open then. */
export function segmentEnd(seg: TimeSegment, at: number): number {
  return seg.endTime === undefined ? at : Math.min(seg.endTime, at);
}

/** Whether the span had ended by `at`. */
export function endedBy(span: ExecutionSpan, at: number): boolean {
  return span.endTime !== undefined && span.endTime <= at;
}
