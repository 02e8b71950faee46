/** Tick spacings a person reads easily: seconds, then whole minutes, then hours. */
const STEPS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14_400].map((s) => s * 1000);

/**
 * Ticks for a time axis over `rangeMs` (API.md §11 renderTimelineSvg): offsets from the start at the
 * smallest readable step that gives at most `maxTicks` intervals, from 0 up to the range.
 */
export function axisTicks(rangeMs: number, maxTicks = 10): number[] {
  const step = STEPS_MS.find((s) => rangeMs / s <= maxTicks) ?? Math.ceil(rangeMs / maxTicks / 3_600_000) * 3_600_000;
  const ticks: number[] = [];
  for (let t = 0; t <= rangeMs; t += step) ticks.push(t);
  return ticks;
}
