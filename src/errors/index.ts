export { TrackerError, ERROR_CODES, isTrackerError, handlerFailed } from './tracker-error';
export type { TrackerErrorCode } from './tracker-error';
