import type { Clock } from '../clock/clock';
import type { TrackerError } from '../errors/tracker-error';
import type { ExecutionSpan, MetricRecord, SamplesView, TimeSegment } from '../model/types';

/**
 * What happens to work done (reps, weight, distance) recorded at the wrong moment. Every other key
 * (heart rate, calories, descriptions, custom keys) is kept in any phase, with its `phase`.
 */
export interface TrackerPolicy {
  /** Work recorded during a rest period: rejected (default) or kept with phase 'rest'. */
  rest?: 'reject' | 'allow';
  /** Work recorded while paused: kept with no running interval (default), or rejected. */
  paused?: 'reject' | 'allow';
}

export interface TrackerOptions {
  /** Default `systemClock`. */
  clock?: Clock;
  /** Throw refused calls as TrackerError (default false: return undefined and emit `error`). */
  strict?: boolean;
  onError?: (error: TrackerError) => void;
  policy?: TrackerPolicy;
  /** Archive the oldest ended root trees beyond this many ended spans (default: never). */
  maxCompletedSpans?: number;
  /** Receives each archived root tree: its spans (parents first), its records (in record order) and its samples. */
  onArchive?: (spans: ExecutionSpan[], metrics: MetricRecord[], samples: SamplesView) => void;
  /**
   * How time the clock reports as a jump (`Clock.onJump`: a device that slept) counts while spans
   * are active: `'elapsed'` (default: the workout went on in real time) or `'paused'`. Either way
   * it is an `'Interrupted'` segment and a `clock:gap` event.
   */
  clockGaps?: 'paused' | 'elapsed';
}

/** Plug-ins that observe the tracker, called after each change (measurement stays out of the runtime). */
export interface SpanProcessor {
  onStart?(span: ExecutionSpan): void;
  onEnd?(span: ExecutionSpan): void;
  onMetric?(record: MetricRecord, span: ExecutionSpan): void;
  /** Called when a segment opens and when it closes (then `segment.endTime` is set). */
  onSegment?(segment: TimeSegment, span: ExecutionSpan): void;
  shutdown?(): void;
}

export interface SpanFilter {
  status?: ExecutionSpan['status'];
  type?: ExecutionSpan['type'];
  parentSpanId?: string | null;
}

export interface StartRestOptions {
  durationMs?: number;
  label?: string;
}
