/** Every code a TrackerError can carry. */
export const ERROR_CODES = [
  'INVALID_METRIC',
  'INVALID_BLOCK',
  'NO_ACTIVE_SPAN',
  'SPAN_ALREADY_ACTIVE',
  'SPAN_NOT_FOUND',
  'PARENT_NOT_ACTIVE',
  'SEGMENT_NOT_FOUND',
  'INVALID_SEGMENT',
  'ALREADY_PAUSED',
  'NOT_PAUSED',
  'PARENT_PAUSED',
  'ALREADY_RESTING',
  'NOT_RESTING',
  'CORRUPT_DATA',
  'UNSUPPORTED_VERSION',
  'STORAGE_FAILED',
  'HANDLER_FAILED',
  'CLOCK_SKEW',
  'INVALID_ARGUMENT',
] as const;

export type TrackerErrorCode = (typeof ERROR_CODES)[number];

/** The one error type of the package: a code to switch on, and details for the reader. */
export class TrackerError extends Error {
  readonly code: TrackerErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: TrackerErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'TrackerError';
    this.code = code;
    this.details = details;
  }
}

export function isTrackerError(value: unknown): value is TrackerError {
  return value instanceof TrackerError;
}

/** Wraps whatever a handler, listener, subscriber or processor threw. */
export function handlerFailed(where: string, cause: unknown): TrackerError {
  const text = cause instanceof Error ? cause.message : String(cause);
  return new TrackerError('HANDLER_FAILED', `${where} threw: ${text}`, { where, cause });
}
