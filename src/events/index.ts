export { IsolatedEmitter } from './isolated-emitter';
export type {
  TrackerEvents,
  TrackerEventName,
  MetricRejectedEvent,
  RejectionReason,
  SampleRecordedEvent,
  ClockGapEvent,
} from './event-map';
