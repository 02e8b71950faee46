import type { InterruptionCause, Phase, SegmentType } from '../model/types';
import type { Dispatch } from './dispatch';
import type { SegmentState, SpanState } from './span-state';
import { subtree } from './span-tree';

/**
 * The rules of a span's time, in one place: which phase its running time is in (work or rest),
 * pauses, rest periods and interruptions. The tracker, `restore` and the clock's gaps all go through
 * these functions, so the rules cannot drift apart.
 *
 * - A span's *running time* is covered by its TimeSpans; a pause closes the open one, a resume opens
 *   the next. Time not covered is paused time.
 * - A span's time is *rest* while it, one of its ancestors, or one of its active descendants has a
 *   rest period of its own open (a sibling of a resting span is not resting). So a rest block in a
 *   workout makes the workout's time rest too, and a Tabata's rest blocks add up at its root.
 * - A pause that would close at the instant it opened is not kept, unless a record names it.
 */

export const PAUSED_LABEL = 'Paused';
/** Label of the segment that covers time the tracker did not see pass (a reload, a device asleep). */
export const INTERRUPTED_LABEL = 'Interrupted';

/** Whether a rest period of the span's own is open. */
function hasOwnRest(state: SpanState): boolean {
  return state.openOfType('rest') !== undefined;
}

/** Whether the span's time is rest now (see the rules above). */
export function isResting(state: SpanState): boolean {
  const live = state.live;
  return live.restingBelow > 0 || live.restAbove || hasOwnRest(state);
}

/** What a span started under `parent` inherits: whether an ancestor rests. */
function restAboveOf(parent: SpanState | null): boolean {
  return parent !== null && (parent.live.restAbove || hasOwnRest(parent));
}

/** The phase the span's running time is in now. */
function phaseOf(state: SpanState): Phase {
  return isResting(state) ? 'rest' : 'work';
}

/**
 * For spans read back by `restore`, given parents first: whether an ancestor rests (`restAbove`), how
 * many rest periods are open below each (`restingBelow`), then the phase each active span is in: rest
 * by the rules above, else the type of its open interval (a 'transition' read back stays one), else work.
 */
export function adoptTime(states: readonly SpanState[]): void {
  for (const state of states) {
    if (state.sealed) continue;
    state.live.restAbove = restAboveOf(state.parent);
    if (!state.active || !hasOwnRest(state)) continue;
    for (let a = state.parent; a !== null; a = a.parent) a.live.restingBelow++;
  }
  for (const state of states) {
    if (!state.active) continue;
    const live = state.live;
    const last = live.intervals[live.intervals.length - 1];
    live.phase = isResting(state) ? 'rest' : last !== undefined && last.stop === undefined && last.type !== 'rest' ? last.type : 'work';
  }
}

/**
 * A span just started at `at` takes its time from its parent: rest when an ancestor rests, and a
 * running interval in that phase from `at`, unless the parent is paused. Then it starts paused and
 * this returns true: the caller opens its pause with `startPaused` once its start is announced.
 */
export function startRunning(state: SpanState, at: number): boolean {
  const parent = state.parent;
  const live = state.live;
  if (parent !== null) {
    live.restAbove = restAboveOf(parent);
    live.phase = phaseOf(state);
    if (parent.paused) return true;
  }
  state.startInterval(live.phase, at);
  return false;
}

/** Opens a segment on the span; its events follow the change. */
export function openSegment(
  d: Dispatch,
  state: SpanState,
  type: SegmentType,
  label: string,
  at: number,
  index?: number,
  plannedMs?: number,
): SegmentState {
  const seg = state.openSegment(type, label, at, index, plannedMs);
  d.segmentChanged(state, seg, true);
  return seg;
}

/**
 * Closes a segment at `at`. A pause of zero length that no record names is dropped; a rest that
 * closes ends the span's rest period, and the spans around it switch back to work.
 */
export function closeSegment(d: Dispatch, state: SpanState, seg: SegmentState, at: number): void {
  state.closeSegment(seg, at);
  d.segmentChanged(state, seg, false);
  if (seg.type === 'pause' && seg.endTime === seg.startTime && !seg.named) state.dropSegment(seg);
  if (seg.type === 'rest') restChanged(d, state, -1, seg.endTime!);
}

/**
 * The span ends at `at`: its open segments close, the latest opened first, each marked as closed by
 * the span's end; then its running interval stops.
 */
export function stopTime(d: Dispatch, state: SpanState, at: number): void {
  const open = state.live.open;
  for (let j = open.length - 1; j >= 0; j--) {
    const seg = open[j];
    if (seg === undefined) continue;
    seg.closedByEnd = true;
    closeSegment(d, state, seg, at);
  }
  state.stopInterval(at);
}

/** Opens a rest period of the span's own: it, its ancestors and its active descendants switch to rest. */
export function openRest(d: Dispatch, state: SpanState, label: string, at: number, index?: number, plannedMs?: number): SegmentState {
  const seg = openSegment(d, state, 'rest', label, at, index, plannedMs);
  restChanged(d, state, 1, at);
  return seg;
}

/** A rest period of `state`'s own opened (+1) or closed (−1) at `at`: the chain around it takes its phase. */
function restChanged(d: Dispatch, state: SpanState, delta: 1 | -1, at: number): void {
  for (let a = state.parent; a !== null; a = a.parent) {
    a.live.restingBelow += delta;
    takePhase(d, a, at);
  }
  for (const s of subtree(state)) {
    if (s.sealed) continue;
    if (s !== state) s.live.restAbove = restAboveOf(s.parent);
    if (s.active) takePhase(d, s, at);
  }
}

/** The span takes the phase it is in now: its open TimeSpan closes and one of the new phase opens. */
function takePhase(d: Dispatch, state: SpanState, at: number): void {
  const phase = phaseOf(state);
  const live = state.live;
  if (phase === live.phase) return;
  live.phase = phase;
  state.touchSpan();
  d.touch(state);
  if (live.openInterval !== null) {
    state.stopInterval(at);
    state.startInterval(phase, Math.max(at, state.startTime));
  }
}

/** Pauses the span and its active descendants that are running; each gets a 'Paused' segment. */
export function pauseTree(d: Dispatch, target: SpanState, at: number): void {
  for (const state of subtree(target)) {
    if (!state.active || state.paused) continue;
    startPaused(d, state, at);
  }
}

/**
 * Opens the span's pause at `at` (not before the span started): its running interval closes (a span
 * just started under a paused parent has none), and `span:paused` follows.
 */
export function startPaused(d: Dispatch, state: SpanState, at: number): void {
  const start = Math.max(at, state.startTime);
  state.stopInterval(start);
  d.touch(state);
  openSegment(d, state, 'pause', PAUSED_LABEL, start);
  if (d.emitter.has('span:paused')) d.emit('span:paused', { span: state.materialize(), at });
}

/** Resumes the span and its paused active descendants; each opens a new running interval. */
export function resumeTree(d: Dispatch, target: SpanState, at: number): void {
  for (const state of subtree(target)) {
    const seg = state.active ? state.pauseSegment : undefined;
    if (seg === undefined) continue;
    const resumeAt = Math.max(at, seg.startTime);
    closeSegment(d, state, seg, resumeAt);
    state.startInterval(state.live.phase, resumeAt);
    d.touch(state);
    if (d.emitter.has('span:resumed')) d.emit('span:resumed', { span: state.materialize(), at });
  }
}

/** The latest instant the span's own segments and intervals reach (a segment opens no earlier). */
function lastMoment(state: SpanState): number {
  let t = state.startTime;
  for (const seg of state.live.segments) t = Math.max(t, seg.startTime, seg.endTime ?? -Infinity);
  for (const ts of state.live.intervals) t = Math.max(t, ts.start, ts.stop ?? -Infinity);
  return t;
}

/**
 * Marks time the tracker did not see pass, from `from` to `to`, with an 'Interrupted' segment.
 * `counted: 'paused'`: on every span of `states` that was running, the time is paused (its running
 * interval stops at `from` and starts again at `to`). `counted: 'elapsed'`: the time stays running
 * time, and the roots among `states` show it as a segment of type 'transition'.
 */
export function interrupt(
  d: Dispatch,
  states: readonly SpanState[],
  from: number,
  to: number,
  cause: InterruptionCause,
  counted: 'paused' | 'elapsed',
): void {
  for (const state of states) {
    if (!state.active || state.paused) continue;
    if (counted === 'elapsed' && state.parent !== null) continue;
    const end = Math.max(to, state.startTime);
    const start = Math.min(Math.max(from, lastMoment(state)), end);
    if (counted === 'paused') state.stopInterval(start);
    const seg = state.openSegment(counted === 'paused' ? 'pause' : 'transition', INTERRUPTED_LABEL, start);
    seg.cause = cause;
    d.segmentChanged(state, seg, true);
    closeSegment(d, state, seg, end);
    if (counted === 'paused') state.startInterval(state.live.phase, end);
    d.touch(state);
  }
}
