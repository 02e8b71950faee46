/** The shape `summarize` returns. Plain, JSON-safe data. */

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
  /**
   * Closed by the athlete (the next round, `endSegment`, or the normal end of its block). False for a
   * round still open, and for a round cut short: still open when an AMRAP ended, or when its block
   * ended other than `completed`. Only finished rounds make splits and anomalies.
   */
  finished: boolean;
  /** Sensor samples recorded during the round, per key; absent when none fell in it. */
  samples?: Record<string, SampleStats>;
}

/** What the sensor samples of one key amount to over a window (the workout, or one round). */
export interface SampleStats {
  unit: string;
  count: number;
  min: number;
  max: number;
  mean: number;
  /** The median. */
  p50: number;
}

/** A series of points for display: times and values, index by index (`getSamples` returns one). */
export interface TimeSeries {
  t: ArrayLike<number>;
  v: ArrayLike<number>;
}

export interface MinuteSummary {
  index: number;
  label: string;
  reps: number;
  workMs: number;
  restMs: number;
}

export interface ExerciseSummary {
  /** The record's `exerciseId`, else its span's `exerciseId`, else the span's label. */
  exerciseId: string;
  reps: number;
  /** Σ reps × the weight in effect for them (same span, same exercise), in that weight's own unit. */
  volume: number;
  distance: number;
  /** Running time (pauses excluded) of the spans that stand for this exercise. */
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

/** Reps in one minute of running time; read `minute`, not the position in the list (see `repsPerMinute`). */
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
  /** The span summarised; `null` for a snapshot with no span. */
  rootSpanId: string | null;
  totals: SummaryTotals;
  score: WorkoutScore;
  rounds: RoundSummary[];
  minutes: MinuteSummary[];
  exercises: ExerciseSummary[];
  splits: SplitStats;
  /**
   * Minute by minute: every minute from 0 to the last while there are at most
   * `DENSE_MINUTES_LIMIT` of them (empty ones as 0); beyond that only the minutes that hold reps, and
   * the last one. In minute order either way.
   */
  repsPerMinute: RepsInMinute[];
  statuses: StatusCounts;
  anomalies: Anomaly[];
  /** Sensor samples over the workout, per key (heart rate, power…); `{}` when there are none. */
  samples: Record<string, SampleStats>;
}

export interface SummarizeOptions {
  /** Instant to read the workout at; default: the latest instant the snapshot reaches. */
  at?: number;
  /**
   * The span to summarise, with its tree. Default: the first root span, then down through `group`
   * spans that have exactly one child (a runtime's session wrapper) to the workout itself.
   */
  rootSpanId?: string;
}
