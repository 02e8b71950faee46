// What a developer meets in the first hour: a failure nobody listens to is logged once, and a strict
// tracker's calls are typed without `undefined`.
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { createManualClock, createTracker, ExecutionTracker, type ExecutionSpan, type MetricRecord, type TimeSegment } from 'workout-spans';
import { T0 } from '../helpers';

afterEach(() => vi.restoreAllMocks());

describe('a failure nobody listens to', () => {
  it('is logged once per kind with console.warn, saying what was dropped and how to listen', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const tracker = createTracker({ clock: createManualClock(T0) });
    tracker.recordMetric('typo', 'reps', 1, 'reps'); // NO_ACTIVE_SPAN
    tracker.recordMetric('typo', 'reps', 2, 'reps');
    tracker.startSpan({ key: '', label: 'x' }); // INVALID_BLOCK
    tracker.startSpan({ key: 'a', label: 'A' });
    tracker.startRest('a');
    tracker.recordMetric('a', 'reps', 3, 'reps'); // rejected: rest
    tracker.recordMetric('a', 'reps', 4, 'reps');
    expect(warn).toHaveBeenCalledTimes(3);
    const lines = warn.mock.calls.map((c) => String(c[0]));
    expect(lines[0]).toMatch(/^workout-spans: no active span for 'typo'.*tracker\.on\('error'/);
    expect(lines[1]).toMatch(/invalid block/);
    expect(lines[2]).toMatch(/'reps' metric was not kept: its span is resting.*tracker\.on\('metric:rejected'/);
    for (const line of lines) expect(line.split('\n')).toHaveLength(1);
  });

  it('is silent when an error handler, onError or a metric:rejected handler listens, and in strict mode', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const a = createTracker({ onError: () => {} });
    a.endSpan('nope');
    const b = createTracker();
    b.on('error', () => {});
    b.endSpan('nope');
    const c = createTracker({ strict: true });
    expect(() => c.endSpan('nope')).toThrow();
    c.startSpan({ key: 'x', label: 'X' });
    c.startRest('x');
    c.recordMetric('x', 'reps', 1, 'reps');
    const d = createTracker();
    d.on('metric:rejected', () => {});
    d.startSpan({ key: 'x', label: 'X' });
    d.startRest('x');
    d.recordMetric('x', 'reps', 1, 'reps');
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('types follow strict', () => {
  it('a strict tracker returns spans and segments, a lenient one may return undefined; recordMetric may always', () => {
    // The types are checked by the type check (tsc); the calls run for real.
    const strict = createTracker({ strict: true, clock: createManualClock(T0) });
    const span = strict.startSpan({ key: 'a', label: 'A' });
    expectTypeOf(span).toEqualTypeOf<ExecutionSpan>();
    expectTypeOf(strict.startSegment('a', 'round', 'Round 1')).toEqualTypeOf<TimeSegment>();
    expectTypeOf(strict.recordMetric('a', 'reps', 1, 'reps')).toEqualTypeOf<MetricRecord | undefined>();
    expectTypeOf(strict.updateSpan('a', { label: 'A1' })).toEqualTypeOf<ExecutionSpan>();
    expect(strict.endSpan('a').label).toBe('A1');
    const lenient = createTracker({ clock: createManualClock(T0) });
    const maybe = lenient.startSpan({ key: 'a', label: 'A' });
    expectTypeOf(maybe).toEqualTypeOf<ExecutionSpan | undefined>();
    const restored = ExecutionTracker.restore(lenient.getSnapshot(), { strict: true, clock: createManualClock(T0) });
    expectTypeOf(restored.updateSpan('a', { label: 'x' })).toEqualTypeOf<ExecutionSpan>();
    const shared: ExecutionTracker = restored; // a strict tracker is an ExecutionTracker
    expectTypeOf(shared.endSpan('a')).toEqualTypeOf<ExecutionSpan | undefined>();
    expect(restored.getSnapshot().completed.map((s) => s.label)).toEqual(['x']);
  });
});
