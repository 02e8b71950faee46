/**
 * workout-spans/analysis: what a workout amounts to, read from a snapshot: totals, score, rounds,
 * minutes, exercises, splits, reps per minute, anomalies and sensor samples; and a downsampling
 * helper to chart long series. Pure functions over frozen data.
 */
export { summarize } from './summarize';
export { downsample } from './downsample';
export { spanTotals } from '../model/totals';
export { SLOW_ROUND_FACTOR, FATIGUE_MIN_ROUNDS, FATIGUE_RISE, LONG_PAUSE_MS } from './anomalies';
export { DENSE_MINUTES_LIMIT } from './reps-per-minute';
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
  SampleStats,
  TimeSeries,
} from './types';
