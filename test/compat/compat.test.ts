import { describe, expect, it } from 'vitest';
import { runFran, T0 } from '../../examples/workouts/fran';
import { createManualClock, createTracker, type ExecutionSpan } from 'workout-spans';
import { EmitMetricAction, type IScriptRuntime } from 'workout-spans/runtime';
import { ExecutionLogger, MetricCollector, toExecutionRecord, type ExecutionRecord } from 'workout-spans/compat';

function setup(strict = false) {
  const clock = createManualClock(T0);
  const tracker = createTracker({ clock, strict });
  return { clock, tracker };
}

describe('toExecutionRecord', () => {
  it('reads an ended effort span of Fran as an older ExecutionRecord', () => {
    const { tracker, roundsId } = runFran();
    const thrusters = tracker.getSpans({ type: 'effort' })[0]!;
    const record = toExecutionRecord(thrusters);
    expect(record).toEqual({
      id: thrusters.id,
      blockId: 'fran-thrusters-1',
      parentId: roundsId,
      type: 'effort',
      label: 'Thrusters',
      startTime: T0,
      endTime: T0 + 60_000,
      status: 'completed',
      metrics: [
        {
          exerciseId: 'thruster',
          values: [
            { type: 'reps', value: 21, unit: 'reps' },
            { type: 'weight', value: 95, unit: 'lb' },
            { type: 'duration', value: 60_000, unit: 'ms' },
          ],
          timeSpans: [],
        },
      ],
    } satisfies ExecutionRecord);
    expect(Object.isFrozen(record)).toBe(true);
    expect(Object.isFrozen(record.metrics[0]!.values[0])).toBe(true);
    expect(JSON.parse(JSON.stringify(record))).toEqual(record);
    // Every span converts; the root has no parent.
    const all = tracker.getSpans().map(toExecutionRecord);
    expect(all).toHaveLength(8);
    expect(all[0]!.parentId).toBeNull();
  });

  it('falls back to the label, keeps numeric custom values, omits endTime while active', () => {
    const { clock, tracker } = setup();
    tracker.startSpan({ key: 'row', label: 'Row', blockType: 'effort' });
    const bare = toExecutionRecord(tracker.getActiveSpan('row')!);
    expect(bare.metrics).toEqual([]);
    expect('endTime' in bare).toBe(false);
    expect(bare.status).toBe('active');
    clock.advance(1_000);
    tracker.recordMetric('row', 'distance', 500, 'm');
    tracker.recordMetric('row', 'calories', 32, 'kcal');
    tracker.recordMetric('row', 'note', 'easy pace', '');
    tracker.recordMetric('row', 'splits', [100, 102], 's');
    tracker.recordMetric('row', 'elapsed', 1_000, 'ms');
    const record = toExecutionRecord(tracker.getActiveSpan('row')!);
    expect(record.metrics).toEqual([
      {
        exerciseId: 'Row',
        values: [
          { type: 'distance', value: 500, unit: 'm' },
          { type: 'elapsed', value: 1_000, unit: 'ms' },
          { type: 'calories', value: 32, unit: 'kcal' },
        ],
        timeSpans: [],
      },
    ]);
  });
});

describe('ExecutionLogger', () => {
  it('starts and completes executions as spans, returning ExecutionRecords', () => {
    const { clock, tracker } = setup();
    const logger = new ExecutionLogger(tracker);
    const root = logger.startExecution({ key: 'wod', label: 'Fran', blockType: 'timer' })!;
    expect(root).toMatchObject({ blockId: 'wod', parentId: null, type: 'timer', status: 'active', startTime: T0, metrics: [] });
    const child = logger.startExecution({ key: 'thr', label: 'Thrusters', blockType: 'effort' })!; // under the current span
    expect(child.parentId).toBe(root.id);
    const other = logger.startExecution({ key: 'side', label: 'Side', blockType: 'effort' }, root.id)!;
    expect(other.parentId).toBe(root.id);
    const loose = logger.startExecution({ key: 'loose', label: 'Loose' }, null)!;
    expect(loose.parentId).toBeNull();
    expect(tracker.getSpan(child.id)!.blockId).toBe('thr');

    clock.advance(30_000);
    const done = logger.completeExecution('thr')!;
    expect(done).toMatchObject({ id: child.id, status: 'completed', endTime: T0 + 30_000 });
    expect(done.metrics[0]!.values).toEqual([{ type: 'duration', value: 30_000, unit: 'ms' }]);

    clock.advance(5_000);
    const end = logger.completeExecution('wod')!; // ends 'side' first
    expect(end.endTime).toBe(T0 + 35_000);
    expect(tracker.getActiveSpan('side')).toBeUndefined();
  });

  it('returns undefined where the tracker refuses (lenient) and throws where it throws (strict)', () => {
    const lenient = new ExecutionLogger(setup().tracker);
    expect(lenient.completeExecution('nothing')).toBeUndefined();
    expect(lenient.startExecution({ key: 'a', label: 'A' }, 'no-such-parent')).toBeUndefined();
    const strict = new ExecutionLogger(setup(true).tracker);
    expect(() => strict.completeExecution('nothing')).toThrow(expect.objectContaining({ code: 'NO_ACTIVE_SPAN' }));
  });
});

describe('MetricCollector', () => {
  it('records each value on the current span and lists what it collected', () => {
    const { clock, tracker } = setup();
    tracker.startSpan({ key: 'wod', label: 'Cindy', blockType: 'amrap' });
    const pu = tracker.startSpan({ key: 'pu', label: 'Pull-ups', blockType: 'effort' })!;
    const collector = new MetricCollector(tracker);
    clock.advance(20_000);
    const made = collector.collect({
      exerciseId: 'pull-up',
      values: [
        { type: 'repetitions', value: 5, unit: 'reps' },
        { type: 'resistance', value: 10, unit: 'kg' },
        { type: 'heart_rate', value: 150, unit: 'bpm' },
        { type: 'distance', value: undefined, unit: 'm' },
      ],
      timeSpans: [],
    });
    expect(made.map((r) => [r.key, r.value, r.unit, r.spanId, r.recordedAt])).toEqual([
      ['reps', 5, 'reps', pu.id, T0 + 20_000],
      ['weight', 10, 'kg', pu.id, T0 + 20_000],
      ['heart_rate', 150, 'bpm', pu.id, T0 + 20_000],
    ]);
    const span = tracker.getSpan(pu.id)!;
    expect(span.metrics.reps?.value).toBe(5);
    expect(span.metrics.weight?.value).toBe(10);
    expect(span.metrics.custom['heart_rate']?.value).toBe(150);
    expect(tracker.getMetrics(pu.id)).toHaveLength(3);

    tracker.endSpan('pu');
    collector.collect({ exerciseId: 'amrap', values: [{ type: 'rounds', value: 1, unit: 'rounds' }], timeSpans: [] });
    expect(tracker.getActiveSpan('wod')!.metrics.custom['rounds']?.value).toBe(1); // now on the parent

    const listed = collector.getMetrics();
    expect(listed.map((m) => m.exerciseId)).toEqual(['pull-up', 'amrap']);
    expect(listed[0]!.values[3]).toEqual({ type: 'distance', value: undefined, unit: 'm' });
    expect(Object.isFrozen(listed[0])).toBe(true);
    listed.pop();
    expect(collector.getMetrics()).toHaveLength(2);
  });

  it('keeps but does not record a metric with no current span, or one the policy rejects', () => {
    const { tracker } = setup(true);
    const collector = new MetricCollector(tracker);
    expect(collector.collect({ exerciseId: 'x', values: [{ type: 'reps', value: 1, unit: 'reps' }], timeSpans: [] })).toEqual([]);
    tracker.startSpan({ key: 'emom', label: 'EMOM', blockType: 'emom' });
    tracker.startRest('emom', { durationMs: 20_000 });
    const rejected: string[] = [];
    tracker.on('metric:rejected', (e) => rejected.push(e.reason));
    expect(collector.collect({ exerciseId: 'burpee', values: [{ type: 'reps', value: 3, unit: 'reps' }], timeSpans: [] })).toEqual([]);
    expect(rejected).toEqual(['rest']);
    expect(tracker.stats().records).toBe(0);
    expect(collector.getMetrics()).toHaveLength(2);
  });

  it('with record: false only lists (for a runtime whose EmitMetricAction already records)', () => {
    const { tracker } = setup();
    tracker.startSpan({ key: 'a', label: 'A' });
    const collector = new MetricCollector(tracker, { record: false });
    collector.collect({ exerciseId: 'a', values: [{ type: 'reps', value: 1, unit: 'reps' }], timeSpans: [] });
    expect(tracker.stats().records).toBe(0);
    expect(collector.getMetrics()).toHaveLength(1);
  });

  it('as runtime.metrics with record: false, EmitMetricAction values are recorded once and listed', () => {
    const { tracker } = setup();
    const collector = new MetricCollector(tracker, { record: false });
    const block = { key: 'pu', label: 'Pull-ups', blockType: 'effort' };
    const runtime: IScriptRuntime = { stack: { current: block }, executionTracker: tracker, metrics: collector };
    tracker.startSpan(block);
    new EmitMetricAction('reps', 5, 'reps').do(runtime);
    expect(tracker.stats().records).toBe(1);
    expect(collector.getMetrics()).toEqual([{ exerciseId: 'Pull-ups', values: [{ type: 'reps', value: 5, unit: 'reps' }], timeSpans: [] }]);
  });

  it('fits IScriptRuntime.metrics and reads the current span, not a stale one', () => {
    const { tracker } = setup();
    const metrics: IScriptRuntime['metrics'] = new MetricCollector(tracker);
    tracker.startSpan({ key: 'a', label: 'A' });
    tracker.endSpan('a');
    const b: ExecutionSpan = tracker.startSpan({ key: 'b', label: 'B' }, null)!;
    metrics!.collect({ exerciseId: 'b', values: [{ type: 'reps', value: 2, unit: 'reps' }], timeSpans: [] });
    expect(tracker.getMetrics(b.id).map((r) => r.value)).toEqual([2]);
  });
});
