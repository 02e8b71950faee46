// Reads stay O(1): after a change a span is rebuilt from what changed only. Checked by identity here
// (what is reused is the same object); the timings are in bench/ (npm run bench).
import { describe, expect, it } from 'vitest';
import { makeTracker } from '../helpers';

function longRounds(segments: number) {
  const made = makeTracker({ strict: true });
  const { tracker, clock } = made;
  tracker.startSpan({ key: 'amrap', label: 'AMRAP', blockType: 'amrap' });
  for (let i = 0; i < segments; i++) {
    tracker.startSegment('amrap', 'round', `Round ${i + 1}`, i);
    clock.advance(1_000);
  }
  tracker.startSegment('amrap', 'work', 'Work');
  tracker.startSpan({ key: 'effort', label: 'Effort', blockType: 'effort' });
  return made;
}

describe('reading a span back after a change', () => {
  it('a change on a child leaves the parent as it was: the same object', () => {
    const { tracker } = longRounds(10_000);
    const before = tracker.getActiveSpan('amrap')!;
    tracker.recordMetric('effort', 'reps', 5, 'reps');
    tracker.startSegment('effort', 'work', 'Set');
    expect(tracker.getActiveSpan('amrap')).toBe(before);
    expect(tracker.getSnapshot().active[0]).toBe(before);
  });

  it('a record on the span itself copies its segment list once: every segment it did not touch is the same object', () => {
    const { tracker } = longRounds(10_000);
    const before = tracker.getActiveSpan('amrap')!;
    tracker.recordMetric('amrap', 'reps', 5, 'reps');
    const after = tracker.getActiveSpan('amrap')!;
    expect(after.segments).not.toBe(before.segments);
    expect(after.segments).toHaveLength(10_001);
    let same = 0;
    for (let i = 0; i < 10_001; i++) if (after.segments[i] === before.segments[i]) same++;
    // The open round and the open work segment took the record; the 9 999 closed rounds are reused.
    expect(same).toBe(9_999);
    expect(after.segments.at(-1)!.metrics.reps?.value).toBe(5);
    expect(after.timeSpans).toBe(before.timeSpans);
    expect(Object.isFrozen(after.segments)).toBe(true);
  });

  it('many changes between two reads rebuild the list correctly', () => {
    const { tracker, clock } = longRounds(50);
    const before = tracker.getActiveSpan('amrap')!;
    for (let i = 0; i < 100; i++) {
      tracker.startSegment('amrap', 'round', `Extra ${i}`);
      tracker.recordMetric('amrap', 'reps', 1, 'reps');
      clock.advance(10);
    }
    const after = tracker.getActiveSpan('amrap')!;
    expect(after.segments.map((s) => s.label)).toEqual([
      ...before.segments.map((s) => s.label),
      ...Array.from({ length: 100 }, (_, i) => `Extra ${i}`),
    ]);
    expect(
      after.segments
        .filter((s) => s.endTime === undefined)
        .map((s) => s.type)
        .sort(),
    ).toEqual(['round', 'work']);
    expect(after.segments.slice(0, 50).every((s, i) => s === before.segments[i] || s.id === before.segments[i]!.id)).toBe(true);
  });
});
