import { KNOWN_METRIC_KEYS, MEASURED_KEYS } from '../model/metric-keys';

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
  metrics: [...KNOWN_METRIC_KEYS, 'custom'],
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

/** Display keys a metrics object holds by name (a MetricValue); the other known keys hold the value itself. */
export const MEASURED_DISPLAY_KEYS: ReadonlySet<string> = new Set(MEASURED_KEYS);

/** What interrupted a workout (a segment's `cause`). */
export const CAUSES = ['reload', 'suspend', 'clock-step'] as const;
/** The longest `endReason` a span keeps. */
export const MAX_END_REASON = 64;
