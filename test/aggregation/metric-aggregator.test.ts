import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runEmomThroughActions, runFranThroughActions } from '../../examples/runtime/index';
import { type ExecutionSpan, type MetricRecord } from 'workout-spans';
import { createMetricAggregator, type MetricSpec } from 'workout-spans/aggregation';
import { makeTracker } from '../helpers';
import { PS, referencePercentile, seeded } from './reference';

describe('createMetricAggregator', () => {
  describe('specs', () => {
    it('a value series without key is a TypeError', () => {
      expect(() => createMetricAggregator([{ name: 'v', match: { spanType: 'effort' }, measure: 'value' }])).toThrow(TypeError);
      expect(() => createMetricAggregator([{ name: 'v', measure: 'value' }])).toThrow(/needs match.key/);
    });

    it('refuses specs that cannot be what was meant', () => {
      const bad: unknown[] = [
        'nope',
        [null],
        [{ name: '', measure: 'count' }],
        [
          { name: 'a', measure: 'count' },
          { name: 'a', measure: 'duration' },
        ],
        [{ name: 'a', measure: 'sum' }],
        [{ name: 'a', measure: 'count', match: { spanType: 'Effort' } }],
        [{ name: 'a', measure: 'count', match: { label: 3 } }],
        [{ name: 'a', measure: 'count', match: null }],
      ];
      for (const specs of bad) expect(() => createMetricAggregator(specs as MetricSpec[])).toThrow(TypeError);
      expect(() => createMetricAggregator([], { exactSamples: -1 })).toThrow(RangeError);
    });

    it('an empty series reads as zeros with count 0; an unknown name is a RangeError', () => {
      const agg = createMetricAggregator([{ name: 'all', measure: 'count' }]);
      expect(agg.read('all')).toEqual({ count: 0, sum: 0, min: 0, max: 0, mean: 0, p50: 0, p75: 0, p90: 0, p95: 0, p99: 0 });
      expect(() => agg.read('nope')).toThrow(RangeError);
      expect(() => agg.footprint('nope')).toThrow(RangeError);
      expect(Object.keys(agg.readAll())).toEqual(['all']);
    });
  });

  describe('on Fran (S1), driven through actions', () => {
    const agg = createMetricAggregator([
      { name: 'thrusters', match: { spanType: 'effort', exerciseId: 'thruster' }, measure: 'duration' },
      { name: 'pull-ups', match: { label: 'Pull-ups' }, measure: 'duration' },
      { name: 'efforts', match: { spanType: 'effort' }, measure: 'count' },
      { name: 'weighted', match: { key: 'weight' }, measure: 'count' },
      { name: 'reps', match: { key: 'reps' }, measure: 'value' },
      { name: 'thruster reps', match: { key: 'reps', exerciseId: 'thruster' }, measure: 'value' },
      { name: 'rounds', match: { spanType: 'rounds' }, measure: 'duration' },
      { name: 'exercise ids', match: { key: 'exerciseId' }, measure: 'value' },
    ]);
    const rt = runFranThroughActions({ strict: true }, (r) => r.executionTracker.addProcessor(agg));

    it('thruster durations 60 000 / 40 000 / 30 000', () => {
      expect(agg.read('thrusters')).toEqual({
        count: 3,
        sum: 130_000,
        min: 30_000,
        max: 60_000,
        mean: 130_000 / 3,
        p50: 40_000,
        p75: 50_000,
        p90: 56_000,
        p95: 58_000,
        p99: 59_600,
      });
    });

    it('pull-up durations 45 000 / 35 000 / 30 000; the rounds span 240 000', () => {
      expect(agg.read('pull-ups')).toMatchObject({ count: 3, sum: 110_000, min: 30_000, max: 45_000, p50: 35_000 });
      expect(agg.read('rounds')).toMatchObject({ count: 1, sum: 240_000, p99: 240_000 });
    });

    it('counts 6 effort spans, 3 of which hold a weight record', () => {
      expect(agg.read('efforts')).toMatchObject({ count: 6, sum: 6, min: 1, max: 1, mean: 1 });
      expect(agg.read('weighted')).toMatchObject({ count: 3, sum: 3 });
    });

    it('the reps series: 21, 21, 15, 15, 9, 9 (90 reps); the thrusters’ 21, 15, 9', () => {
      expect(agg.read('reps')).toMatchObject({ count: 6, sum: 90, min: 9, max: 21, mean: 15, p50: 15, p75: 19.5 });
      expect(agg.read('thruster reps')).toMatchObject({ count: 3, sum: 45, p50: 15 });
    });

    it('skips values that are not numbers', () => {
      expect(agg.read('exercise ids').count).toBe(0);
    });

    it('agrees with the tracker’s own totals, span by span', () => {
      const thrusters = rt.executionTracker.getSpans({ type: 'effort' }).filter((s) => s.metrics.exerciseId === 'thruster');
      expect(thrusters.map((s) => rt.executionTracker.totals(s.id)!.elapsedMs)).toEqual([60_000, 40_000, 30_000]);
    });
  });

  describe('on the EMOM with RestBehavior, driven through actions', () => {
    const agg = createMetricAggregator([
      { name: 'burpee reps', match: { key: 'reps', exerciseId: 'burpee' }, measure: 'value' },
      { name: 'all reps', match: { key: 'reps' }, measure: 'value' },
      { name: 'rest', match: { label: 'Rest' }, measure: 'duration' },
      { name: 'sets with reps', match: { spanType: 'effort', key: 'reps' }, measure: 'count' },
      { name: 'emom', match: { spanType: 'emom' }, measure: 'duration' },
    ]);
    runEmomThroughActions({}, (r) => r.executionTracker.addProcessor(agg));

    it('the rejected rep of minute 4 is in no series', () => {
      expect(agg.read('burpee reps')).toMatchObject({ count: 10, sum: 100, p99: 10 });
      expect(agg.read('all reps')).toMatchObject({ count: 10, sum: 100 });
    });

    it('10 rest blocks of 20 000 ms, 10 effort sets with reps, one 600 000 ms EMOM', () => {
      expect(agg.read('rest')).toMatchObject({ count: 10, sum: 200_000, min: 20_000, max: 20_000 });
      expect(agg.read('sets with reps')).toMatchObject({ count: 10 });
      expect(agg.read('emom')).toMatchObject({ count: 1, sum: 600_000 });
    });
  });

  it('duration excludes pauses (elapsed time), and spans of every end status count', () => {
    const { tracker, clock } = makeTracker({ strict: true });
    const agg = createMetricAggregator([
      { name: 'sets', match: { label: 'Set' }, measure: 'duration' },
      { name: 'n', match: { label: 'Set' }, measure: 'count' },
    ]);
    tracker.addProcessor(agg);
    tracker.startSpan({ key: 's1', label: 'Set' });
    clock.advance(10_000);
    tracker.pause();
    clock.advance(60_000);
    tracker.resume();
    clock.advance(20_000);
    tracker.endSpan('s1');
    tracker.startSpan({ key: 's2', label: 'Set' });
    clock.advance(5_000);
    tracker.endSpan('s2', 'failed');
    tracker.startSpan({ key: 's3', label: 'Set' });
    tracker.endSpan('s3', 'skipped');
    expect(agg.read('sets')).toMatchObject({ count: 3, sum: 35_000, min: 0, max: 30_000, p50: 5_000 });
    expect(agg.read('n').count).toBe(3);
  });

  it('key on a span series: the span’s own records, not its descendants’', () => {
    const { tracker } = makeTracker({ strict: true });
    const agg = createMetricAggregator([{ name: 'with reps', match: { key: 'reps' }, measure: 'count' }]);
    tracker.addProcessor(agg);
    tracker.startSpan({ key: 'parent', label: 'Parent' });
    tracker.startSpan({ key: 'child', label: 'Child' });
    tracker.recordMetric('child', 'reps', 3, 'reps');
    tracker.endSpan('parent');
    expect(agg.read('with reps').count).toBe(1);
  });

  it('a span that started before the aggregator counts when it ends; only the records seen are known', () => {
    const { tracker } = makeTracker({ strict: true });
    tracker.startSpan({ key: 'a', label: 'A' });
    tracker.recordMetric('a', 'reps', 3, 'reps');
    const agg = createMetricAggregator([
      { name: 'all', measure: 'count' },
      { name: 'with reps', match: { key: 'reps' }, measure: 'count' },
    ]);
    tracker.addProcessor(agg);
    tracker.endSpan('a');
    expect([agg.read('all').count, agg.read('with reps').count]).toEqual([1, 0]);
  });

  it('after removal (shutdown) it takes nothing more and stays readable', () => {
    const { tracker } = makeTracker({ strict: true });
    const agg = createMetricAggregator([{ name: 'reps', match: { key: 'reps' }, measure: 'value' }]);
    const remove = tracker.addProcessor(agg);
    tracker.startSpan({ key: 'a', label: 'A' });
    tracker.recordMetric('a', 'reps', 3, 'reps');
    remove();
    tracker.recordMetric('a', 'reps', 4, 'reps');
    agg.onMetric({ key: 'reps', value: 5, spanId: 'x' } as MetricRecord, {} as ExecutionSpan);
    expect(agg.read('reps')).toMatchObject({ count: 1, sum: 3 });
  });

  it('a value series matches the sorted-array reference on random data', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 100 }), (values) => {
        const { tracker } = makeTracker({ strict: true });
        const agg = createMetricAggregator([{ name: 'w', match: { key: 'weight', spanType: 'effort' }, measure: 'value' }]);
        tracker.addProcessor(agg);
        tracker.startSpan({ key: 'set', label: 'Set', blockType: 'effort' });
        tracker.startSpan({ key: 'other', label: 'Other' }, null);
        for (const v of values) {
          tracker.recordMetric('set', 'weight', v, 'kg');
          tracker.recordMetric('other', 'weight', v + 1, 'kg'); // not an effort span: not taken
        }
        const r = agg.read('w');
        expect(r.count).toBe(values.length);
        for (const p of PS)
          expect(Math.abs(r[`p${p}`] - referencePercentile(values, p))).toBeLessThanOrEqual(
            1e-9 * Math.max(1, referencePercentile(values, p)),
          );
      }),
      { numRuns: 50 },
    );
  });

  it('a 2-hour session at 1 Hz through the tracker: the heart-rate series stays exact and bounded', () => {
    const { tracker, clock } = makeTracker({ strict: true });
    const agg = createMetricAggregator([{ name: 'hr', match: { key: 'heartRate' }, measure: 'value' }]);
    tracker.addProcessor(agg);
    tracker.startSpan({ key: 'session', label: 'Long run' });
    const rand = seeded(1);
    const values: number[] = [];
    for (let t = 0; t < 7_200; t++) {
      const hr = Math.round(120 + 40 * rand());
      values.push(hr);
      tracker.recordMetric('session', 'heartRate', hr, 'bpm');
      clock.advance(1000);
    }
    tracker.endSpan('session');
    expect(agg.footprint('hr')).toEqual({ mode: 'exact', samples: 7_200, buckets: 0, collapsed: false });
    const r = agg.read('hr');
    expect(r.count).toBe(7_200);
    for (const p of PS) expect(r[`p${p}`]).toBe(referencePercentile(values, p));
  });

  it('100 000 values: the series becomes a sketch of bounded size, percentiles within 1 %', () => {
    const agg = createMetricAggregator([{ name: 'power', match: { key: 'power' }, measure: 'value' }], { exactSamples: 10_000 });
    const span = { id: 's', type: 'effort', label: 'Ride', metrics: { custom: {} } } as unknown as ExecutionSpan;
    const rand = seeded(9);
    const values: number[] = [];
    for (let i = 0; i < 100_000; i++) {
      const w = Math.round(150 + 250 * rand() ** 2);
      values.push(w);
      agg.onMetric({ key: 'power', value: w, spanId: 's' } as MetricRecord, span);
    }
    const fp = agg.footprint('power');
    expect(fp).toMatchObject({ mode: 'sketch', samples: 0, collapsed: false });
    expect(fp.buckets).toBeLessThanOrEqual(60); // log_γ(400/150) ≈ 49 buckets
    const r = agg.read('power');
    expect(r.count).toBe(100_000);
    for (const p of PS) {
      const want = referencePercentile(values, p);
      expect(Math.abs(r[`p${p}`] - want)).toBeLessThanOrEqual(0.01 * want);
    }
  });
});
