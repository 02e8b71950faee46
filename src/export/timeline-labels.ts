import { formatDuration } from '../model/format';
import type { TimelineSegment, TimelineSpan } from './timeline-model';
import { fitLabel, fits } from './timeline-text';

/**
 * What the timeline writes inside its boxes, and where: each box offers its texts from the fullest
 * to the shortest, and the first that fits is drawn. Texts are whole or left out (a colour and the
 * legend name an effort), except a container's label, which may end in an ellipsis.
 */

export interface Line {
  text: string;
  bold?: boolean;
}

/** Height of one line of box text (10 px font), in px. */
export const LINE_H = 12;

export type Interval = [number, number];

/** The union of intervals, sorted and merged. */
export function mergeIntervals(intervals: Interval[]): Interval[] {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: Interval[] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** The parts of [a, b] outside `blocked` (sorted and merged), in order; binary search, then a walk. */
export function freeParts(a: number, b: number, blocked: readonly Interval[]): Interval[] {
  let lo = 0;
  let hi = blocked.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blocked[mid]![1] <= a) lo = mid + 1;
    else hi = mid;
  }
  const out: Interval[] = [];
  let cursor = a;
  for (let i = lo; i < blocked.length && blocked[i]![0] < b; i++) {
    if (blocked[i]![0] > cursor) out.push([cursor, blocked[i]![0]]);
    cursor = Math.max(cursor, blocked[i]![1]);
  }
  if (cursor < b) out.push([cursor, b]);
  return out;
}

/** The first candidate whose lines all fit `width` and whose lines fit `height`; undefined when none does. */
export function pickLines(candidates: readonly Line[][], width: number, height: number, fontSize: number): Line[] | undefined {
  const maxLines = Math.floor((height - 2) / LINE_H);
  return candidates.find(
    (lines) => lines.length > 0 && lines.length <= maxLines && lines.every((l) => l.text !== '' && fits(l.text, width, fontSize, l.bold)),
  );
}

/** `R3` for `Round 3`, `M4` for `Minute 4`: the type's initial and the number in the label (else its index + 1). */
export function shortSegmentLabels(seg: TimelineSegment): string[] {
  if (seg.type !== 'round' && seg.type !== 'minute') return [];
  const digits = /(\d+)(?!.*\d)/.exec(seg.label)?.[1] ?? (seg.index === undefined ? undefined : String(seg.index + 1));
  if (digits === undefined || digits.length > 6) return [];
  return [`${seg.type === 'round' ? 'R' : 'M'}${digits}`, digits];
}

/**
 * A segment's texts: its label with its running time (a round's split), then shorter forms. A
 * minute's time says nothing (each lasts a minute), so minutes go without it.
 */
export function segmentCandidates(seg: TimelineSegment): Line[][] {
  const time = formatDuration(seg.runningMs);
  const shorts = shortSegmentLabels(seg);
  const timed = seg.type === 'minute' ? [] : [`${seg.label} · ${time}`, ...(shorts[0] === undefined ? [] : [`${shorts[0]} · ${time}`])];
  const texts = [...timed, seg.label, ...shorts];
  return [...new Set(texts)].map((text) => [{ text }]);
}

/** The reps and load of an effort, long (`21 × 95 lb`, `5 reps`) and short (`21`). */
function workDone(span: TimelineSpan): { long: string | undefined; short: string | undefined } {
  const reps = span.reps === undefined ? undefined : String(Math.round(span.reps * 100) / 100);
  if (reps !== undefined) return { long: span.load === undefined ? `${reps} reps` : `${reps} × ${span.load}`, short: reps };
  const other = span.load ?? span.distance;
  return { long: other, short: other };
}

/**
 * An effort's texts, fullest first: its name over its reps, load and time; then without the name
 * (its colour and the legend name it); then reps and time apart; then the reps alone.
 */
export function effortCandidates(span: TimelineSpan): Line[][] {
  const time = formatDuration(span.runningMs);
  const name: Line = { text: span.label, bold: true };
  const { long, short } = workDone(span);
  if (long === undefined) return [[name, { text: time }], [{ text: time }]];
  return [
    [name, { text: `${long} · ${time}` }],
    [name, { text: long }, { text: time }],
    [{ text: `${long} · ${time}` }],
    [{ text: long }, { text: time }],
    [{ text: short! }, { text: time }],
    [{ text: short! }],
  ];
}

/**
 * The text an effort must have room for when the layout chooses its rows: its reps (or load) over
 * its time, or on one line when the lane holds one; its time alone when it has no reps.
 */
export function effortNeed(span: TimelineSpan, maxLines: number): Line[] {
  const time = formatDuration(span.runningMs);
  const { short } = workDone(span);
  if (short === undefined) return [{ text: time }];
  return maxLines >= 2 ? [{ text: short }, { text: time }] : [{ text: short }];
}

/** A container's label: with its running time, alone, then cut with an ellipsis. */
export function containerCandidates(span: TimelineSpan, width: number, fontSize: number, bold: boolean): Line[][] {
  const cut = fitLabel(span.label, width, fontSize, bold);
  return [[{ text: `${span.label} · ${formatDuration(span.runningMs)}`, bold }], [{ text: span.label, bold }], [{ text: cut, bold }]];
}
