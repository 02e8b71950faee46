import type { ExecutionSpan, SpanTotals } from './types';

/**
 * Totals of a span at `at`, derived from its running intervals: *elapsed* is
 * the time covered by TimeSpans (pauses excluded), *total* is wall-clock time (pauses included).
 * Intervals still open, and the span itself when still active, are counted up to `at`.
 */
export function spanTotals(span: ExecutionSpan, at: number): SpanTotals {
  const end = span.endTime === undefined ? at : Math.min(span.endTime, at);
  const totalMs = Math.max(0, end - span.startTime);
  let workMs = 0;
  let restMs = 0;
  let transitionMs = 0;
  for (const ts of span.timeSpans) {
    const stop = ts.stop === undefined ? end : Math.min(ts.stop, end);
    const length = Math.max(0, stop - ts.start);
    if (ts.type === 'work') workMs += length;
    else if (ts.type === 'rest') restMs += length;
    else transitionMs += length;
  }
  const elapsedMs = Math.min(totalMs, workMs + restMs + transitionMs);
  return { totalMs, elapsedMs, workMs, restMs, pausedMs: totalMs - elapsedMs };
}
