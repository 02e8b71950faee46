import { runningMs } from '../model/running-time';
import { endedBy, segmentEnd, segmentsOfType, type WorkoutTree } from '../model/workout-tree';
import type { TimeSegment } from 'workout-spans';

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

/** The activity's end: the root's end, or `at` while it is still running. */
export function activityEnd(tree: WorkoutTree): number {
  return endedBy(tree.root, tree.at) ? tree.root.endTime! : tree.at;
}

/**
 * The pauses of the activity timer: the root's pause segments (a pause, or an 'Interrupted' pause
 * after a reload or a sleep counted as paused). Pausing the root pauses its whole tree, so the
 * root's own segments are the whole story.
 */
export function pauseWindows(tree: WorkoutTree): { start: number; end: number; open: boolean }[] {
  return tree.root.segments
    .filter((s) => s.type === 'pause' && s.startTime <= tree.at)
    .map((s) => ({ start: s.startTime, end: segmentEnd(s, tree.at), open: s.endTime === undefined || s.endTime > tree.at }));
}

/**
 * One FIT set per effort span (active) and per rest segment (rest), in start order: what a
 * strength-training watch records as sets and the rests between them.
 */
export function setWindows(tree: WorkoutTree): FitSet[] {
  const sets: FitSet[] = [];
  for (const span of tree.spans) {
    if (span.type === 'effort') {
      const end = span.endTime === undefined ? tree.at : Math.min(span.endTime, tree.at);
      sets.push({ kind: 'active', spanId: span.id, start: span.startTime, end, timerMs: runningMs(span, span.startTime, end) });
    }
  }
  for (const seg of segmentsOfType(tree, 'rest')) {
    const owner = tree.byId.get(seg.parentSpanId);
    const end = segmentEnd(seg, tree.at);
    sets.push({
      kind: 'rest',
      start: seg.startTime,
      end,
      timerMs: owner === undefined ? end - seg.startTime : runningMs(owner, seg.startTime, end),
    });
  }
  return sets.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * The laps: one per round segment; a workout without rounds (an EMOM) laps on its minutes; one
 * with neither is a single lap, since a FIT activity needs at least one.
 */
export function lapWindows(tree: WorkoutTree): TimedWindow[] {
  const windowOf = (seg: TimeSegment): TimedWindow => {
    const owner = tree.byId.get(seg.parentSpanId) ?? tree.root;
    const end = segmentEnd(seg, tree.at);
    return { start: seg.startTime, end, timerMs: runningMs(owner, seg.startTime, end) };
  };
  const rounds = segmentsOfType(tree, 'round');
  if (rounds.length > 0) return rounds.map(windowOf);
  const minutes = segmentsOfType(tree, 'minute');
  if (minutes.length > 0) return minutes.map(windowOf);
  const end = activityEnd(tree);
  return [{ start: tree.root.startTime, end, timerMs: runningMs(tree.root, tree.root.startTime, end) }];
}
