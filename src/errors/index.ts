export { TrackerError, ERROR_CODES, isTrackerError, handlerFailed } from './tracker-error';
export type { TrackerErrorCode } from './tracker-error';
export { validateMetric, isJsonSafe } from './validate-metric';
export type { MetricValidation } from './validate-metric';
