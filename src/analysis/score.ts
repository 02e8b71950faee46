import { formatDuration } from '../model/format';
import type { SpanTotals } from 'workout-spans';
import type { WorkoutScore } from './types';
import type { RoundRead } from './rounds';

/**
 * The workout's score (§11). An `amrap` root scores rounds + reps: the rounds finished before it
 * ended (see `isFinishedRound`), plus the reps recorded in the round still open at its end. Any
 * other root scores its total time, pauses included, shown `m:ss` or `h:mm:ss`.
 */
export function scoreOf(rootType: string, totals: SpanTotals, rounds: readonly RoundRead[]): WorkoutScore {
  if (rootType !== 'amrap') return { type: 'time', value: totals.totalMs, display: formatDuration(totals.totalMs) };
  let done = 0;
  let reps = 0;
  for (const round of rounds) {
    if (round.finished) done++;
    else reps += round.summary.reps;
  }
  return { type: 'rounds+reps', rounds: done, reps, display: `${done}+${reps}` };
}
