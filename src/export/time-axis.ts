/** Tick spacings a person reads easily: seconds, then whole minutes, then hours. */
const STEPS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14_400].map((s) => s * 1000);

/**
 * The spacing of a time axis over `rangeMs`: the smallest readable step that gives at most
 * `maxTicks` intervals (whole hours beyond the table).
 */
export function axisStep(rangeMs: number, maxTicks = 10): number {
  const most = Math.max(1, Math.floor(maxTicks));
  return STEPS_MS.find((s) => rangeMs / s <= most) ?? Math.max(1, Math.ceil(rangeMs / most / 3_600_000)) * 3_600_000;
}

/**
 * How many intervals fit an axis `widthPx` wide whose widest tick label is `labelPx`: neighbours
 * keep 1.5 labels apart, so labels anchored at the ends of the axis never touch the next one.
 */
export function ticksThatFit(widthPx: number, labelPx: number): number {
  return Math.min(10, Math.max(1, Math.floor(widthPx / (1.5 * labelPx + 8))));
}
