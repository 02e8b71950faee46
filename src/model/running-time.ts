import { upperBound } from './list';
import type { ExecutionSpan, Phase } from './types';

/**
 * What running time is read from: where a span ends (undefined while it runs) and its running
 * intervals. An `ExecutionSpan` is one; so is a span an exporter has read defensively.
 */
export interface RunningSpan {
  endTime?: number | undefined;
  timeSpans: readonly { type?: string; start: number; stop?: number | undefined }[];
}

/**
 * Running time of a span inside the window [from, to): the overlap of the window with the span's
 * TimeSpans, so pauses are excluded, as *elapsed* is everywhere in the package. With `phase`, only
 * intervals of that phase count (work or rest time of a minute, say). O(intervals) per call.
 */
export function runningMs(span: RunningSpan, from: number, to: number, phase?: Phase): number {
  const end = span.endTime === undefined ? to : Math.min(span.endTime, to);
  let ms = 0;
  for (const ts of span.timeSpans) {
    if (phase !== undefined && ts.type !== phase) continue;
    const stop = ts.stop === undefined ? end : Math.min(ts.stop, end);
    const start = Math.max(ts.start, from);
    if (stop > start) ms += stop - start;
  }
  return ms;
}

/** `runningMs` of one span (and phase) for any window, answered in O(log intervals). */
export type RunningClock = (from: number, to: number) => number;

/**
 * A `RunningClock` for `span`: the same answers as `runningMs`, from prefix sums over its intervals
 * and a binary search, so reading the running time at each of n records or rounds costs
 * O(n log intervals) rather than O(n × intervals) (a long workout with many pauses). Intervals that
 * overlap or come out of order (a hand-made snapshot) fall back to `runningMs` itself.
 */
export function runningClock(span: RunningSpan, phase?: Phase): RunningClock {
  const spanEnd = span.endTime ?? Infinity;
  const starts: number[] = [];
  const stops: number[] = [];
  for (const ts of span.timeSpans) {
    if (phase !== undefined && ts.type !== phase) continue;
    const stop = Math.min(ts.stop ?? Infinity, spanEnd);
    if (stop <= ts.start) continue;
    if (starts.length > 0 && ts.start < stops[stops.length - 1]!) return (from, to) => runningMs(span, from, to, phase);
    starts.push(ts.start);
    stops.push(stop);
  }
  const before: number[] = [0]; // before[i]: running time of the intervals ahead of interval i
  for (let i = 0; i < starts.length; i++) before.push(before[i]! + (stops[i]! - starts[i]!));
  /** Running time from the beginning up to `x`. */
  const upTo = (x: number): number => {
    const lo = upperBound(starts, x);
    return lo === 0 ? 0 : before[lo - 1]! + Math.min(x, stops[lo - 1]!) - starts[lo - 1]!;
  };
  return (from, to) => (to > from ? upTo(to) - upTo(from) : 0);
}

/** One `RunningClock` per span and phase, made when first asked for: the clocks of one reading. */
export function runningClocks(): (span: ExecutionSpan, phase?: Phase) => RunningClock {
  const made = new Map<ExecutionSpan, Map<Phase | undefined, RunningClock>>();
  return (span, phase) => {
    let byPhase = made.get(span);
    if (byPhase === undefined) made.set(span, (byPhase = new Map()));
    let clock = byPhase.get(phase);
    if (clock === undefined) byPhase.set(phase, (clock = runningClock(span, phase)));
    return clock;
  };
}
