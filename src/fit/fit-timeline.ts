import { runningMs } from '../model/running-time';
import { endAsOf, endedBy, listedSegments, type OwnedSegment, type WorkoutTree } from '../model/workout-tree';

/** A window of the workout that becomes one FIT message: a set, a lap or a pause. */
export interface TimedWindow {
  start: number;
  end: number;
  /** Running time inside the window, pauses excluded (FIT timer time). */
  timerMs: number;
}

export interface FitSet extends TimedWindow {
  kind: 'active' | 'rest';
  spanId?: string;
}

/**
 * The pauses of the activity timer: the root's pause segments (a pause, or an 'Interrupted' pause
 * after a reload or a sleep counted as paused). Pausing the root pauses its whole tree, so the
 * root's own segments are the whole story.
 */
export function pauseWindows(tree: WorkoutTree): { start: number; end: number; open: boolean }[] {
  return tree.root.segments
    .filter((s) => s.type === 'pause' && s.startTime <= tree.at)
    .map((s) => ({ start: s.startTime, end: endAsOf(s, tree.at), open: !endedBy(s, tree.at) }));
}

/** A segment's window, timed by the running intervals of the span that holds it. */
function segmentWindow({ segment, owner }: OwnedSegment, at: number): TimedWindow {
  const end = endAsOf(segment, at);
  return { start: segment.startTime, end, timerMs: runningMs(owner, segment.startTime, end) };
}

/**
 * One FIT set per effort span (active) and per rest segment (rest), in start order: what a
 * strength-training watch records as sets and the rests between them.
 */
export function setWindows(tree: WorkoutTree): FitSet[] {
  const sets: FitSet[] = [];
  for (const span of tree.spans) {
    if (span.type === 'effort') {
      const end = endAsOf(span, tree.at);
      sets.push({ kind: 'active', spanId: span.id, start: span.startTime, end, timerMs: runningMs(span, span.startTime, end) });
    }
  }
  for (const rest of listedSegments(tree, 'rest')) sets.push({ kind: 'rest', ...segmentWindow(rest, tree.at) });
  return sets.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * The laps: one per round the summary lists; a workout without rounds (an EMOM) laps on its
 * minutes; one with neither is a single lap, since a FIT activity needs at least one.
 */
export function lapWindows(tree: WorkoutTree): TimedWindow[] {
  const rounds = listedSegments(tree, 'round');
  const segments = rounds.length > 0 ? rounds : listedSegments(tree, 'minute');
  if (segments.length > 0) return segments.map((s) => segmentWindow(s, tree.at));
  const end = endAsOf(tree.root, tree.at);
  return [{ start: tree.root.startTime, end, timerMs: runningMs(tree.root, tree.root.startTime, end) }];
}
