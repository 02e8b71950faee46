import { describe, expect, it } from 'vitest';
import { LIFECYCLE_EVENTS, makeTracker, T0 } from '../helpers';

describe('subscribe and getSnapshot', () => {
  it('returns the same object until the next change, then a new one sharing unchanged spans', () => {
    const { tracker } = makeTracker({ strict: true });
    const a = tracker.startSpan({ key: 'a', label: 'A' }, null)!;
    tracker.endSpan('a');
    tracker.startSpan({ key: 'b', label: 'B' }, null);
    const first = tracker.getSnapshot();
    expect(tracker.getSnapshot()).toBe(first);
    tracker.recordMetric('b', 'reps', 1, 'reps');
    const second = tracker.getSnapshot();
    expect(second).not.toBe(first);
    expect(second.spans[0]).toBe(first.spans[0]);
    expect(second.spans[0]!.id).toBe(a.id);
    expect(second.spans[1]).not.toBe(first.spans[1]);
    expect(second.completed).toBe(first.completed);
    expect(second.version).toBeGreaterThan(first.version);
    expect(Object.isFrozen(second)).toBe(true);
    expect(Object.isFrozen(second.spans)).toBe(true);
    expect(second.active.map((s) => s.label)).toEqual(['B']);
    expect(second.completed.map((s) => s.label)).toEqual(['A']);
    expect(second.metrics).toHaveLength(1);
  });

  it('calls subscribers once per change, and once per batch', () => {
    const { tracker } = makeTracker({ strict: true });
    let calls = 0;
    const off = tracker.subscribe(() => calls++);
    tracker.startSpan({ key: 'a', label: 'A' });
    expect(calls).toBe(1);
    const result = tracker.batch(() => {
      tracker.recordMetric('a', 'reps', 1, 'reps');
      tracker.recordMetric('a', 'reps', 2, 'reps');
      tracker.batch(() => tracker.startSegment('a', 'work', 'W'));
      expect(calls).toBe(1);
      return 'done';
    });
    expect(result).toBe('done');
    expect(calls).toBe(2);
    tracker.batch(() => undefined);
    expect(calls).toBe(2);
    off();
    tracker.endSpan('a');
    expect(calls).toBe(2);
    expect(tracker.stats().subscribers).toBe(0);
  });

  it('does not notify for refused calls', () => {
    const { tracker } = makeTracker();
    let calls = 0;
    tracker.subscribe(() => calls++);
    tracker.recordMetric('nope', 'reps', 1, 'reps');
    expect(calls).toBe(0);
  });

  it('still notifies when a batch throws, and rethrows', () => {
    const { tracker } = makeTracker({ strict: true });
    let calls = 0;
    tracker.subscribe(() => calls++);
    expect(() =>
      tracker.batch(() => {
        tracker.startSpan({ key: 'a', label: 'A' });
        throw new Error('inside');
      }),
    ).toThrow('inside');
    expect(calls).toBe(1);
  });
});

describe('events', () => {
  it('emits every lifecycle event with its payload, after the change', () => {
    const { tracker, clock } = makeTracker({ strict: true });
    const log: string[] = [];
    for (const name of LIFECYCLE_EVENTS) {
      tracker.on(name, (payload) => {
        const p = payload as { span?: { label: string; status: string }; segment?: { label: string }; at?: number; reason?: string };
        log.push(
          [name, p.span?.label, p.segment?.label, p.at === undefined ? undefined : p.at - T0, p.reason]
            .filter((x) => x !== undefined)
            .join(' '),
        );
      });
    }
    tracker.startSpan({ key: 'a', label: 'A' });
    tracker.startSegment('a', 'round', 'R1');
    tracker.recordMetric('a', 'reps', 1, 'reps');
    clock.advance(10);
    tracker.startRest('a');
    tracker.recordMetric('a', 'reps', 1, 'reps');
    tracker.endRest('a');
    tracker.pause();
    tracker.resume();
    tracker.endSpan('a');
    expect(log).toEqual([
      'span:started A',
      'segment:started A R1',
      'metric:recorded A',
      'segment:started A Rest',
      'rest:started A Rest',
      'metric:rejected rest',
      'segment:ended A Rest',
      'rest:stopped A Rest',
      'segment:started A Paused',
      'span:paused A 10',
      'segment:ended A Paused',
      'span:resumed A 10',
      'segment:ended A R1',
      'span:stopped A',
    ]);
  });

  it('lets a handler call the tracker: its changes follow, never in the middle of a change', () => {
    const { tracker } = makeTracker({ strict: true });
    const order: string[] = [];
    tracker.on('span:started', ({ span }) => {
      order.push(`started ${span.label}`);
      if (span.label === 'A') tracker.recordMetric('a', 'reps', 1, 'reps');
    });
    tracker.on('metric:recorded', ({ span }) => order.push(`metric on ${span.label} (${span.metrics.reps?.value})`));
    tracker.on('span:stopped', ({ span }) => order.push(`stopped ${span.label}`));
    tracker.startSpan({ key: 'a', label: 'A' });
    tracker.endSpan('a');
    expect(order).toEqual(['started A', 'metric on A (1)', 'stopped A']);
    expect(tracker.getSnapshot().metrics).toHaveLength(1);
  });

  it('unsubscribes handlers, once', () => {
    const { tracker } = makeTracker({ strict: true });
    let n = 0;
    const before = tracker.stats().listeners;
    const off = tracker.on('span:started', () => n++);
    expect(tracker.stats().listeners).toBe(before + 1);
    off();
    off();
    tracker.startSpan({ key: 'a', label: 'A' });
    expect(n).toBe(0);
    expect(tracker.stats().listeners).toBe(before);
    expect(() => tracker.on('span:started', 3 as never)).toThrow(TypeError);
  });

  it('reports an error handler that throws to onError without looping', () => {
    const seen: string[] = [];
    const { tracker } = makeTracker({ onError: (e) => seen.push(e.code) });
    tracker.on('error', () => {
      throw new Error('error handler');
    });
    tracker.endSpan('nope');
    expect(seen).toEqual(['NO_ACTIVE_SPAN', 'HANDLER_FAILED']);
  });
});

describe('useSyncExternalStore contract', () => {
  it('hands out subscribe and getSnapshot bound, usable unattached', () => {
    const { tracker } = makeTracker({ strict: true });
    const { subscribe, getSnapshot } = tracker;
    let calls = 0;
    const off = subscribe(() => calls++);
    tracker.startSpan({ key: 'a', label: 'A' });
    expect(calls).toBe(1);
    expect(getSnapshot()).toBe(tracker.getSnapshot());
    off();
  });
});
