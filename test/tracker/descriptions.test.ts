// Describing a span: descriptions come with the block or through updateSpan, at any time; they are
// shown in span.metrics, are not records, and no policy applies to them.
import { describe, expect, it } from 'vitest';
import type { ExecutionSpan } from 'workout-spans';
import { codeOf, makeTracker, T0 } from '../helpers';

describe('descriptions on the block', () => {
  it('shows exerciseId, exerciseImage, targetReps, totalRounds and repScheme in metrics, with no record', () => {
    const { tracker } = makeTracker({ strict: true });
    const span = tracker.startSpan({
      key: 'thrusters',
      label: 'Thrusters',
      blockType: 'effort',
      exerciseId: 'thruster',
      exerciseImage: 'thruster.png',
      targetReps: 21,
      totalRounds: 3,
      repScheme: [21, 15, 9],
    });
    expect(span.metrics).toEqual({
      exerciseId: 'thruster',
      exerciseImage: 'thruster.png',
      targetReps: 21,
      totalRounds: 3,
      repScheme: [21, 15, 9],
      custom: {},
    });
    expect(Object.isFrozen(span.metrics.repScheme)).toBe(true);
    expect(tracker.getMetrics(span.id)).toEqual([]);
    expect(tracker.getSnapshot().metrics).toEqual([]);
  });

  it('reads each field once: a getter cannot store a value that was not checked', () => {
    const { tracker } = makeTracker({ strict: true });
    let reads = 0;
    const block = {
      key: 'b',
      label: 'B',
      get targetReps(): number {
        reads++;
        return reads === 1 ? 10 : -1;
      },
    };
    expect(tracker.startSpan(block).metrics.targetReps).toBe(10);
    expect(reads).toBe(1);
  });

  it('refuses a bad description with INVALID_METRIC (as validateMetric would), and changes nothing', () => {
    const { tracker } = makeTracker({ strict: true });
    for (const bad of [
      { targetReps: 0 },
      { totalRounds: 1.5 },
      { repScheme: [] },
      { repScheme: [21, -1] },
      { exerciseId: '' },
      { exerciseImage: 5 },
    ]) {
      expect(codeOf(() => tracker.startSpan({ key: 'x', label: 'X', ...bad } as never))).toBe('INVALID_METRIC');
    }
    // eslint-disable-next-line no-sparse-arrays
    expect(codeOf(() => tracker.startSpan({ key: 'x', label: 'X', repScheme: [21, , 9] } as never))).toBe('INVALID_METRIC');
    expect(tracker.getSpans()).toEqual([]);
  });
});

describe('updateSpan', () => {
  function started() {
    const made = makeTracker({ strict: true, policy: { rest: 'reject', paused: 'reject' } });
    const updated: ExecutionSpan[] = [];
    made.tracker.on('span:updated', ({ span }) => updated.push(span));
    const span = made.tracker.startSpan({ key: 'emom', label: 'EMOM', blockType: 'emom' });
    return { ...made, span, updated };
  }

  it('sets the label, the timer and descriptions at any time, paused or resting, and emits span:updated', () => {
    const { tracker, clock, span, updated } = started();
    tracker.pause('emom');
    clock.advance(5_000);
    const a = tracker.updateSpan('emom', { timer: { direction: 'down', durationMs: 600_000 }, totalRounds: 10 });
    expect(a.timer).toEqual({ direction: 'down', durationMs: 600_000 });
    expect(a.metrics.totalRounds).toBe(10);
    tracker.resume('emom');
    tracker.startRest('emom');
    const b = tracker.updateSpan(span.id, { label: 'EMOM 10', exerciseId: 'burpee', targetReps: 10, repScheme: [10] });
    expect(b).toMatchObject({ label: 'EMOM 10', metrics: { exerciseId: 'burpee', targetReps: 10, repScheme: [10], totalRounds: 10 } });
    expect(updated.map((s) => s.label)).toEqual(['EMOM', 'EMOM 10']);
    expect(updated[1]).toBe(tracker.getSpan(span.id));
    expect(tracker.getMetrics(span.id)).toEqual([]);
    expect(tracker.getSnapshot().active[0]!.label).toBe('EMOM 10');
  });

  it('descriptions recorded with recordMetric are records, and never refused by the policies either', () => {
    const { tracker } = started();
    tracker.pause('emom');
    expect(tracker.recordMetric('emom', 'exerciseId', 'burpee', '')?.key).toBe('exerciseId');
    tracker.resume('emom');
    tracker.startRest('emom');
    expect(tracker.recordMetric('emom', 'targetReps', 10, 'reps')?.phase).toBe('rest');
    expect(tracker.recordMetric('emom', 'heartRate', 150, 'bpm')?.phase).toBe('rest');
    expect(tracker.getMetrics('emom')).toHaveLength(3);
  });

  it('refuses a span that is not active (NO_ACTIVE_SPAN), a bad field (INVALID_BLOCK / INVALID_METRIC), an unknown field', () => {
    const { tracker, span } = started();
    expect(codeOf(() => tracker.updateSpan('nope', { label: 'x' }))).toBe('NO_ACTIVE_SPAN');
    expect(codeOf(() => tracker.updateSpan('emom', { label: 5 } as never))).toBe('INVALID_BLOCK');
    expect(codeOf(() => tracker.updateSpan('emom', { timer: { direction: 'sideways' } } as never))).toBe('INVALID_BLOCK');
    expect(codeOf(() => tracker.updateSpan('emom', { targetReps: -3 }))).toBe('INVALID_METRIC');
    expect(codeOf(() => tracker.updateSpan('emom', { status: 'failed' } as never))).toBe('INVALID_BLOCK');
    expect(codeOf(() => tracker.updateSpan('emom', null as never))).toBe('INVALID_BLOCK');
    expect(tracker.getSpan(span.id)).toBe(span);
    tracker.endSpan('emom');
    expect(codeOf(() => tracker.updateSpan(span.id, { label: 'late' }))).toBe('NO_ACTIVE_SPAN');
  });

  it('lenient: a refused update returns undefined and reports', () => {
    const { tracker, errors } = makeTracker();
    tracker.startSpan({ key: 'a', label: 'A' });
    expect(tracker.updateSpan('a', { targetReps: 0 })).toBeUndefined();
    expect(errors.map((e) => e.code)).toEqual(['INVALID_METRIC']);
  });

  it('a timer given after the block mounted feeds the context of records made below it', () => {
    const { tracker, clock } = makeTracker({ strict: true });
    tracker.startSpan({ key: 'amrap', label: 'AMRAP', blockType: 'amrap' });
    tracker.startSpan({ key: 'pullups', label: 'Pull-ups', blockType: 'effort' });
    tracker.updateSpan('amrap', { timer: { direction: 'down', durationMs: 1_200_000 } });
    clock.set(T0 + 30_000);
    const r = tracker.recordMetric('pullups', 'reps', 5, 'reps')!;
    expect(r.context.parentTimer).toEqual({ blockId: 'amrap', elapsedMs: 30_000, remainingMs: 1_170_000, direction: 'down' });
  });
});
