/**
 * The one table of metric keys the package knows, and what each one is. Every other module reads
 * keys from here: validation, where a record is shown in `span.metrics`, which keys the rest and
 * pause policies apply to, which keys describe a span, how documents are written and read.
 *
 * - `measured`: a finite number ≥ 0 with a unit, shown as a `MetricValue` (`reps`, `weight`, ...).
 * - `count`: a positive integer, shown bare (`currentRound`, `totalRounds`, `targetReps`).
 * - `list`: a non-empty array of positive integers, shown bare (`repScheme`).
 * - `text`: a non-empty string, shown bare (`exerciseId`, `exerciseImage`).
 *
 * Any other key is a custom metric (heart rate, power, calories): a JSON-safe value, shown as a
 * `MetricValue` under `span.metrics.custom`.
 */

import { isPlainObject } from './read-value';

export type MetricKind = 'measured' | 'count' | 'list' | 'text';

export interface KnownMetric {
  readonly kind: MetricKind;
  /** Work done: the rest and pause policies apply to it; to no other key. */
  readonly work: boolean;
  /** Describes the span (what it is, what is planned): may come with the block or `updateSpan`. */
  readonly descriptor: boolean;
}

function known(kind: MetricKind, work = false, descriptor = false): KnownMetric {
  return Object.freeze({ kind, work, descriptor });
}

/** In the order a span's `metrics` lists them. */
export const KNOWN_METRICS = Object.freeze({
  exerciseId: known('text', false, true),
  exerciseImage: known('text', false, true),
  reps: known('measured', true),
  targetReps: known('count', false, true),
  weight: known('measured', true),
  distance: known('measured', true),
  duration: known('measured'),
  elapsed: known('measured'),
  currentRound: known('count'),
  totalRounds: known('count', false, true),
  repScheme: known('list', false, true),
});

export type KnownMetricKey = keyof typeof KNOWN_METRICS;

/** The keys a span can be described by (`BlockLike` fields, `updateSpan`). */
export type DescriptorKey = 'exerciseId' | 'exerciseImage' | 'targetReps' | 'totalRounds' | 'repScheme';

export const KNOWN_METRIC_KEYS = Object.freeze(Object.keys(KNOWN_METRICS)) as readonly KnownMetricKey[];
export const DESCRIPTOR_KEYS = Object.freeze(KNOWN_METRIC_KEYS.filter((k) => KNOWN_METRICS[k].descriptor)) as readonly DescriptorKey[];
/** The keys shown as a `MetricValue` under their own name. */
export type MeasuredKey = 'reps' | 'weight' | 'distance' | 'duration' | 'elapsed';
export const MEASURED_KEYS = Object.freeze(KNOWN_METRIC_KEYS.filter((k) => KNOWN_METRICS[k].kind === 'measured')) as readonly MeasuredKey[];

/** The entry of a known key; undefined for a custom one (own keys only: `'constructor'` is custom). */
export function knownMetric(key: string): KnownMetric | undefined {
  return Object.hasOwn(KNOWN_METRICS, key) ? KNOWN_METRICS[key as KnownMetricKey] : undefined;
}

/** Whether the rest and pause policies apply to the key (work done: reps, weight, distance). */
export function isWorkKey(key: string): boolean {
  return knownMetric(key)?.work === true;
}

function isPositiveInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

/** JSON-safe: what `JSON.stringify` writes and `JSON.parse` reads back unchanged (at most 32 levels deep). */
export function isJsonSafe(value: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (Array.isArray(value)) {
        // A sparse array has holes that JSON writes as null: not the same value read back.
        for (let i = 0; i < value.length; i++) if (!(i in value) || !isJsonSafe(value[i], depth + 1)) return false;
        return true;
      }
      if (!isPlainObject(value)) return false;
      for (const k of Object.keys(value)) {
        const v = value[k];
        if (v === undefined || !isJsonSafe(v, depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/** Whether a value fits a known key of that kind (the unit is checked apart). */
export function fitsKind(kind: MetricKind, value: unknown): boolean {
  switch (kind) {
    case 'measured':
      return typeof value === 'number' && Number.isFinite(value) && value >= 0;
    case 'count':
      return isPositiveInteger(value);
    case 'list':
      if (!Array.isArray(value) || value.length === 0) return false;
      for (let i = 0; i < value.length; i++) if (!(i in value) || !isPositiveInteger(value[i])) return false;
      return true;
    case 'text':
      return typeof value === 'string' && value.length > 0;
  }
}

const KIND_NEEDS: Record<MetricKind, string> = {
  measured: 'a finite number ≥ 0',
  count: 'a positive integer',
  list: 'a non-empty array of positive integers',
  text: 'a non-empty string',
};

/**
 * Why a metric cannot be recorded, or undefined when it can: measured keys need a finite number ≥ 0
 * and a non-empty unit; counts a positive integer; `repScheme` positive integers; text keys a
 * non-empty string; custom keys a non-empty key and a JSON-safe value. `unitAtFault`: only the unit
 * is wrong.
 */
export function metricProblem(key: unknown, value: unknown, unit: unknown): { why: string; unitAtFault: boolean } | undefined {
  if (typeof key !== 'string' || key.length === 0) return { why: 'the key must be a non-empty string', unitAtFault: false };
  // Metrics are shown by key in plain objects: this one would replace the object's prototype.
  if (key === '__proto__') return { why: "'__proto__' cannot be a metric key", unitAtFault: false };
  const entry = knownMetric(key);
  if (entry !== undefined) {
    if (!fitsKind(entry.kind, value)) return { why: `needs ${KIND_NEEDS[entry.kind]}, got ${describe(value)}`, unitAtFault: false };
  } else if (value === undefined || !isJsonSafe(value)) {
    return { why: 'needs a JSON-safe value (finite numbers, no holes, at most 32 levels deep)', unitAtFault: false };
  }
  if (typeof unit !== 'string') return { why: 'the unit must be a string', unitAtFault: true };
  if (entry?.kind === 'measured' && unit.length === 0) return { why: 'needs a non-empty unit', unitAtFault: true };
  return undefined;
}

/** A value named in a message: never throws, whatever the value is. */
export function describe(value: unknown): string {
  try {
    if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    if (value === null || typeof value !== 'object') return String(value);
    return Array.isArray(value) ? `an array of ${value.length}` : 'an object';
  } catch {
    return 'a value that cannot be read';
  }
}
