import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createManualClock, createTracker, isTrackerError, type ExecutionSpan } from 'workout-spans';
import { MetricCollector, toExecutionRecord } from 'workout-spans/compat';
import { snapshotArb, T0, valueArb } from '../hardening/io-snapshots';
import { numRuns, seed } from '../hardening/runs';

/**
 * The deprecated adapters under bad input: `toExecutionRecord` takes any span, whatever its values
 * hold; `MetricCollector.collect` reads a metric once and refuses one it cannot read with
 * INVALID_METRIC, keeping and recording nothing of it.
 */

describe('compat under hostile input', () => {
  it('property: toExecutionRecord reads any span, keeping finite numbers only', () => {
    fc.assert(
      fc.property(snapshotArb, (snapshot) => {
        for (const span of snapshot.spans) {
          const record = toExecutionRecord(span);
          expect(Object.isFrozen(record)).toBe(true);
          for (const m of record.metrics) for (const v of m.values) expect(Number.isFinite(v.value)).toBe(true);
        }
      }),
      { numRuns: numRuns(100), ...seed() },
    );
  });

  it('toExecutionRecord takes null and { "toString": 1 } where values belong', () => {
    const span = {
      id: 's',
      blockId: 'b',
      parentSpanId: null,
      type: 'effort',
      label: 'L',
      status: 'active',
      startTime: T0,
      paused: false,
      metrics: {
        reps: null,
        weight: { value: { toString: 1 }, unit: 'kg', recorded: T0 },
        custom: { hr: null, ok: { value: 7, unit: 'bpm', recorded: T0 } },
      },
      segments: [],
      timeSpans: [],
    } as unknown as ExecutionSpan;
    expect(toExecutionRecord(span).metrics[0]!.values).toEqual([{ type: 'ok', value: 7, unit: 'bpm' }]);
  });

  it('collect refuses what it cannot read with INVALID_METRIC, and keeps and records nothing of it', () => {
    const tracker = createTracker({ clock: createManualClock(T0), onError: () => {} });
    tracker.startSpan({ key: 'w', label: 'W' });
    const collector = new MetricCollector(tracker);
    const throwing = Object.defineProperty({ exerciseId: 'x' }, 'values', {
      get() {
        throw new Error('getter');
      },
    });
    const sparse = { exerciseId: 'x', values: [{ type: 'reps', value: 1, unit: 'reps' }, , { type: 'reps', value: 2, unit: 'reps' }] }; // eslint-disable-line no-sparse-arrays
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    for (const bad of [
      null,
      5,
      'm',
      {},
      { exerciseId: 'x', values: 'no' },
      { exerciseId: 'x', values: [null] },
      { exerciseId: 'x', values: [{ type: { toString: 1 }, value: 1, unit: 'u' }] },
      { exerciseId: 'x', values: [], timeSpans: 3 },
      throwing,
      sparse,
      proxy,
    ]) {
      let error: unknown;
      try {
        collector.collect(bad as never);
      } catch (e) {
        error = e;
      }
      expect(isTrackerError(error) && error.code === 'INVALID_METRIC', String(error)).toBe(true);
    }
    expect(collector.getMetrics()).toEqual([]);
    expect(tracker.stats().records).toBe(0);
  });

  it('collect reads each field once: a getter that changes its answer cannot slip an unchecked value through', () => {
    const tracker = createTracker({ clock: createManualClock(T0), onError: () => {} });
    tracker.startSpan({ key: 'w', label: 'W' });
    const collector = new MetricCollector(tracker);
    let reads = 0;
    const value = Object.defineProperty({ type: 'reps', unit: 'reps' }, 'value', {
      enumerable: true,
      get: () => (++reads === 1 ? 5 : Number.NaN),
    });
    const made = collector.collect({ exerciseId: 'x', values: [value as never], timeSpans: [] });
    expect(reads).toBe(1);
    expect(made.map((r) => r.value)).toEqual([5]);
    expect(collector.getMetrics()[0]!.values[0]!.value).toBe(5);
  });

  it('property: collect of any value never throws anything but a TrackerError', () => {
    const tracker = createTracker({ clock: createManualClock(T0), onError: () => {} });
    tracker.startSpan({ key: 'w', label: 'W' });
    const collector = new MetricCollector(tracker);
    fc.assert(
      fc.property(
        fc.oneof(
          valueArb,
          fc.record({ exerciseId: valueArb, values: fc.array(fc.record({ type: valueArb, value: valueArb, unit: valueArb })) }),
        ),
        (metric) => {
          try {
            collector.collect(metric as never);
          } catch (e) {
            expect(isTrackerError(e)).toBe(true);
          }
        },
      ),
      { numRuns: numRuns(300), ...seed() },
    );
  });
});
