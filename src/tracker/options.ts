import type { Clock } from '../clock/clock';
import type { TrackerError } from '../errors/tracker-error';
import type { ExecutionSpan, MetricRecord, SamplesView, TimeSegment } from '../model/types';

export interface TrackerPolicy {
  /** A metric recorded during a rest period: rejected (default) or kept with phase 'rest'. */
  rest?: 'reject' | 'allow';
  /** A metric recorded while paused: rejected (default) or kept with no running interval. */
  paused?: 'reject' | 'allow';
}

export interface TrackerOptions {
  /** Default `systemClock`. */
  clock?: Clock;
  /** Throw refused calls as TrackerError (default false: return undefined and emit `error`). */
  strict?: boolean;
  onError?: (error: TrackerError) => void;
  policy?: TrackerPolicy;
  /** Archive the oldest ended root trees beyond this many ended spans (API.md §8). */
  maxCompletedSpans?: number;
  /** Receives each archived root tree: its spans (parents first), its records (in record order) and its samples. */
  onArchive?: (spans: ExecutionSpan[], metrics: MetricRecord[], samples: SamplesView) => void;
  /**
   * How time the clock reports as a jump (`Clock.onJump`: a device that slept) counts while spans
   * are active: `'paused'` or `'elapsed'`. Either way it is an `'Interrupted'` segment and a
   * `clock:gap` event.
   */
  clockGaps?: 'paused' | 'elapsed';
}

/** Plug-ins that observe the tracker (API.md §9). Called after the change is in memory. */
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
