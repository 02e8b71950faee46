/** The shape `summarize` returns (API.md §11 WorkoutSummary). Plain, JSON-safe data. */

export interface SummaryTotals {
  totalMs: number;
  elapsedMs: number;
  workMs: number;
  restMs: number;
  pausedMs: number;
}

export type WorkoutScore =
  { type: 'time'; value: number; display: string } | { type: 'rounds+reps'; rounds: number; reps: number; display: string };

export interface RoundSummary {
  index: number;
  label: string;
  /** Wall-clock length, pauses included. */
  durationMs: number;
  /** Running time, pauses excluded. */
  elapsedMs: number;
  reps: number;
}

export interface MinuteSummary {
  index: number;
  label: string;
  reps: number;
  workMs: number;
  restMs: number;
}

export interface ExerciseSummary {
  exerciseId: string;
  reps: number;
  /** Σ reps × the weight of the span they were recorded on, in that weight's own unit. */
  volume: number;
  distance: number;
  /** Running time of the spans that recorded this exercise, pauses excluded. */
  durationMs: number;
  /** Σ targetReps of those spans; absent when none has one. */
  targetReps?: number;
}

export interface SplitStats {
  count: number;
  mean: number;
  stdev: number;
  cv: number;
  min: number;
  max: number;
  p50: number;
  p75: number;
  p90: number;
  p95: number;
  p99: number;
}

export interface RepsInMinute {
  minute: number;
  reps: number;
}

export interface StatusCounts {
  active: number;
  completed: number;
  failed: number;
  skipped: number;
}

export type AnomalyKind = 'slow-round' | 'fatigue' | 'long-pause';

export interface Anomaly {
  kind: AnomalyKind;
  label: string;
  detail: string;
}

export interface WorkoutSummary {
  rootSpanId: string;
  totals: SummaryTotals;
  score: WorkoutScore;
  rounds: RoundSummary[];
  minutes: MinuteSummary[];
  exercises: ExerciseSummary[];
  splits: SplitStats;
  repsPerMinute: RepsInMinute[];
  statuses: StatusCounts;
  anomalies: Anomaly[];
}

export interface SummarizeOptions {
  /** Instant to read the workout at; default: the latest instant the snapshot reaches. */
  at?: number;
  /** The root of the workout; default: the first root span. */
  rootSpanId?: string;
}
