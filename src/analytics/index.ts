export { summarize } from './summarize';
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
