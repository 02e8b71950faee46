import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExecutionSpan, Phase, TimeSpan } from 'workout-spans';
import { runningClock, runningMs } from '../../src/model/running-time';
import { bareSpan } from './craft';

/** A span with these running intervals: consecutive [start, stop) pairs, the last one open when `open`. */
function spanWith(bounds: number[], phases: Phase[], open: boolean, end?: number): ExecutionSpan {
  const span = bareSpan('s', null, 'effort', bounds[0] ?? 0, end);
  const timeSpans: TimeSpan[] = [];
  for (let i = 0; i + 1 < bounds.length; i += 2)
    timeSpans.push({ id: `t${i}`, type: phases[i % phases.length]!, start: bounds[i]!, stop: bounds[i + 1]!, blockId: 's' });
  if (open && bounds.length % 2 === 1) timeSpans.push({ id: 'open', type: 'work', start: bounds[bounds.length - 1]!, blockId: 's' });
  return { ...span, timeSpans };
}

describe('runningClock', () => {
  it('answers as runningMs does, for any window, phase, ended or running span (property-based)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { maxLength: 21 }).map((xs) => xs.sort((a, b) => a - b)),
        fc.array(fc.constantFrom<Phase>('work', 'rest', 'transition'), { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: undefined }),
        fc.constantFrom<Phase | undefined>(undefined, 'work', 'rest'),
        fc.array(fc.tuple(fc.integer({ min: -100, max: 10_100 }), fc.integer({ min: -100, max: 10_100 })), { minLength: 1, maxLength: 10 }),
        (bounds, phases, open, end, phase, windows) => {
          const span = spanWith(bounds, phases, open, end);
          const clock = runningClock(span, phase);
          for (const [from, to] of windows) expect(clock(from, to)).toBe(runningMs(span, from, to, phase));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('falls back to runningMs when intervals overlap or come out of order', () => {
    const span = spanWith([0, 100, 50, 150], ['work'], false);
    expect(runningClock(span)(0, 200)).toBe(runningMs(span, 0, 200));
    const reversed = { ...span, timeSpans: [...span.timeSpans].reverse() };
    expect(runningClock(reversed)(0, 200)).toBe(200);
  });
});
