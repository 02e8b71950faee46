import { TrackerError } from '../errors/tracker-error';
import { metricProblem } from './metric-keys';

export type MetricValidation = { ok: true } | { ok: false; error: TrackerError };

const OK: MetricValidation = Object.freeze({ ok: true });

/**
 * Checks a metric before it is recorded: `{ ok: true }`, or `{ ok: false, error }` with an
 * `INVALID_METRIC` TrackerError saying why. Never throws, whatever it is given. The rules per key
 * are those of the metric key table (`model/metric-keys`).
 */
export function validateMetric(key: string, value: unknown, unit: string): MetricValidation {
  let problem: ReturnType<typeof metricProblem>;
  try {
    problem = metricProblem(key, value, unit);
  } catch (cause) {
    // A value whose reading throws (a Proxy, a getter) is not a value that can be kept.
    return { ok: false, error: new TrackerError('INVALID_METRIC', 'metric: its value could not be read', { key, cause }) };
  }
  if (problem === undefined) return OK;
  const name = typeof key === 'string' ? key : '(not a string)';
  return { ok: false, error: new TrackerError('INVALID_METRIC', `metric '${name}': ${problem.why}`, { key, value, unit }) };
}
