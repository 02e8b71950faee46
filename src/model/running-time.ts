import type { ExecutionSpan, Phase } from './types';

/**
 * Running time of a span inside the window [from, to): the overlap of the window with the span's
 * TimeSpans (API.md §1), so pauses are excluded, as *elapsed* is everywhere in the package (§3).
 * With `phase`, only intervals of that phase count (work or rest time of a minute, say).
 */
export function runningMs(span: ExecutionSpan, from: number, to: number, phase?: Phase): number {
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
