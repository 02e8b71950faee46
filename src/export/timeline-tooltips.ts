import { formatDuration } from '../model/format';
import type { TimelineSegment, TimelineSpan } from './timeline-model';

/**
 * The `<title>` of each box, which browsers show as a tooltip: everything the box stands for, even
 * what did not fit inside it. One fact per line.
 */

/** `4:30–5:00`: where a box lies, as offsets from the start of the drawing. */
function when(start: number, end: number, t0: number, open: boolean): string {
  return `${formatDuration(start - t0)}–${open ? 'now' : formatDuration(end - t0)}`;
}

function timing(runningMs: number, wallMs: number): string {
  const paused = wallMs - runningMs;
  return paused > 0 ? `${formatDuration(runningMs)} running, ${formatDuration(paused)} paused` : formatDuration(runningMs);
}

export function spanTooltip(span: TimelineSpan, exerciseName: string | undefined, t0: number): string {
  const lines = [span.exerciseKey === undefined ? `${span.label} (${span.type})` : span.label];
  if (exerciseName !== undefined && exerciseName !== span.label) lines.push(`exercise: ${exerciseName}`);
  if (span.reps !== undefined) lines.push(`${span.reps} reps${span.targetReps === undefined ? '' : ` (target ${span.targetReps})`}`);
  else if (span.targetReps !== undefined) lines.push(`target ${span.targetReps} reps`);
  if (span.load !== undefined) lines.push(`load ${span.load}`);
  if (span.distance !== undefined) lines.push(`distance ${span.distance}`);
  lines.push(timing(span.runningMs, span.end - span.start));
  if (span.capMs !== undefined) lines.push(`cap ${formatDuration(span.capMs)}`);
  lines.push(when(span.start, span.end, t0, span.open));
  if (span.status !== 'completed') lines.push(span.error === undefined ? span.status : `${span.status}: ${span.error}`);
  return lines.join('\n');
}

export function segmentTooltip(seg: TimelineSegment, reps: number | undefined, t0: number): string {
  if (seg.type === 'pause')
    return [
      seg.cause === undefined ? seg.label : `${seg.label} (${seg.cause})`,
      formatDuration(seg.end - seg.start),
      when(seg.start, seg.end, t0, seg.open),
    ].join('\n');
  const lines = [`${seg.label} (${seg.type})`, timing(seg.runningMs, seg.end - seg.start)];
  if (seg.plannedMs !== undefined) lines.push(`planned ${formatDuration(seg.plannedMs)}`);
  if (reps !== undefined) lines.push(`${reps} reps`);
  lines.push(when(seg.start, seg.end, t0, seg.open));
  return lines.join('\n');
}
