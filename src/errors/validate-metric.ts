import { TrackerError } from './tracker-error';

export type MetricValidation = { ok: true } | { ok: false; error: TrackerError };

const MEASURED_KEYS = new Set(['reps', 'weight', 'distance', 'duration', 'elapsed']);
const COUNT_KEYS = new Set(['currentRound', 'totalRounds', 'targetReps']);
const TEXT_KEYS = new Set(['exerciseId', 'exerciseImage']);

const OK: MetricValidation = Object.freeze({ ok: true }) as MetricValidation;

function fail(key: string, value: unknown, unit: unknown, why: string): MetricValidation {
  return { ok: false, error: new TrackerError('INVALID_METRIC', `metric '${key}': ${why}`, { key, value, unit }) };
}

function isPositiveInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

/** JSON-safe: what JSON.stringify writes and JSON.parse reads back unchanged. */
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
      if (Array.isArray(value)) return value.every((v) => isJsonSafe(v, depth + 1));
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      for (const k of Object.keys(value as object)) {
        const v = (value as Record<string, unknown>)[k];
        if (v === undefined || !isJsonSafe(v, depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/**
 * Checks a metric before it is recorded (API.md §7): measured keys need a finite number ≥ 0 and a
 * unit; counts a positive integer; `repScheme` positive integers; text keys a non-empty string;
 * custom keys a non-empty key and a JSON-safe value.
 */
export function validateMetric(key: string, value: unknown, unit: string): MetricValidation {
  if (typeof key !== 'string' || key.length === 0) return fail(String(key), value, unit, 'the key must be a non-empty string');
  // Metrics are stored by key in plain objects: this one would replace the object's prototype.
  if (key === '__proto__') return fail(key, value, unit, "'__proto__' cannot be a metric key");
  if (typeof unit !== 'string') return fail(key, value, unit, 'the unit must be a string');
  if (MEASURED_KEYS.has(key)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      return fail(key, value, unit, `needs a finite number ≥ 0, got ${String(value)}`);
    }
    if (unit.length === 0) return fail(key, value, unit, 'needs a non-empty unit');
    return OK;
  }
  if (COUNT_KEYS.has(key)) {
    return isPositiveInteger(value) ? OK : fail(key, value, unit, `needs a positive integer, got ${String(value)}`);
  }
  if (key === 'repScheme') {
    return Array.isArray(value) && value.length > 0 && value.every(isPositiveInteger)
      ? OK
      : fail(key, value, unit, 'needs a non-empty array of positive integers');
  }
  if (TEXT_KEYS.has(key)) {
    return typeof value === 'string' && value.length > 0 ? OK : fail(key, value, unit, 'needs a non-empty string');
  }
  if (value === undefined || !isJsonSafe(value)) return fail(key, value, unit, 'needs a JSON-safe value (finite numbers)');
  return OK;
}
