import type { SegmentType } from 'workout-spans';

/** Sizes and colours of the timeline, shared by its parts. */

/** Fill per segment type; pauses use the hatch pattern instead. Light tints keep dark text legible. */
export const SEGMENT_COLORS: Record<Exclude<SegmentType, 'pause'>, string> = {
  round: '#fcd34d',
  minute: '#d8b4fe',
  work: '#86efac',
  rest: '#93c5fd',
  transition: '#cbd5e1',
};

/** Structure (rounds, minutes) is drawn first, phases (work, rest) over it, pauses on top. */
export const LAYER: Record<SegmentType, number> = { round: 0, minute: 0, work: 1, transition: 1, rest: 1, pause: 2 };

export const PAD = 16;
export const GAP = 6;
export const AXIS_H = 26;
export const ROW_GAP = 10;
export const CAP_H = 15;
export const LEGEND_LINE = 18;
export const FONT = 11;
export const BOX_FONT = 10;
export const HEAD_FONT = 15;
export const INK = '#0f172a';
export const MUTED = '#334155';
export const CAP_COLOR = '#dc2626';
export const BAR_FILL = '#e2e8f0';
