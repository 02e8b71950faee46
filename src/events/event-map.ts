import type { TrackerError } from '../errors/tracker-error';
import type { ExecutionSpan, InterruptionCause, MetricRecord, TimeSegment } from '../model/types';

export type RejectionReason = 'rest' | 'paused' | 'invalid' | 'no-active-span';

export interface MetricRejectedEvent {
  blockId: string;
  key: string;
  value: unknown;
  reason: RejectionReason;
  error?: TrackerError;
}

/** A sample as `sample:recorded` announces it (samples notify no subscriber: this event is for live displays). */
export interface SampleRecordedEvent {
  rootSpanId: string;
  key: string;
  value: number;
  unit: string;
  at: number;
}

/**
 * Time the tracker did not see pass while spans were active: a device that slept, a clock that was
 * stepped. `counted` says how the gap was counted in the spans' totals.
 */
export interface ClockGapEvent {
  from: number;
  to: number;
  cause: InterruptionCause;
  counted: 'paused' | 'elapsed';
}

/** Lifecycle events and their payloads. */
export type TrackerEvents = {
  'span:started': { span: ExecutionSpan };
  'span:stopped': { span: ExecutionSpan };
  /** Its label, timer or descriptions changed (`updateSpan`). */
  'span:updated': { span: ExecutionSpan };
  'span:paused': { span: ExecutionSpan; at: number };
  'span:resumed': { span: ExecutionSpan; at: number };
  'segment:started': { span: ExecutionSpan; segment: TimeSegment };
  'segment:ended': { span: ExecutionSpan; segment: TimeSegment };
  'rest:started': { span: ExecutionSpan; segment: TimeSegment };
  'rest:stopped': { span: ExecutionSpan; segment: TimeSegment };
  'metric:recorded': { span: ExecutionSpan; record: MetricRecord };
  'metric:rejected': MetricRejectedEvent;
  'sample:recorded': SampleRecordedEvent;
  'clock:gap': ClockGapEvent;
  error: TrackerError;
};

export type TrackerEventName = keyof TrackerEvents;
