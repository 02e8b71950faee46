import { knownMetric } from '../model/metric-keys';
import type { MetricValue, SpanMetrics } from '../model/types';

/**
 * Display metrics (`span.metrics`, `segment.metrics`): the latest value per key, built from records.
 * Measured and custom keys show a frozen `MetricValue`; the other known keys their value itself.
 */

export const NO_METRICS: Partial<SpanMetrics> = Object.freeze({});
export const NO_SPAN_METRICS: SpanMetrics = Object.freeze({ custom: Object.freeze({}) });

/** What a record shows in display metrics. */
export function shownValue(
  key: string,
  value: unknown,
  unit: string,
  recorded: number,
  source: string | undefined,
  known = knownMetric(key),
): unknown {
  if (known !== undefined && known.kind !== 'measured') return value;
  const mv: MetricValue<unknown> = source === undefined ? { value, unit, recorded } : { value, unit, recorded, source };
  return Object.freeze(mv);
}

/** The `duration` an ended span shows when no record gave one: its length. */
export function spanLength(startTime: number, endTime: number): MetricValue<number> {
  return Object.freeze({ value: endTime - startTime, unit: 'ms', recorded: endTime });
}

/** Shows a value under its key: known keys by name, others under `custom`. */
export function put(metrics: Partial<SpanMetrics>, key: string, shown: unknown, known = knownMetric(key)): void {
  if (known !== undefined) (metrics as Record<string, unknown>)[key] = shown;
  else (metrics.custom ??= {})[key] = shown as MetricValue<unknown>;
}

/** No metric in it: `{}`, or `{ custom: {} }`. */
function isBlank(metrics: Partial<SpanMetrics>): boolean {
  for (const key in metrics) {
    if (key !== 'custom') return false;
    for (const _ in metrics.custom) return false;
  }
  return true;
}

/** Freezes working metrics that will not change again (the shared blank value when empty). */
export function freezeInPlace<M extends Partial<SpanMetrics>>(metrics: M): M {
  if (isBlank(metrics)) return (metrics.custom === undefined ? NO_METRICS : NO_SPAN_METRICS) as M;
  if (metrics.custom !== undefined) Object.freeze(metrics.custom);
  return Object.freeze(metrics);
}

/**
 * A frozen copy of working metrics that may still change. Values are frozen when shown; only the
 * containers are copied. (`Object.assign`, not spread: V8 freezes an object built by spread through
 * a slow path, about 5× the cost.)
 */
export function freezeMetrics<M extends Partial<SpanMetrics>>(metrics: M): M {
  // Nothing recorded yet (a span or segment just opened): one shared frozen value.
  if (isBlank(metrics)) return (metrics.custom === undefined ? NO_METRICS : NO_SPAN_METRICS) as M;
  const copy = Object.assign({}, metrics);
  if (metrics.custom !== undefined) copy.custom = Object.freeze(Object.assign({}, metrics.custom));
  return Object.freeze(copy);
}
