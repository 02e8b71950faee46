import { describe, expect, it } from 'vitest';
import { createManualClock, systemClock } from 'workout-spans';

describe('clocks', () => {
  it('a manual clock moves only when told, and may be set back', () => {
    const clock = createManualClock(100);
    expect(clock.now()).toBe(100);
    expect(clock.advance(50)).toBe(150);
    expect(clock.set(10)).toBe(10);
    expect(clock.now()).toBe(10);
    expect(createManualClock().now()).toBe(0);
    expect(() => clock.advance(Number.NaN)).toThrow(TypeError);
    expect(() => createManualClock(Infinity)).toThrow(TypeError);
  });

  it('systemClock gives epoch milliseconds that never step back', () => {
    const first = systemClock.now();
    expect(Math.abs(first - Date.now())).toBeLessThan(60_000);
    let last = first;
    for (let i = 0; i < 10_000; i++) {
      const t = systemClock.now();
      expect(t).toBeGreaterThanOrEqual(last);
      last = t;
    }
  });
});
