/**
 * What the page shows, read from one tracker snapshot: the session and its workout, the block on
 * top, the effort and the rest under way, the open round and minute, the reps done in the effort.
 * A pure function: the same snapshot gives the same answer.
 */
import type { ExecutionSpan, TimeSegment, TrackerSnapshot } from 'workout-spans';

export interface LiveState {
  session: ExecutionSpan | undefined;
  workout: ExecutionSpan | undefined;
  /** The innermost active span: the block on top of the runtime's stack. */
  top: ExecutionSpan | undefined;
  effort: ExecutionSpan | undefined;
  /** The rest block under way, if the top block is one. */
  rest: ExecutionSpan | undefined;
  round: TimeSegment | undefined;
  minute: TimeSegment | undefined;
  /** Reps recorded on the current effort. */
  repsDone: number;
  paused: boolean;
  finished: boolean;
}

function openSegment(spans: readonly ExecutionSpan[], type: TimeSegment['type']): TimeSegment | undefined {
  for (let i = spans.length - 1; i >= 0; i--) {
    const segment = spans[i]!.segments.find((s) => s.type === type && s.endTime === undefined);
    if (segment !== undefined) return segment;
  }
  return undefined;
}

export function liveState(snapshot: TrackerSnapshot): LiveState {
  const roots = snapshot.spans.filter((s) => s.parentSpanId === null);
  const session = roots[roots.length - 1];
  const workout = session === undefined ? undefined : snapshot.spans.find((s) => s.parentSpanId === session.id);
  const active = snapshot.active;
  const top = active[active.length - 1];
  const effort = top?.type === 'effort' ? top : undefined;
  const rest = top !== undefined && top.segments.some((s) => s.type === 'rest' && s.endTime === undefined) ? top : undefined;
  let repsDone = 0;
  if (effort !== undefined) {
    for (const r of snapshot.metrics) if (r.spanId === effort.id && r.key === 'reps' && typeof r.value === 'number') repsDone += r.value;
  }
  return {
    session,
    workout,
    top,
    effort,
    rest,
    round: openSegment(active, 'round'),
    minute: openSegment(active, 'minute'),
    repsDone,
    paused: session?.paused === true,
    finished: session !== undefined && session.status !== 'active',
  };
}
