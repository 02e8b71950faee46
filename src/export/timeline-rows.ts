import type { Interval } from './timeline-labels';

/**
 * Wrapping the time range into rows, as text wraps into lines: on a narrow screen a 20-minute AMRAP
 * drawn on one row leaves a few px per effort, while four rows of 5½ minutes leave room for each
 * effort's reps and time. Every row has the same scale (px per second), so lengths compare across rows.
 */

/** Units a row's length is rounded up to, so rows start at times a person reads easily. */
const UNITS_MS = [1, 10, 100, 1_000, 5_000, 15_000, 30_000, 60_000, 300_000, 900_000, 1_800_000, 3_600_000];

/** Length of each row for `n` rows over `rangeMs`: the range itself for one, else rounded up to a readable unit. */
export function rowLengthFor(rangeMs: number, n: number): number {
  if (n <= 1) return rangeMs;
  const share = rangeMs / n;
  const unit = [...UNITS_MS].reverse().find((u) => u <= share / 8) ?? 1;
  return Math.ceil(share / unit) * unit;
}

/** Rows needed to hold `rangeMs` with rows `length` long (at least one). */
export function rowCount(rangeMs: number, length: number): number {
  return Math.max(1, Math.ceil(rangeMs / length - 1e-9));
}

/** The pieces of [a, b] (offsets from the start) per row: `[row, from, to]`, in order. */
export function splitByRows(a: number, b: number, length: number, rows: number): [number, number, number][] {
  const first = Math.min(rows - 1, Math.max(0, Math.floor(a / length)));
  if (b <= a) return [[first, a, a]];
  const out: [number, number, number][] = [];
  for (let r = first; r < rows; r++) {
    const from = Math.max(a, r * length);
    const to = r === rows - 1 ? b : Math.min(b, (r + 1) * length);
    if (to > from) out.push([r, from, to]);
    if (to >= b) break;
  }
  return out;
}

/** Something that wants room in the drawing: the times it may use and the px its shortest text needs. */
export interface RoomNeed {
  free: readonly Interval[];
  px: number;
}

/** The widest piece, in ms, that `free` leaves on a row when rows are `length` long. */
function widestPiece(free: readonly Interval[], length: number): number {
  let best = 0;
  for (const [a, b] of free) {
    const ra = Math.floor(a / length);
    const rb = Math.floor(b / length);
    best = Math.max(best, ra === rb ? b - a : Math.max((ra + 1) * length - a, b - rb * length, rb - ra >= 2 ? length : 0));
  }
  return best;
}

/**
 * The row length to draw with: for `rows: n`, that of n rows; for `'auto'`, the fewest rows (up to
 * `maxRows`) in which every need has room, or, when no count gives room to all, the fewest rows that
 * give room to the most.
 */
export function chooseRowLength(
  rangeMs: number,
  plotWidth: number,
  needs: readonly RoomNeed[],
  rows: number | 'auto',
  maxRows: number,
): number {
  if (rows !== 'auto') return rowLengthFor(rangeMs, rows);
  let best = rangeMs;
  let bestCount = -1;
  let previous = NaN;
  for (let n = 1; n <= maxRows; n++) {
    const length = rowLengthFor(rangeMs, n);
    if (length === previous) continue;
    previous = length;
    const pxPerMs = plotWidth / length;
    let count = 0;
    for (const need of needs) if (widestPiece(need.free, length) * pxPerMs >= need.px) count++;
    if (count > bestCount) {
      best = length;
      bestCount = count;
    }
    if (count === needs.length) break;
  }
  return best;
}
