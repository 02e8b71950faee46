import { SpanStatusCode, type HrTime } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock, createTracker, type ExecutionTracker, type ManualClock } from 'workout-spans';
import { createOtelProcessor } from 'workout-spans/otel';

const T0 = 1_700_000_000_000;
const ms = (t: HrTime): number => t[0] * 1000 + t[1] / 1e6;

let exporter: InMemorySpanExporter;
let provider: BasicTracerProvider;
let clock: ManualClock;
let tracker: ExecutionTracker;
let remove: () => void;

beforeEach(() => {
  exporter = new InMemorySpanExporter();
  provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  clock = createManualClock(T0);
  tracker = createTracker({ clock, strict: true });
  remove = tracker.addProcessor(createOtelProcessor(provider.getTracer('workout-spans-test')));
});

afterEach(async () => {
  remove();
  await provider.shutdown();
});

const finished = (): ReadableSpan[] => exporter.getFinishedSpans();
const byName = (name: string): ReadableSpan => {
  const found = finished().filter((s) => s.name === name);
  expect(found, name).toHaveLength(1);
  return found[0]!;
};

/** A small Fran: timer > rounds (round segments) > efforts with metrics; a pause and a rest. */
function fran(): void {
  tracker.startSpan({ key: 'timer', label: 'For Time', blockType: 'timer', timer: { direction: 'up' } });
  tracker.startSpan({ key: 'rounds', label: '21-15-9', blockType: 'rounds' });
  tracker.recordMetric('rounds', 'repScheme', [21, 15, 9], 'reps');
  tracker.recordMetric('rounds', 'totalRounds', 3, 'rounds');
  tracker.startSegment('rounds', 'round', 'Round 1', 0);
  tracker.startSpan({ key: 'thr', label: 'Thrusters', blockType: 'effort' });
  tracker.recordMetric('thr', 'exerciseId', 'thruster', '');
  tracker.recordMetric('thr', 'weight', 95, 'lb');
  clock.advance(60_000);
  tracker.recordMetric('thr', 'reps', 21, 'reps');
  tracker.recordMetric('thr', 'heartRate', 171, 'bpm');
  tracker.recordMetric('thr', 'zones', { z4: 40, z5: 20 }, 's');
  tracker.endSpan('thr');
  tracker.pause();
  clock.advance(10_000);
  tracker.resume();
  tracker.startRest('rounds', { durationMs: 30_000 });
  clock.advance(30_000);
  tracker.endRest('rounds');
  tracker.startSegment('rounds', 'round', 'Round 2', 1); // closes Round 1
  clock.advance(5_000);
  tracker.endSpan('timer'); // ends rounds first, closing Round 2
}

describe('createOtelProcessor', () => {
  it('mirrors the span tree as one trace, parents kept', () => {
    fran();
    const spans = finished();
    expect(spans.map((s) => s.name)).toEqual(['Thrusters', '21-15-9', 'For Time']); // ended innermost first
    const timer = byName('For Time');
    const rounds = byName('21-15-9');
    const thr = byName('Thrusters');
    expect(timer.parentSpanContext).toBeUndefined();
    expect(rounds.parentSpanContext?.spanId).toBe(timer.spanContext().spanId);
    expect(thr.parentSpanContext?.spanId).toBe(rounds.spanContext().spanId);
    expect(new Set(spans.map((s) => s.spanContext().traceId)).size).toBe(1);
    // Two workouts are two traces.
    tracker.startSpan({ key: 'again', label: 'Again' });
    tracker.endSpan('again');
    expect(byName('Again').spanContext().traceId).not.toBe(timer.spanContext().traceId);
    expect(byName('Again').parentSpanContext).toBeUndefined();
  });

  it('takes start and end times from the tracker clock', () => {
    fran();
    const timer = byName('For Time');
    const thr = byName('Thrusters');
    expect(timer.startTime).toEqual([T0 / 1000, 0]);
    expect(ms(timer.endTime)).toBe(T0 + 105_000);
    expect(ms(thr.startTime)).toBe(T0);
    expect(ms(thr.endTime)).toBe(T0 + 60_000);
    expect(ms(thr.duration)).toBe(60_000);
  });

  it('keeps small clock values as epoch ms (not performance timestamps) and keeps sub-ms precision', () => {
    const c = createManualClock(1_500.25);
    const t = createTracker({ clock: c });
    t.addProcessor(createOtelProcessor(provider.getTracer('small')));
    t.startSpan({ key: 'a', label: 'Small' });
    c.advance(2_000);
    t.endSpan('a');
    const span = byName('Small');
    expect(span.startTime).toEqual([1, 500_250_000]);
    expect(span.endTime).toEqual([3, 500_250_000]);
  });

  it('writes span type, label, block id, status and timer as attributes', () => {
    fran();
    expect(byName('For Time').attributes).toMatchObject({
      'workout.span.type': 'timer',
      'workout.span.label': 'For Time',
      'workout.block.id': 'timer',
      'workout.span.status': 'completed',
      'workout.timer.direction': 'up',
    });
    const thr = byName('Thrusters');
    expect(thr.attributes['workout.span.id']).toBe(tracker.getSpans({ type: 'effort' })[0]!.id);
    expect(thr.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('writes metrics as workout.<key> attributes, objects as JSON', () => {
    fran();
    expect(byName('Thrusters').attributes).toMatchObject({
      'workout.exerciseId': 'thruster',
      'workout.weight': 95,
      'workout.weight.unit': 'lb',
      'workout.reps': 21,
      'workout.reps.unit': 'reps',
      'workout.heartRate': 171,
      'workout.heartRate.unit': 'bpm',
      'workout.zones': '{"z4":40,"z5":20}',
      'workout.duration': 60_000,
      'workout.duration.unit': 'ms',
    });
    expect(byName('Thrusters').attributes).not.toHaveProperty('workout.exerciseId.unit');
    expect(byName('21-15-9').attributes).toMatchObject({ 'workout.repScheme': [21, 15, 9], 'workout.totalRounds': 3 });
  });

  it('writes segments as segment.start / segment.end events at their times', () => {
    fran();
    const events = byName('21-15-9').events.map((e) => ({
      name: e.name,
      at: ms(e.time) - T0,
      type: e.attributes?.['workout.segment.type'],
      label: e.attributes?.['workout.segment.label'],
      index: e.attributes?.['workout.segment.index'],
    }));
    expect(events).toEqual([
      { name: 'segment.start', at: 0, type: 'round', label: 'Round 1', index: 0 },
      { name: 'segment.start', at: 60_000, type: 'pause', label: 'Paused', index: undefined },
      { name: 'segment.end', at: 70_000, type: 'pause', label: 'Paused', index: undefined },
      { name: 'segment.start', at: 70_000, type: 'rest', label: 'Rest', index: undefined },
      { name: 'segment.end', at: 100_000, type: 'rest', label: 'Rest', index: undefined },
      { name: 'segment.end', at: 100_000, type: 'round', label: 'Round 1', index: 0 },
      { name: 'segment.start', at: 100_000, type: 'round', label: 'Round 2', index: 1 },
      { name: 'segment.end', at: 105_000, type: 'round', label: 'Round 2', index: 1 },
    ]);
    const rest = byName('21-15-9').events.find((e) => e.name === 'segment.start' && e.attributes?.['workout.segment.type'] === 'rest')!;
    expect(rest.attributes?.['workout.segment.planned_ms']).toBe(30_000);
  });

  it('puts what a segment recorded on its segment.end event', () => {
    tracker.startSpan({ key: 'amrap', label: 'AMRAP', blockType: 'amrap' });
    tracker.startSegment('amrap', 'round', 'Round 1', 0);
    clock.advance(1_000);
    tracker.recordMetric('amrap', 'reps', 30, 'reps');
    tracker.endSegment('amrap');
    tracker.endSpan('amrap');
    const end = byName('AMRAP').events.find((e) => e.name === 'segment.end')!;
    expect(end.attributes).toMatchObject({ 'workout.reps': 30, 'workout.reps.unit': 'reps' });
  });

  it('marks a failed span as ERROR with its message', () => {
    tracker.startSpan({ key: 'wod', label: 'WOD' });
    expect(() =>
      tracker.trace({ key: 'bad', label: 'Box jumps', blockType: 'effort' }, () => {
        clock.advance(3_000);
        throw new Error('missed the box');
      }),
    ).toThrow('missed the box');
    tracker.endSpan('wod');
    const bad = byName('Box jumps');
    expect(bad.status).toEqual({ code: SpanStatusCode.ERROR, message: 'missed the box' });
    expect(bad.attributes['workout.span.status']).toBe('failed');
    expect(ms(bad.duration)).toBe(3_000);
    expect(byName('WOD').status.code).toBe(SpanStatusCode.UNSET);
  });

  it('mirrors a batch the same way, after it', () => {
    tracker.batch(() => {
      tracker.startSpan({ key: 'a', label: 'A' });
      tracker.startSpan({ key: 'b', label: 'B' });
      tracker.recordMetric('b', 'reps', 3, 'reps');
      clock.advance(1_000);
      tracker.endSpan('a');
      expect(finished()).toHaveLength(0);
    });
    expect(byName('B').parentSpanContext?.spanId).toBe(byName('A').spanContext().spanId);
    expect(byName('B').attributes['workout.reps']).toBe(3);
  });

  it('mirrors a span that was running before the processor was added, from its own start', () => {
    const t = createTracker({ clock });
    t.startSpan({ key: 'early', label: 'Early' });
    clock.advance(4_000);
    t.addProcessor(createOtelProcessor(provider.getTracer('late')));
    t.recordMetric('early', 'reps', 7, 'reps');
    clock.advance(1_000);
    t.endSpan('early');
    const early = byName('Early');
    expect(ms(early.startTime)).toBe(T0);
    expect(ms(early.endTime)).toBe(T0 + 5_000);
    expect(early.attributes['workout.reps']).toBe(7);
  });

  it('on removal, ends the OTel spans still open, marked unfinished', () => {
    tracker.startSpan({ key: 'wod', label: 'Open' });
    clock.advance(2_000);
    tracker.recordMetric('wod', 'reps', 5, 'reps');
    remove();
    const open = byName('Open');
    expect(open.attributes['workout.span.unfinished']).toBe(true);
    expect(ms(open.endTime)).toBe(T0 + 2_000);
    expect(tracker.stats().processors).toBe(0);
  });
});
