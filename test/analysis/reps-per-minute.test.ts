import { describe, expect, it } from 'vitest';
import { createManualClock, createTracker } from 'workout-spans';
import { DENSE_MINUTES_LIMIT, summarize } from 'workout-spans/analysis';
import { bareReps, bareSnapshot, bareSpan, T0 } from './craft';

const MINUTE = 60_000;

describe('repsPerMinute: bounded by what was recorded, not by the time range', () => {
  it('lists every minute, empty ones as 0, up to the limit', () => {
    const root = bareSpan('root', null, 'timer', T0, T0 + DENSE_MINUTES_LIMIT * MINUTE);
    const list = summarize(bareSnapshot([root], [bareReps('r1', root, T0 + 90_000, 7)])).repsPerMinute;
    expect(list).toHaveLength(DENSE_MINUTES_LIMIT);
    expect(list[1]).toEqual({ minute: 1, reps: 7 });
    expect(list.every((m, i) => m.minute === i)).toBe(true);
  });

  it('past the limit lists only the minutes that hold reps, and the last minute', () => {
    const root = bareSpan('root', null, 'timer', T0, T0 + (DENSE_MINUTES_LIMIT + 1) * MINUTE);
    const records = [bareReps('r1', root, T0 + 90_000, 7), bareReps('r2', root, T0 + 100_000, 3), bareReps('r3', root, T0 + 600_000, 0)];
    expect(summarize(bareSnapshot([root], records)).repsPerMinute).toEqual([
      { minute: 1, reps: 10 },
      { minute: 10, reps: 0 },
      { minute: DENSE_MINUTES_LIMIT, reps: 0 },
    ]);
  });

  it('a span from epoch 0 to now (a manual clock left at 0, then set) gives two entries', () => {
    const root = bareSpan('root', null, 'amrap', 0, T0);
    const s = summarize(bareSnapshot([root], [bareReps('r1', root, 30_000, 5), bareReps('r2', root, T0, 5)]));
    const last = Math.ceil(T0 / MINUTE) - 1;
    expect(s.repsPerMinute).toEqual([
      { minute: 0, reps: 5 },
      { minute: last, reps: 5 },
    ]);
    expect(s.totals.elapsedMs).toBe(T0);
  });

  it('the same through a tracker whose manual clock starts at 0 and is set to now', () => {
    const clock = createManualClock(0);
    const tracker = createTracker({ clock });
    tracker.startSpan({ key: 'w', label: 'W', blockType: 'timer' });
    tracker.recordMetric('w', 'reps', 3, 'reps');
    clock.set(T0);
    tracker.recordMetric('w', 'reps', 4, 'reps');
    const list = summarize(tracker.getSnapshot(), { at: T0 }).repsPerMinute;
    expect(list.length).toBeLessThanOrEqual(3);
    expect(list.reduce((n, m) => n + m.reps, 0)).toBe(7);
    expect(list[0]).toEqual({ minute: 0, reps: 3 });
  });

  it('a still-running workout read at a far later instant stays bounded', () => {
    const root = bareSpan('root', null, 'timer', T0);
    const s = summarize(bareSnapshot([root]), { at: Number.MAX_SAFE_INTEGER });
    expect(s.repsPerMinute).toHaveLength(1);
    expect(s.totals.elapsedMs).toBe(Number.MAX_SAFE_INTEGER - T0);
  });
});
