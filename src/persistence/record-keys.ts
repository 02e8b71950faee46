/**
 * The fields of each record type, in the order a version-1 document writes them. A reader accepts
 * exactly these keys (an unknown field is corrupt data).
 */
export const KEYS = {
  document: ['format', 'version', 'savedAt', 'spans', 'metrics'],
  span: [
    'id',
    'blockId',
    'parentSpanId',
    'type',
    'label',
    'status',
    'startTime',
    'endTime',
    'paused',
    'timer',
    'error',
    'endReason',
    'metrics',
    'segments',
    'timeSpans',
  ],
  timer: ['direction', 'durationMs'],
  metrics: [
    'exerciseId',
    'exerciseImage',
    'reps',
    'targetReps',
    'weight',
    'distance',
    'duration',
    'elapsed',
    'currentRound',
    'totalRounds',
    'repScheme',
    'custom',
  ],
  metricValue: ['value', 'unit', 'recorded', 'source'],
  segment: ['id', 'parentSpanId', 'startTime', 'endTime', 'type', 'label', 'index', 'plannedMs', 'closedByEnd', 'cause', 'metrics'],
  timeSpan: ['id', 'type', 'start', 'stop', 'blockId', 'parentSpanId'],
  record: [
    'id',
    'key',
    'value',
    'unit',
    'source',
    'recordedAt',
    'blockId',
    'spanId',
    'spanIds',
    'segmentIds',
    'exerciseId',
    'timeSpanId',
    'phase',
    'context',
  ],
  context: ['spanType', 'elapsedMs', 'totalElapsedMs', 'roundNumber', 'minuteIndex', 'parentTimer'],
  parentTimer: ['blockId', 'elapsedMs', 'remainingMs', 'direction'],
} as const;

/** Display keys a metrics object holds by name (a MetricValue); every other key but the bare ones is custom. */
export const MEASURED_DISPLAY_KEYS: ReadonlySet<string> = new Set(['reps', 'weight', 'distance', 'duration', 'elapsed']);
/** Display keys a metrics object holds as the value itself. */
export const BARE_DISPLAY_KEYS: ReadonlySet<string> = new Set([
  'exerciseId',
  'exerciseImage',
  'targetReps',
  'currentRound',
  'totalRounds',
  'repScheme',
]);

/** What interrupted a workout (a segment's `cause`). */
export const CAUSES = ['reload', 'suspend', 'clock-step'] as const;
/** The longest `endReason` a span keeps. */
export const MAX_END_REASON = 64;
