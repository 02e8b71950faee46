import type { ExecutionSpan, SpanTotals } from 'workout-spans';
import { formatDuration } from '../model/format';
import type { WorkoutScore } from './types';
import type { RoundRead } from './rounds';

/**
 * The workout's score. An `amrap` scores rounds + reps: the rounds finished (`isFinishedRound`),
 * plus the reps of the round that was not (cut by the cap, or still running). Any other workout
 * scores its running time, `elapsedMs`: the clock was stopped during pauses, so they are not part
 * of the score (they stay in `totals.totalMs` and `pausedMs`). Shown `m:ss`, from an hour `h:mm:ss`.
 */
export function scoreOf(root: ExecutionSpan, totals: SpanTotals, rounds: readonly RoundRead[]): WorkoutScore {
  if (root.type !== 'amrap') return { type: 'time', value: totals.elapsedMs, display: formatDuration(totals.elapsedMs) };
  let done = 0;
  let reps = 0;
  for (const round of rounds) {
    if (round.summary.finished) done++;
    else reps += round.summary.reps;
  }
  return { type: 'rounds+reps', rounds: done, reps, display: `${done}+${reps}` };
}
