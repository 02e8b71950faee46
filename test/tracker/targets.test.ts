// One way to name a span: every method takes the key of a block with an active span, or any span's id.
import { describe, expect, it } from 'vitest';
import { codeOf, makeTracker, T0 } from '../helpers';

function workout() {
  const made = makeTracker({ strict: true });
  const { tracker } = made;
  const root = tracker.startSpan({ key: 'fran', label: 'Fran', blockType: 'timer' });
  const rounds = tracker.startSpan({ key: 'rounds', label: '21-15-9', blockType: 'rounds' });
  return { ...made, root, rounds };
}

describe('targets: a block key or a span id', () => {
  it('pause, resume, record, segments, rest and end take either', () => {
    const { tracker, clock, root, rounds } = workout();
    tracker.pause('fran');
    expect(tracker.getSpan(root.id)!.paused).toBe(true);
    expect(tracker.getSpan(rounds.id)!.paused).toBe(true);
    clock.advance(1_000);
    tracker.resume(root.id);
    expect(tracker.getActiveSpan('fran')!.paused).toBe(false);
    const record = tracker.recordMetric(rounds.id, 'currentRound', 1, 'round')!;
    expect(record.blockId).toBe('rounds');
    const seg = tracker.startSegment(rounds.id, 'round', 'Round 1', 0);
    expect(tracker.endSegment('rounds', seg.id).endTime).toBe(T0 + 1_000);
    tracker.startRest(root.id, { durationMs: 10_000 });
    expect(tracker.isInRestPeriod(rounds.id)).toBe(true);
    tracker.endRest('fran');
    expect(tracker.totals('fran')).toEqual(tracker.totals(root.id));
    expect(tracker.getActiveSpan(rounds.id)).toBe(tracker.getActiveSpan('rounds'));
    expect(tracker.getChildren('fran')).toEqual([tracker.getSpan(rounds.id)]);
    expect(tracker.getMetrics('rounds')).toEqual([record]);
    const ended = tracker.endSpan(root.id, 'completed');
    expect(ended.status).toBe('completed');
    expect(tracker.getSpan(rounds.id)!.status).toBe('completed');
  });

  it('a string that is both a span id and a block key names the span whose id it is', () => {
    const { tracker } = makeTracker({ strict: true });
    const first = tracker.startSpan({ key: 'a', label: 'First' });
    // A second block whose key is the first span's id.
    tracker.startSpan({ key: first.id, label: 'Second' }, null);
    tracker.recordMetric(first.id, 'reps', 3, 'reps');
    expect(tracker.getMetrics(first.id)).toHaveLength(1);
    expect(tracker.getActiveSpan(first.id)!.label).toBe('First');
  });

  it('a span that has ended cannot be changed through its id: NO_ACTIVE_SPAN; it is still read by it', () => {
    const { tracker } = makeTracker({ strict: true });
    const a = tracker.startSpan({ key: 'a', label: 'A' });
    tracker.endSpan('a');
    expect(codeOf(() => tracker.recordMetric(a.id, 'reps', 1, 'reps'))).toBe('NO_ACTIVE_SPAN');
    expect(codeOf(() => tracker.endSpan(a.id))).toBe('NO_ACTIVE_SPAN');
    expect(codeOf(() => tracker.pause(a.id))).toBe('NO_ACTIVE_SPAN');
    expect(codeOf(() => tracker.updateSpan(a.id, { label: 'x' }))).toBe('NO_ACTIVE_SPAN');
    expect(tracker.getSpan(a.id)!.status).toBe('completed');
    expect(tracker.getActiveSpan(a.id)).toBeUndefined();
    expect(tracker.totals(a.id)!.totalMs).toBe(0);
  });

  it('a target that names nothing: NO_ACTIVE_SPAN to change it (SPAN_NOT_FOUND for pause and totals)', () => {
    const { tracker } = makeTracker({ strict: true });
    expect(codeOf(() => tracker.recordMetric('nope', 'reps', 1, 'reps'))).toBe('NO_ACTIVE_SPAN');
    expect(codeOf(() => tracker.endSpan('nope'))).toBe('NO_ACTIVE_SPAN');
    expect(codeOf(() => tracker.startRest('nope'))).toBe('NO_ACTIVE_SPAN');
    expect(codeOf(() => tracker.pause('nope'))).toBe('SPAN_NOT_FOUND');
    expect(codeOf(() => tracker.totals('nope'))).toBe('SPAN_NOT_FOUND');
    expect(tracker.getSpan('nope')).toBeUndefined();
    expect(tracker.isInRestPeriod('nope')).toBe(false);
  });

  it('a numeric block key works as its text, both in the block and as a target', () => {
    const { tracker } = makeTracker({ strict: true });
    const span = tracker.startSpan({ key: 42, label: 'Block 42' });
    expect(span.blockId).toBe('42');
    expect(tracker.getActiveSpan('42')).toBe(tracker.getSpan(span.id));
    tracker.recordMetric('42', 'reps', 1, 'reps');
    expect(codeOf(() => tracker.startSpan({ key: Number.NaN, label: 'x' }))).toBe('INVALID_BLOCK');
  });

  it('a parent named by its block key', () => {
    const { tracker } = workout();
    const child = tracker.startSpan({ key: 'thrusters', label: 'Thrusters' }, 'fran');
    expect(child.parentSpanId).toBe(tracker.getActiveSpan('fran')!.id);
  });
});
