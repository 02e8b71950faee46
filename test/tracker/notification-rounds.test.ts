// A subscriber, handler or processor removed by an earlier one during a delivery is not called in it.
import { describe, expect, it } from 'vitest';
import { createManualClock, createTracker } from 'workout-spans';

const make = () => createTracker({ clock: createManualClock(0), strict: true });

describe('a registration removed during a delivery', () => {
  it('a subscriber unsubscribed by an earlier subscriber of the same round is not called', () => {
    const tracker = make();
    const calls: string[] = [];
    let stopB = (): void => {};
    tracker.subscribe(() => {
      calls.push('a');
      stopB();
    });
    stopB = tracker.subscribe(() => calls.push('b'));
    tracker.startSpan({ key: 'x', label: 'X' });
    tracker.startSpan({ key: 'y', label: 'Y' });
    expect(calls).toEqual(['a', 'a']);
  });

  it('an event handler removed by an earlier handler of the same event is not called', () => {
    const tracker = make();
    const calls: string[] = [];
    let offB = (): void => {};
    tracker.on('span:started', () => {
      calls.push('a');
      offB();
    });
    offB = tracker.on('span:started', () => calls.push('b'));
    tracker.startSpan({ key: 'x', label: 'X' });
    expect(calls).toEqual(['a']);
  });

  it('a processor removed by an earlier processor of the same delivery is not called (and was shut down once)', () => {
    const tracker = make();
    const calls: string[] = [];
    let removeB = (): void => {};
    tracker.addProcessor({
      onStart: () => {
        calls.push('a');
        removeB();
      },
    });
    removeB = tracker.addProcessor({ onStart: () => calls.push('b'), shutdown: () => calls.push('b shutdown') });
    tracker.startSpan({ key: 'x', label: 'X' });
    expect(calls).toEqual(['a', 'b shutdown']);
  });

  it('a memory listener removed by an earlier listener is not called for the same change', () => {
    const tracker = make();
    const calls: string[] = [];
    let offB = (): void => {};
    tracker.memory.subscribe(() => {
      calls.push('a');
      offB();
    });
    offB = tracker.memory.subscribe(() => calls.push('b'));
    tracker.startSpan({ key: 'x', label: 'X' });
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c === 'a')).toBe(true);
  });

  it('a subscriber added during a round is called from the next round on', () => {
    const tracker = make();
    const calls: string[] = [];
    let added = false;
    tracker.subscribe(() => {
      calls.push('a');
      if (!added) {
        added = true;
        tracker.subscribe(() => calls.push('late'));
      }
    });
    tracker.startSpan({ key: 'x', label: 'X' });
    tracker.startSpan({ key: 'y', label: 'Y' });
    expect(calls).toEqual(['a', 'a', 'late']);
  });
});
