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
