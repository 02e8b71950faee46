/** A duration as the athlete reads it: `m:ss`, from an hour on `h:mm:ss` (whole seconds, floored). */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '--:--';
  const sign = ms < 0 ? '-' : '';
  const totalSeconds = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, '0')}:${ss}` : `${sign}${m}:${ss}`;
}

/** The latest instant a snapshot's spans reach: the `at` to read a finished session at. */
export function latestInstant(spans: readonly { startTime: number; endTime?: number; segments: readonly { startTime: number; endTime?: number }[]; timeSpans: readonly { start: number; stop?: number }[] }[]): number {
  let t = -Infinity;
  for (const span of spans) {
    t = Math.max(t, span.startTime, span.endTime ?? -Infinity);
    for (const seg of span.segments) t = Math.max(t, seg.startTime, seg.endTime ?? -Infinity);
    for (const ts of span.timeSpans) t = Math.max(t, ts.start, ts.stop ?? -Infinity);
  }
  return t === -Infinity ? 0 : t;
}
