/**
 * workout-spans/analysis: what a workout amounts to, read from a snapshot: totals, score, rounds,
 * minutes, exercises, splits, reps per minute and anomalies. Pure functions over frozen data.
 */
export { summarize } from './summarize';
export { spanTotals } from '../model/totals';
export { SLOW_ROUND_FACTOR, FATIGUE_MIN_ROUNDS, FATIGUE_RISE, LONG_PAUSE_MS } from './anomalies';
export type {
  WorkoutSummary,
  SummarizeOptions,
  SummaryTotals,
  WorkoutScore,
  RoundSummary,
  MinuteSummary,
  ExerciseSummary,
  SplitStats,
  RepsInMinute,
  StatusCounts,
  Anomaly,
  AnomalyKind,
} from './types';
