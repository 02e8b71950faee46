import type { ExecutionSpan, MetricRecord, TimeSegment, TrackerSnapshot } from './types';
import { readingInstant } from './instants';

/**
 * One workout as the readers of a snapshot see it (the summary, the FIT file): a root span and its
 * tree *as of `at`*. Spans started after `at`, segments opened after it and records made after it
 * are left out, so a workout read at an earlier instant reads like one taken then.
 */
export interface WorkoutTree {
  root: ExecutionSpan;
  /** The root and its descendants started by `at`, in snapshot (start) order. */
  spans: ExecutionSpan[];
  byId: ReadonlyMap<string, ExecutionSpan>;
  /** Records made on a span of the tree by `at`, in record order. */
  records: MetricRecord[];
  at: number;
}

/** The children of each span id, in snapshot order. One pass, so a tree of any depth costs O(spans). */
function childrenByParent(spans: readonly ExecutionSpan[]): Map<string, ExecutionSpan[]> {
  const out = new Map<string, ExecutionSpan[]>();
  for (const span of spans) {
    if (span.parentSpanId === null) continue;
    const list = out.get(span.parentSpanId);
    if (list === undefined) out.set(span.parentSpanId, [span]);
    else list.push(span);
  }
  return out;
}

/** The first span whose parent is not in the snapshot (a root), or undefined when there is none. */
export function firstRoot(spans: readonly ExecutionSpan[]): ExecutionSpan | undefined {
  const ids = new Set(spans.map((s) => s.id));
  return spans.find((s) => s.parentSpanId === null || !ids.has(s.parentSpanId));
}

/**
 * The workout a snapshot holds: the first root, then down through `group` spans that have exactly
 * one child (`workoutWithin`).
 */
export function workoutRoot(spans: readonly ExecutionSpan[]): ExecutionSpan | undefined {
  const root = firstRoot(spans);
  return root === undefined ? undefined : workoutWithin(root, spans);
}

/**
 * The workout inside `span`: `span`, then down through `group` spans that have exactly one child. A
 * block runtime wraps each workout in a session block (and sometimes that in an app block); the
 * workout inside is what the athlete did and what a summary is about. A group with two children (a
 * warm-up and the workout) is itself the workout. Walks down in a loop: any depth.
 */
export function workoutWithin(span: ExecutionSpan, spans: readonly ExecutionSpan[]): ExecutionSpan {
  const children = childrenByParent(spans);
  const seen = new Set<ExecutionSpan>();
  while (span.type === 'group' && !seen.has(span)) {
    seen.add(span);
    const kids: ExecutionSpan[] | undefined = children.get(span.id);
    if (kids?.length !== 1) break;
    span = kids[0]!;
  }
  return span;
}

/**
 * The tree of `root` in `snapshot`, read at `at` (default: the latest instant the tree or the
 * snapshot's `savedAt` reaches). Descendants are found breadth-first through a children map, so
 * neither the depth of the tree nor the order of the spans in the snapshot matters, and a span
 * whose parents form a cycle is never reached.
 */
export function treeOf(snapshot: TrackerSnapshot, root: ExecutionSpan, at?: number): WorkoutTree {
  const children = childrenByParent(snapshot.spans);
  const inTree = new Set<string>([root.id]);
  const queue: ExecutionSpan[] = [root];
  for (let i = 0; i < queue.length; i++) {
    for (const child of children.get(queue[i]!.id) ?? []) {
      if (inTree.has(child.id)) continue;
      inTree.add(child.id);
      queue.push(child);
    }
  }
  const spans = snapshot.spans.filter((s) => s === root || (s.id !== root.id && inTree.has(s.id)));
  const allRecords = snapshot.metrics.filter((r) => inTree.has(r.spanId));
  const reading = at ?? readingInstant(spans, allRecords, snapshot.savedAt);
  const visible = spans.filter((s) => s.startTime <= reading);
  const byId = new Map(visible.map((s) => [s.id, s]));
  return { root, spans: visible, byId, records: allRecords.filter((r) => r.recordedAt <= reading), at: reading };
}

/**
 * The tree of `rootSpanId`, or of the workout the snapshot holds (`workoutRoot`: inside a runtime's
 * session wrapper), as `summarize` reads it. A RangeError when there is no such span.
 */
export function workoutTree(snapshot: TrackerSnapshot, options: { at?: number; rootSpanId?: string } = {}): WorkoutTree {
  const { rootSpanId } = options;
  const root = rootSpanId === undefined ? workoutRoot(snapshot.spans) : snapshot.spans.find((s) => s.id === rootSpanId);
  if (root === undefined)
    throw new RangeError(rootSpanId === undefined ? 'the snapshot holds no span' : `no span '${rootSpanId}' in the snapshot`);
  return treeOf(snapshot, root, options.at);
}

/** A segment with the span that holds it: a round is judged by its own span, whatever the root read. */
export interface OwnedSegment {
  segment: TimeSegment;
  owner: ExecutionSpan;
}

/**
 * Whether a segment is 0 ms long and opened at the instant its span ended. A runtime whose clock
 * stands still within a turn opens the next round and then sees the cap: that round never ran, and
 * listing it would add an empty round (and an AMRAP would score one round fewer).
 */
export function openedAtTheEnd(segment: TimeSegment, owner: ExecutionSpan): boolean {
  return segment.endTime === segment.startTime && owner.endTime === segment.startTime;
}

/**
 * The tree's segments of one type opened by `at`, in start order (ties in span, then segment,
 * order), each with its span, leaving out those `openedAtTheEnd`: the rounds, minutes, rests and
 * pauses every reader of a workout (the summary, the FIT file) lists.
 */
export function listedSegments(tree: WorkoutTree, type: TimeSegment['type']): OwnedSegment[] {
  const out: OwnedSegment[] = [];
  for (const owner of tree.spans)
    for (const segment of owner.segments)
      if (segment.type === type && segment.startTime <= tree.at && !openedAtTheEnd(segment, owner)) out.push({ segment, owner });
  return out.sort((a, b) => a.segment.startTime - b.segment.startTime);
}

/** A span or a segment: something that ends. */
type Ending = Pick<TimeSegment, 'endTime'>;

/** Where a span or a segment ends as of `at`: its end, or `at` while it is open then. */
export function endAsOf(item: Ending, at: number): number {
  return item.endTime === undefined ? at : Math.min(item.endTime, at);
}

/** Whether a span or a segment had ended by `at`. */
export function endedBy(item: Ending, at: number): boolean {
  return item.endTime !== undefined && item.endTime <= at;
}
