import { describe, expect, it } from 'vitest';
import { validateMetric } from 'workout-spans';
import { codeOf, makeTracker, T0 } from '../helpers';

describe('validateMetric', () => {
  it.each([
    ['reps', 10, 'reps', true],
    ['reps', 0, 'reps', true],
    ['reps', -1, 'reps', false],
    ['reps', Number.NaN, 'reps', false],
    ['reps', Infinity, 'reps', false],
    ['reps', '10', 'reps', false],
    ['reps', 10, '', false],
    ['weight', 95.5, 'lb', true],
    ['distance', 400, 'm', true],
    ['duration', 1000, 'ms', true],
    ['elapsed', 5, '', false],
    ['currentRound', 1, 'round', true],
    ['currentRound', 0, 'round', false],
    ['currentRound', 1.5, 'round', false],
    ['totalRounds', 3, '', true],
    ['targetReps', -2, 'reps', false],
    ['repScheme', [21, 15, 9], 'reps', true],
    ['repScheme', [21, 0], 'reps', false],
    ['repScheme', [], 'reps', false],
    ['repScheme', 21, 'reps', false],
    ['exerciseId', 'thruster', '', true],
    ['exerciseId', '', '', false],
    ['exerciseId', 3, '', false],
    ['heartRate', 150, 'bpm', true],
    ['zones', { z1: 3, z2: [1, 2] }, '', true],
    ['power', Number.NaN, 'W', false],
    ['note', undefined, '', false],
    ['__proto__', 1, '', false],
    ['when', new Date(0), '', false],
    ['fn', () => 1, '', false],
    ['', 1, 'x', false],
  ] as const)('%s = %s (%s) → ok %s', (key, value, unit, ok) => {
    const result = validateMetric(key, value, unit);
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.error.code).toBe('INVALID_METRIC');
  });
});

describe('recordMetric', () => {
  it('stores known keys by name, bare numbers for counts, and the rest under custom', () => {
    const { tracker } = makeTracker({ strict: true });
    tracker.startSpan({ key: 'e', label: 'E', blockType: 'effort' });
    tracker.recordMetric('e', 'exerciseId', 'thruster', '');
    tracker.recordMetric('e', 'exerciseImage', 'thruster.png', '');
    tracker.recordMetric('e', 'reps', 21, 'reps', 'watch');
    tracker.recordMetric('e', 'weight', 95, 'lb');
    tracker.recordMetric('e', 'distance', 400, 'm');
    tracker.recordMetric('e', 'elapsed', 3000, 'ms');
    tracker.recordMetric('e', 'targetReps', 21, 'reps');
    tracker.recordMetric('e', 'currentRound', 2, 'round');
    tracker.recordMetric('e', 'totalRounds', 3, 'rounds');
    tracker.recordMetric('e', 'repScheme', [21, 15, 9], 'reps');
    tracker.recordMetric('e', 'heartRate', 150, 'bpm');
    const m = tracker.getActiveSpan('e')!.metrics;
    expect(m).toEqual({
      exerciseId: 'thruster',
      exerciseImage: 'thruster.png',
      reps: { value: 21, unit: 'reps', recorded: T0, source: 'watch' },
      weight: { value: 95, unit: 'lb', recorded: T0 },
      distance: { value: 400, unit: 'm', recorded: T0 },
      elapsed: { value: 3000, unit: 'ms', recorded: T0 },
      targetReps: 21,
      currentRound: 2,
      totalRounds: 3,
      repScheme: [21, 15, 9],
      custom: { heartRate: { value: 150, unit: 'bpm', recorded: T0 } },
    });
  });

  it('writes into the metrics of every open segment of the span, and only those', () => {
    const { tracker, clock } = makeTracker({ strict: true });
    tracker.startSpan({ key: 'r', label: 'R' });
    const round = tracker.startSegment('r', 'round', 'Round 1', 0)!;
    const work = tracker.startSegment('r', 'work', 'Work')!;
    tracker.recordMetric('r', 'reps', 5, 'reps');
    tracker.endSegment('r', work.id);
    clock.advance(1000);
    tracker.recordMetric('r', 'heartRate', 140, 'bpm');
    const segs = tracker.getActiveSpan('r')!.segments;
    expect(segs.find((s) => s.id === round.id)!.metrics).toEqual({
      reps: { value: 5, unit: 'reps', recorded: T0 },
      custom: { heartRate: { value: 140, unit: 'bpm', recorded: T0 + 1000 } },
    });
    expect(segs.find((s) => s.id === work.id)!.metrics).toEqual({ reps: { value: 5, unit: 'reps', recorded: T0 } });
  });

  it('emits metric:recorded with the span and the record', () => {
    const { tracker } = makeTracker({ strict: true });
    const heard: unknown[] = [];
    tracker.on('metric:recorded', (e) => heard.push(e));
    tracker.startSpan({ key: 'e', label: 'E' });
    const record = tracker.recordMetric('e', 'reps', 3, 'reps')!;
    expect(heard).toEqual([{ span: tracker.getActiveSpan('e'), record }]);
  });

  it('rejects an invalid metric as an error and a metric:rejected event (lenient)', () => {
    const { tracker, errors } = makeTracker();
    const rejected: unknown[] = [];
    tracker.on('metric:rejected', (e) => rejected.push(e));
    tracker.startSpan({ key: 'e', label: 'E' });
    expect(tracker.recordMetric('e', 'reps', -3, 'reps')).toBeUndefined();
    expect(tracker.recordMetric('nope', 'reps', 3, 'reps')).toBeUndefined();
    expect(rejected).toEqual([
      { blockId: 'e', key: 'reps', value: -3, reason: 'invalid', error: errors[0] },
      { blockId: 'nope', key: 'reps', value: 3, reason: 'no-active-span', error: errors[1] },
    ]);
    expect(errors.map((e) => e.code)).toEqual(['INVALID_METRIC', 'NO_ACTIVE_SPAN']);
    expect(tracker.getSnapshot().metrics).toEqual([]);
  });

  it("keeps metrics during rest and pause under policy 'allow', with their phase", () => {
    const { tracker, clock } = makeTracker({ strict: true, policy: { rest: 'allow', paused: 'allow' } });
    tracker.startSpan({ key: 'e', label: 'E' });
    tracker.startRest('e', { durationMs: 1000 });
    clock.advance(500);
    const inRest = tracker.recordMetric('e', 'heartRate', 150, 'bpm')!;
    expect(inRest.phase).toBe('rest');
    tracker.pause();
    const paused = tracker.recordMetric('e', 'heartRate', 140, 'bpm')!;
    expect(paused.timeSpanId).toBeNull();
    expect(paused.phase).toBe('rest');
    expect(paused.segmentIds).toHaveLength(2);
  });

  it('refuses a non-string source', () => {
    const { tracker } = makeTracker({ strict: true });
    tracker.startSpan({ key: 'e', label: 'E' });
    expect(codeOf(() => tracker.recordMetric('e', 'reps', 1, 'reps', 3 as never))).toBe('INVALID_METRIC');
  });

  it('fills parentTimer with remaining time for a countdown and minuteIndex from the open minute', () => {
    const { tracker, clock } = makeTracker({ strict: true });
    tracker.startSpan({ key: 'emom', label: 'EMOM', blockType: 'emom', timer: { direction: 'down', durationMs: 600_000 } });
    clock.advance(60_000);
    tracker.startSegment('emom', 'minute', 'Minute 2', 1);
    tracker.startSpan({ key: 'b', label: 'Burpees', blockType: 'effort' });
    clock.advance(10_000);
    const r = tracker.recordMetric('b', 'reps', 10, 'reps')!;
    expect(r.context).toEqual({
      spanType: 'effort',
      elapsedMs: 10_000,
      totalElapsedMs: 70_000,
      minuteIndex: 1,
      parentTimer: { blockId: 'emom', elapsedMs: 70_000, remainingMs: 530_000, direction: 'down' },
    });
  });

  it('takes roundNumber from currentRound when no round segment is open', () => {
    const { tracker } = makeTracker({ strict: true });
    tracker.startSpan({ key: 'r', label: 'R', blockType: 'rounds' });
    tracker.recordMetric('r', 'currentRound', 4, 'round');
    tracker.startSpan({ key: 'e', label: 'E' });
    expect(tracker.recordMetric('e', 'reps', 1, 'reps')!.context.roundNumber).toBe(4);
  });
});

describe('clock', () => {
  it('clamps a clock that steps back: no end before start, no negative duration', () => {
    const { tracker, clock } = makeTracker({ strict: true });
    tracker.startSpan({ key: 'a', label: 'A' });
    clock.advance(-5000);
    const seg = tracker.startSegment('a', 'work', 'W')!;
    expect(seg.startTime).toBe(T0);
    const r = tracker.recordMetric('a', 'reps', 1, 'reps')!;
    expect(r.recordedAt).toBe(T0);
    const ended = tracker.endSpan('a')!;
    expect(ended.endTime).toBe(T0);
    expect(ended.metrics.duration!.value).toBe(0);
    expect(tracker.totals(ended.id)).toEqual({ totalMs: 0, elapsedMs: 0, workMs: 0, restMs: 0, pausedMs: 0 });
  });

  it('drops a zero-length running interval unless a record names it', () => {
    const { tracker } = makeTracker({ strict: true });
    tracker.startSpan({ key: 'a', label: 'A' });
    expect(tracker.endSpan('a')!.timeSpans).toEqual([]);
    tracker.startSpan({ key: 'b', label: 'B' });
    const r = tracker.recordMetric('b', 'reps', 1, 'reps')!;
    const b = tracker.endSpan('b')!;
    expect(b.timeSpans.map((t) => t.id)).toEqual([r.timeSpanId]);
    expect(b.timeSpans[0]!.stop).toBe(b.timeSpans[0]!.start);
  });
});
