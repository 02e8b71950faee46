import { repsBySegment } from '../model/segment-reps';
import { spanTotals } from '../model/totals';
import { jsonText } from '../model/json-text';
import type { ExecutionSpan, MetricRecord, TrackerSnapshot } from 'workout-spans';
import { csvTable } from './csv-format';
import { readExportInput } from './export-options';

export type CsvKind = 'spans' | 'segments' | 'metrics';

export interface ToCsvOptions {
  /** Instant at which open spans and segments are measured; default: the latest instant in the snapshot. */
  at?: number;
  /**
   * Neutralise text a spreadsheet would run as a formula (default `true`): a text cell that begins
   * with `=`, `+`, `-`, `@`, a tab, CR, LF or NUL, and is not a plain number, is written with a `'`
   * before it, inside quotes (`"'=1+1"`). Spreadsheets then show the text and hide the `'`. Set
   * `false` when a program, not a person with a spreadsheet, reads the file and needs every cell
   * exactly as recorded (ids that begin with `-` included).
   */
  escapeFormulas?: boolean;
}

const KINDS: readonly CsvKind[] = ['spans', 'segments', 'metrics'];

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
  'endReason',
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
  'closedByEnd',
  'cause',
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
  'exerciseId',
] as const;

/** Ids as one cell, space-separated (each id as text, whatever a crafted record holds). */
function idList(ids: unknown): string | undefined {
  return Array.isArray(ids) ? ids.map((id) => (typeof id === 'string' ? id : jsonText(id))).join(' ') : undefined;
}

/**
 * A record's value as one cell: numbers, strings and booleans as they are, anything else (a
 * repScheme, a custom object) as JSON text. `undefined` (a crafted record) is an empty cell.
 */
function valueCell(value: unknown): unknown {
  return value === undefined || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean'
    ? value
    : jsonText(value);
}

function metricRow(r: MetricRecord): unknown[] {
  const context: Partial<MetricRecord['context']> = r.context ?? {};
  return [
    r.id,
    r.key,
    valueCell(r.value),
    r.unit,
    r.source,
    r.recordedAt,
    r.blockId,
    r.spanId,
    idList(r.spanIds),
    idList(r.segmentIds),
    r.timeSpanId,
    r.phase,
    context.spanType,
    context.elapsedMs,
    context.totalElapsedMs,
    context.roundNumber,
    context.minuteIndex,
    r.exerciseId,
  ];
}

/**
 * The snapshot as a table other tools read: `'spans'` (one row per span, with its totals and latest
 * metrics), `'segments'` (one per segment, in span then start order, with the reps recorded in it)
 * or `'metrics'` (one per record, id lists space-separated). RFC 4180, one header line, times in
 * epoch ms, text a spreadsheet would run as a formula neutralised (see `escapeFormulas`).
 *
 * Total: any snapshot writes, whatever its labels and values hold (a value that is neither text, a
 * number nor a boolean is written as JSON, at any depth). A `kind` that is not one of the three,
 * something that is not a snapshot, or options of the wrong type, is a TypeError that says so; an
 * `at` that is no time a RangeError.
 */
export function toCSV(snapshot: TrackerSnapshot, kind: CsvKind, options: ToCsvOptions = {}): string {
  if (!KINDS.includes(kind)) {
    throw new TypeError(`toCSV: kind must be 'spans', 'segments' or 'metrics', got ${describe(kind)}`);
  }
  const { spans, records, at, options: checked } = readExportInput('toCSV', snapshot, options, { escapeFormulas: 'boolean' });
  const format = { escapeFormulas: checked.escapeFormulas !== false };
  switch (kind) {
    case 'spans':
      return csvTable(
        SPAN_COLUMNS,
        spans.map((s) => {
          const t = spanTotals(s, at);
          const m: Partial<ExecutionSpan['metrics']> = s.metrics ?? {};
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
            s.endReason,
          ];
        }),
        format,
      );
    case 'segments': {
      const reps = repsBySegment(records);
      return csvTable(
        SEGMENT_COLUMNS,
        spans.flatMap((s) =>
          (Array.isArray(s.segments) ? s.segments : []).map((seg) => [
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
            seg.closedByEnd,
            seg.cause,
          ]),
        ),
        format,
      );
    }
    case 'metrics':
      return csvTable(METRIC_COLUMNS, records.map(metricRow), format);
  }
}

/** An argument named in a message, whatever it is. */
function describe(value: unknown): string {
  return typeof value === 'string' ? `'${value.length > 40 ? `${value.slice(0, 39)}…` : value}'` : jsonText(value, 40);
}
