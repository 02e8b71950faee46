import { spanTotals } from '../model/totals';
import { SPAN_TYPES, type ExecutionSpan, type MetricRecord, type SpanType } from 'workout-spans';
import type { SpanProcessor } from 'workout-spans';
import { Series, type SeriesFootprint, type SeriesOptions, type SeriesSummary } from './series';

/** Which spans (and, for `'value'`, which records) a series takes. Every field given must match. */
export interface MetricMatch {
  spanType?: SpanType;
  label?: string;
  /** The span's `metrics.exerciseId`. */
  exerciseId?: string;
  /** `'value'`: the record's key. `'count'` / `'duration'`: the span holds a record of that key. */
  key?: string;
}

export type MetricMeasure = 'count' | 'duration' | 'value';

export interface MetricSpec {
  name: string;
  match?: MetricMatch;
  measure: MetricMeasure;
}

export type MetricAggregatorOptions = SeriesOptions;

/** A processor that keeps one series per spec. */
export interface MetricAggregator extends SpanProcessor {
  onMetric(record: MetricRecord, span: ExecutionSpan): void;
  onEnd(span: ExecutionSpan): void;
  /** The series' figures; an unknown name is a RangeError. */
  read(name: string): SeriesSummary;
  /** Every series by name. */
  readAll(): Record<string, SeriesSummary>;
  /** What the series holds in memory (exact samples or sketch buckets). */
  footprint(name: string): SeriesFootprint;
  /** Stops taking values; what was gathered stays readable. */
  shutdown(): void;
}

const MEASURES: readonly MetricMeasure[] = ['count', 'duration', 'value'];
const MATCH_FIELDS = ['spanType', 'label', 'exerciseId', 'key'] as const;

interface CompiledSpec {
  name: string;
  measure: MetricMeasure;
  match: Readonly<MetricMatch>;
  series: Series;
}

function checkSpecs(specs: unknown): { name: string; measure: MetricMeasure; match: MetricMatch }[] {
  if (specs === null || typeof specs !== 'object' || typeof (specs as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    throw new TypeError('createMetricAggregator: specs must be an array');
  }
  const names = new Set<string>();
  const out: { name: string; measure: MetricMeasure; match: MetricMatch }[] = [];
  for (const spec of specs as Iterable<unknown>) {
    if (spec === null || typeof spec !== 'object') throw new TypeError('createMetricAggregator: each spec must be an object');
    const { name, measure, match = {} } = spec as Partial<MetricSpec>;
    if (typeof name !== 'string' || name.length === 0) throw new TypeError('createMetricAggregator: a spec needs a non-empty name');
    if (names.has(name)) throw new TypeError(`createMetricAggregator: two specs are named '${name}'`);
    names.add(name);
    if (!MEASURES.includes(measure as MetricMeasure)) {
      throw new TypeError(`createMetricAggregator: spec '${name}': measure must be 'count', 'duration' or 'value', got ${String(measure)}`);
    }
    if (match === null || typeof match !== 'object') throw new TypeError(`createMetricAggregator: spec '${name}': match must be an object`);
    const clean: MetricMatch = {};
    for (const field of MATCH_FIELDS) {
      const v = (match as Record<string, unknown>)[field];
      if (v === undefined) continue;
      if (typeof v !== 'string') throw new TypeError(`createMetricAggregator: spec '${name}': match.${field} must be a string`);
      (clean as Record<string, string>)[field] = v;
    }
    if (clean.spanType !== undefined && !SPAN_TYPES.includes(clean.spanType)) {
      throw new TypeError(`createMetricAggregator: spec '${name}': unknown spanType '${clean.spanType}'`);
    }
    if (measure === 'value' && clean.key === undefined) {
      throw new TypeError(`createMetricAggregator: spec '${name}': a 'value' series needs match.key`);
    }
    out.push({ name, measure: measure as MetricMeasure, match: Object.freeze(clean) });
  }
  return out;
}

/** The span-level part of a match: type, label and exercise. */
function spanMatches(match: MetricMatch, span: ExecutionSpan): boolean {
  return (
    (match.spanType === undefined || span.type === match.spanType) &&
    (match.label === undefined || span.label === match.label) &&
    (match.exerciseId === undefined || span.metrics.exerciseId === match.exerciseId)
  );
}

/**
 * A processor that turns spans and records into series, without the runtime knowing:
 *
 * - `'count'`: each ended span that matches adds 1 (so `count` and `sum` are the number of spans);
 * - `'duration'`: each ended span that matches adds its elapsed time, pauses excluded
 *   (`spanTotals(span, span.endTime).elapsedMs`);
 * - `'value'`: each record whose key is `match.key`, whose value is a finite number, and whose own
 *   span matches the rest of `match`, adds its value.
 *
 * For `'count'` and `'duration'`, `match.key` means: the span holds a record of that key (its own
 * records, not its descendants'). Spans of every end status count. The aggregator sees what happens
 * after it is added; a span that started before still counts when it ends, but only the records it
 * saw are known to it. Memory: one series per spec, bounded (see `Series`), and the record keys of
 * active spans only.
 */
export function createMetricAggregator(specs: readonly MetricSpec[], options: MetricAggregatorOptions = {}): MetricAggregator {
  new Series(options); // checks the options even when there is no spec (RangeError)
  const compiled: CompiledSpec[] = checkSpecs(specs).map((s) => ({ ...s, series: new Series(options) }));
  const byName = new Map(compiled.map((s) => [s.name, s] as const));
  const spanSpecs = compiled.filter((s) => s.measure !== 'value');
  const valueSpecs = compiled.filter((s) => s.measure === 'value');
  /** Keys that span-level matches ask about; only those are remembered per span. */
  const watchedKeys = new Set(spanSpecs.map((s) => s.match.key).filter((k): k is string => k !== undefined));
  /** Keys recorded on each active span, among the watched ones; forgotten when the span ends. */
  const keysBySpan = new Map<string, Set<string>>();
  let open = true;

  const get = (name: string): CompiledSpec => {
    const spec = byName.get(name);
    if (spec === undefined) throw new RangeError(`MetricAggregator: no series named '${String(name)}'`);
    return spec;
  };

  return {
    onMetric(record: MetricRecord, span: ExecutionSpan): void {
      if (!open) return;
      if (watchedKeys.has(record.key)) {
        let keys = keysBySpan.get(record.spanId);
        if (keys === undefined) keysBySpan.set(record.spanId, (keys = new Set()));
        keys.add(record.key);
      }
      if (typeof record.value !== 'number') return;
      for (const spec of valueSpecs) {
        if (spec.match.key === record.key && spanMatches(spec.match, span)) spec.series.add(record.value);
      }
    },

    onEnd(span: ExecutionSpan): void {
      if (!open) return;
      const keys = keysBySpan.get(span.id);
      keysBySpan.delete(span.id);
      let elapsed: number | undefined;
      for (const spec of spanSpecs) {
        if (!spanMatches(spec.match, span)) continue;
        if (spec.match.key !== undefined && keys?.has(spec.match.key) !== true) continue;
        if (spec.measure === 'count') spec.series.add(1);
        else spec.series.add((elapsed ??= spanTotals(span, span.endTime ?? span.startTime).elapsedMs));
      }
    },

    read: (name) => get(name).series.read(),

    readAll() {
      const out: Record<string, SeriesSummary> = {};
      for (const spec of compiled) out[spec.name] = spec.series.read();
      return out;
    },

    footprint: (name) => get(name).series.footprint(),

    shutdown(): void {
      open = false;
      keysBySpan.clear();
    },
  };
}
