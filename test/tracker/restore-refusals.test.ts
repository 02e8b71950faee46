import { describe, expect, it } from 'vitest';
import { createManualClock, createTracker, ExecutionTracker, TrackerError, type ExecutionSpan, type TrackerSnapshot } from 'workout-spans';

/** A snapshot whose spans were changed by hand, with `active`/`completed` kept consistent with them. */
function withSpans(snapshot: TrackerSnapshot, spans: ExecutionSpan[]): TrackerSnapshot {
  return {
    ...snapshot,
    spans,
    active: spans.filter((s) => s.status === 'active'),
    completed: spans.filter((s) => s.status !== 'active'),
  };
}

function twoActiveSpans(): TrackerSnapshot {
  const clock = createManualClock(1_000);
  const tracker = createTracker({ clock });
  tracker.startSpan({ key: 'workout', label: 'Workout' });
  tracker.startSpan({ key: 'effort', label: 'Effort', blockType: 'effort' });
  clock.advance(10);
  return tracker.getSnapshot();
}

function refusal(snapshot: TrackerSnapshot): TrackerError {
  try {
    ExecutionTracker.restore(snapshot);
  } catch (error) {
    if (error instanceof TrackerError) return error;
    throw error;
  }
  throw new Error('restore accepted the snapshot');
}

describe('ExecutionTracker.restore refuses a snapshot whose tree cannot run', () => {
  it('an active span under a parent that has ended is CORRUPT_DATA with its path, not a TypeError', () => {
    const snapshot = twoActiveSpans();
    const spans = snapshot.spans.map((s) => (s.parentSpanId === null ? { ...s, status: 'completed' as const, endTime: 1_010 } : s));
    const error = refusal(withSpans(snapshot, spans));
    expect(error.code).toBe('CORRUPT_DATA');
    expect(error.details).toMatchObject({ path: `$.spans[${spans.findIndex((s) => s.parentSpanId !== null)}].status` });
  });

  it('a span naming a parent that is not in the snapshot is CORRUPT_DATA', () => {
    const snapshot = twoActiveSpans();
    const spans = snapshot.spans.filter((s) => s.parentSpanId !== null);
    expect(refusal({ ...withSpans(snapshot, spans), metrics: [] }).code).toBe('CORRUPT_DATA');
  });

  it('the same snapshot untouched restores and carries on', () => {
    const tracker = ExecutionTracker.restore(twoActiveSpans());
    expect(tracker.getSnapshot().active.map((s) => s.blockId)).toEqual(['workout', 'effort']);
  });
});
