import { readingInstant } from '../model/instants';
import { repsBySegment } from '../model/segment-reps';
import { spanTotals } from '../model/totals';
import type { MetricRecord, TrackerSnapshot } from 'workout-spans';
import { csvTable, type CsvCell } from './csv-format';

export type CsvKind = 'spans' | 'segments' | 'metrics';

export interface ToCsvOptions {
  /** Instant at which open spans and segments are measured; default: the latest instant in the snapshot. */
  at?: number;
}

const SPAN_COLUMNS = [
  'id',
  'parentSpanId',
  'blockId',
  'type',
  'label',
  'status',
  'startTime',
  'endTime',
  'paused',
  'totalMs',
  'elapsedMs',
  'workMs',
  'restMs',
  'pausedMs',
  'exerciseId',
  'reps',
  'targetReps',
  'weight',
  'weightUnit',
  'distance',
  'distanceUnit',
  'error',
] as const;

const SEGMENT_COLUMNS = [
  'id',
  'spanId',
  'spanLabel',
  'type',
  'label',
  'index',
  'startTime',
  'endTime',
  'durationMs',
  'plannedMs',
  'reps',
] as const;

const METRIC_COLUMNS = [
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
  'timeSpanId',
  'phase',
  'spanType',
  'elapsedMs',
  'totalElapsedMs',
  'roundNumber',
  'minuteIndex',
] as const;

/** A record's value as one cell: numbers and strings as they are, anything else (repScheme) as JSON. */
function valueCell(value: unknown): CsvCell {
  return typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' ? value : JSON.stringify(value);
}

function metricRow(r: MetricRecord): CsvCell[] {
  return [
    r.id,
    r.key,
    valueCell(r.value),
    r.unit,
    r.source,
    r.recordedAt,
    r.blockId,
    r.spanId,
    r.spanIds.join(' '),
    r.segmentIds.join(' '),
    r.timeSpanId,
    r.phase,
    r.context.spanType,
    r.context.elapsedMs,
    r.context.totalElapsedMs,
    r.context.roundNumber,
    r.context.minuteIndex,
  ];
}

/**
 * The snapshot as a table other tools read (API.md §11): `'spans'` (one row per span, with its
 * totals and latest metrics), `'segments'` (one per segment, in span then start order, with the
 * reps recorded in it) or `'metrics'` (one per record, id lists space-separated). RFC 4180, one
 * header line, times in epoch ms.
 */
export function toCSV(snapshot: TrackerSnapshot, kind: CsvKind, options: ToCsvOptions = {}): string {
  const at = options.at ?? readingInstant(snapshot.spans, snapshot.metrics, snapshot.savedAt);
  switch (kind) {
    case 'spans':
      return csvTable(
        SPAN_COLUMNS,
        snapshot.spans.map((s) => {
          const t = spanTotals(s, at);
          const m = s.metrics;
          return [
            s.id,
            s.parentSpanId,
            s.blockId,
            s.type,
            s.label,
            s.status,
            s.startTime,
            s.endTime,
            s.paused,
            t.totalMs,
            t.elapsedMs,
            t.workMs,
            t.restMs,
            t.pausedMs,
            m.exerciseId,
            m.reps?.value,
            m.targetReps,
            m.weight?.value,
            m.weight?.unit,
            m.distance?.value,
            m.distance?.unit,
            s.error,
          ];
        }),
      );
    case 'segments': {
      const reps = repsBySegment(snapshot.metrics);
      return csvTable(
        SEGMENT_COLUMNS,
        snapshot.spans.flatMap((s) =>
          s.segments.map((seg) => [
            seg.id,
            s.id,
            s.label,
            seg.type,
            seg.label,
            seg.index,
            seg.startTime,
            seg.endTime,
            (seg.endTime ?? Math.max(at, seg.startTime)) - seg.startTime,
            seg.plannedMs,
            reps.get(seg.id),
          ]),
        ),
      );
    }
    case 'metrics':
      return csvTable(METRIC_COLUMNS, snapshot.metrics.map(metricRow));
    default:
      throw new TypeError(`toCSV: kind must be 'spans', 'segments' or 'metrics', got '${String(kind)}'`);
  }
}
