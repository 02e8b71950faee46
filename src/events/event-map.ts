import type { TrackerError } from '../errors/tracker-error';
import type { ExecutionSpan, MetricRecord, TimeSegment } from '../model/types';

export type RejectionReason = 'rest' | 'paused' | 'invalid' | 'no-active-span';

export interface MetricRejectedEvent {
  blockId: string;
  key: string;
  value: unknown;
  reason: RejectionReason;
  error?: TrackerError;
}

/** Lifecycle events and their payloads (API.md §5). */
export type TrackerEvents = {
  'span:started': { span: ExecutionSpan };
  'span:stopped': { span: ExecutionSpan };
  'span:paused': { span: ExecutionSpan; at: number };
  'span:resumed': { span: ExecutionSpan; at: number };
  'segment:started': { span: ExecutionSpan; segment: TimeSegment };
  'segment:ended': { span: ExecutionSpan; segment: TimeSegment };
  'rest:started': { span: ExecutionSpan; segment: TimeSegment };
  'rest:stopped': { span: ExecutionSpan; segment: TimeSegment };
  'metric:recorded': { span: ExecutionSpan; record: MetricRecord };
  'metric:rejected': MetricRejectedEvent;
  error: TrackerError;
};

export type TrackerEventName = keyof TrackerEvents;
