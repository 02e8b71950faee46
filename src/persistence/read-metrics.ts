import type { MetricValue, SpanMetrics, TimerInfo } from 'workout-spans';
import { KEYS } from './record-keys';
import { KNOWN_METRIC_KEYS, KNOWN_METRICS } from '../model/metric-keys';
import {
  At,
  bad,
  DIRECTIONS,
  finite,
  has,
  keySet,
  need,
  nonNegative,
  oneOf,
  positiveInteger,
  string,
  text,
  type Reading,
} from './reader-kit';
import { setOwn } from '../model/read-value';

/** Readers of a span's display values: its timer, its metrics (and a segment's), one metric value. */

const TIMER_KEYS = keySet(KEYS.timer);
const METRICS_KEYS = keySet(KEYS.metrics);
const METRIC_VALUE_KEYS = keySet(KEYS.metricValue);
/** The kind of each known key, in table order (read once per metrics object: an indexed loop, no iterator). */
const KINDS = KNOWN_METRIC_KEYS.map((k) => KNOWN_METRICS[k].kind);

export function readTimer(v: unknown, at: At, ctx: Reading): TimerInfo {
  const o = ctx.object(v, at, 'timer', TIMER_KEYS);
  const here = new At(at, 'timer');
  need(o, 'direction', here);
  oneOf(DIRECTIONS, o.direction, here, 'direction');
  if (has(o, 'durationMs')) nonNegative(o.durationMs, here, 'durationMs');
  return Object.freeze(o) as unknown as TimerInfo;
}

/** A metric value of a measured key (`numeric`: a number ≥ 0 with a unit) or a custom one (any JSON value). */
function readMetricValue(v: unknown, at: At, key: string, numeric: boolean, ctx: Reading): MetricValue<unknown> {
  const o = ctx.object(v, at, key, METRIC_VALUE_KEYS);
  const here = new At(at, key);
  need(o, 'value', here);
  if (numeric) nonNegative(o.value, here, 'value');
  else o.value = ctx.json(o.value, here, 'value');
  need(o, 'unit', here);
  if (numeric) text(o.unit, here, 'unit');
  else string(o.unit, here, 'unit');
  need(o, 'recorded', here);
  ctx.time(finite(o.recorded, here, 'recorded'), at, key, 'recorded');
  if (has(o, 'source')) string(o.source, here, 'source');
  return Object.freeze(o) as unknown as MetricValue<unknown>;
}

/**
 * A span's metrics (`isSpan`: `custom` required) or a segment's. Known keys are checked in the order of
 * the metric-key table, each as its kind says, then `custom`.
 */
export function readMetrics(v: unknown, at: At, isSpan: boolean, ctx: Reading): Partial<SpanMetrics> {
  const o = ctx.object(v, at, 'metrics', METRICS_KEYS, true);
  const here = new At(at, 'metrics');
  for (let i = 0; i < KNOWN_METRIC_KEYS.length; i++) {
    const key = KNOWN_METRIC_KEYS[i]!;
    if (!has(o, key)) continue;
    switch (KINDS[i]) {
      case 'text':
        text(o[key], here, key);
        break;
      case 'count':
        positiveInteger(o[key], here, key);
        break;
      case 'list':
        o[key] = readCounts(o[key], here, key, ctx);
        break;
      case 'measured':
        o[key] = readMetricValue(o[key], here, key, true, ctx);
        break;
    }
  }
  if (has(o, 'custom')) o.custom = readCustom(o.custom, here, ctx);
  else if (isSpan) bad(here, 'custom', 'missing');
  return Object.freeze(o) as Partial<SpanMetrics>;
}

/** A non-empty list of positive integers (`repScheme`). */
function readCounts(v: unknown, at: At, key: string, ctx: Reading): number[] {
  const arr = ctx.list(v, at, key);
  if (arr.length === 0) bad(at, key, 'expected a non-empty array');
  const here = new At(at, key);
  for (let i = 0; i < arr.length; i++) positiveInteger(arr[i], here, i);
  return Object.freeze(arr) as number[];
}

function readCustom(v: unknown, at: At, ctx: Reading): Record<string, MetricValue<unknown>> {
  const c = ctx.object(v, at, 'custom', null, true);
  const here = new At(at, 'custom');
  for (const name of Object.keys(c)) {
    if (name.length === 0) bad(here, name, 'a custom metric needs a non-empty key');
    const raw = c[name];
    const mv = readMetricValue(raw, here, name, false, ctx);
    // An own key even when it is `__proto__` (plain assignment would set the prototype).
    if (mv !== raw) setOwn(c, name, mv);
  }
  return Object.freeze(c) as Record<string, MetricValue<unknown>>;
}
