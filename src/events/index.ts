export { IsolatedEmitter } from './isolated-emitter';
export type { TrackerEvents, TrackerEventName, MetricRejectedEvent, RejectionReason } from './event-map';
