import { describe, expect, it } from 'vitest';
import {
  createManualClock,
  createTracker,
  ExecutionTracker,
  RuntimeMemory,
  type SpanProcessor,
  type TrackerEventName,
} from 'workout-spans';
import { LIFECYCLE_EVENTS, T0 } from '../helpers';

/**
 * No leaks: unsubscribing subscribers, `on` handlers and memory listeners, and removing
 * processors, really releases them (counted by `tracker.stats()` and `memory.listenerCount`). Each
 * unsubscribe removes exactly the registration it was returned for: calling it twice is harmless and
 * never removes another registration, even of the same function.
 */

const EVENTS: TrackerEventName[] = [...LIFECYCLE_EVENTS, 'error'];

function make() {
  const clock = createManualClock(T0);
  const tracker = createTracker({ clock });
  return { tracker, clock };
}

/** A little activity, to check that released handlers are no longer called. */
function activity(t: ReturnType<typeof make>['tracker'], key: string): void {
  t.startSpan({ key, label: key });
  t.startSegment(key, 'round', 'R');
  t.recordMetric(key, 'reps', 1, 'reps');
  t.startRest(key);
  t.recordMetric(key, 'reps', 1, 'reps');
  t.endRest(key);
  t.pause();
  t.resume();
  t.endSpan('nope');
  t.endSpan(key);
}

describe('releasing what was registered', () => {
  it('on(): a thousand handlers on every event, unsubscribed, leave the count where it was and are never called', () => {
    const { tracker } = make();
    const base = tracker.stats().listeners;
    let calls = 0;
    const offs = [];
    for (let i = 0; i < 1000; i++) offs.push(tracker.on(EVENTS[i % EVENTS.length]!, () => void calls++));
    expect(tracker.stats().listeners).toBe(base + 1000);
    for (const off of offs) off();
    expect(tracker.stats().listeners).toBe(base);
    activity(tracker, 'a');
    expect(calls).toBe(0);
  });

  it('subscribe(): unsubscribed listeners are released and never called', () => {
    const { tracker } = make();
    let calls = 0;
    const offs = Array.from({ length: 500 }, () => tracker.subscribe(() => void calls++));
    expect(tracker.stats().subscribers).toBe(500);
    for (const off of offs) off();
    expect(tracker.stats().subscribers).toBe(0);
    activity(tracker, 'a');
    expect(calls).toBe(0);
  });

  it('addProcessor(): removed processors are released, shut down once, and never called', () => {
    const { tracker } = make();
    let calls = 0;
    let shutdowns = 0;
    const removes = Array.from({ length: 200 }, () =>
      tracker.addProcessor({
        onStart: () => void calls++,
        onEnd: () => void calls++,
        onMetric: () => void calls++,
        onSegment: () => void calls++,
        shutdown: () => void shutdowns++,
      }),
    );
    expect(tracker.stats().processors).toBe(200);
    for (const remove of removes) remove();
    for (const remove of removes) remove();
    expect(tracker.stats().processors).toBe(0);
    expect(shutdowns).toBe(200);
    activity(tracker, 'a');
    expect(calls).toBe(0);
  });

  it('memory.subscribe(): unsubscribed listeners are released and never called', () => {
    const { tracker } = make();
    let calls = 0;
    const offs = Array.from({ length: 300 }, () => tracker.memory.subscribe(() => void calls++));
    expect(tracker.memory.listenerCount).toBe(300);
    for (const off of offs) off();
    expect(tracker.memory.listenerCount).toBe(0);
    activity(tracker, 'a');
    expect(calls).toBe(0);
  });

  it('handlers that unsubscribe themselves while being notified are released', () => {
    const { tracker } = make();
    const base = tracker.stats().listeners;
    const heard: string[] = [];
    const offs: (() => void)[] = [];
    offs.push(
      tracker.on('span:started', () => {
        heard.push('once');
        offs[0]!();
      }),
    );
    const offSub = tracker.subscribe(() => {
      heard.push('subscriber once');
      offSub();
    });
    const offMem = tracker.memory.subscribe(() => {
      heard.push('memory once');
      offMem();
    });
    const removeProc: () => void = tracker.addProcessor({
      onStart: () => {
        heard.push('processor once');
        removeProc();
      },
    });
    activity(tracker, 'a');
    activity(tracker, 'b');
    expect(heard.sort()).toEqual(['memory once', 'once', 'processor once', 'subscriber once']);
    expect(tracker.stats()).toMatchObject({ listeners: base, subscribers: 0, processors: 0 });
    expect(tracker.memory.listenerCount).toBe(0);
  });
});

describe('double unsubscribe', () => {
  it('on(): calling an unsubscribe twice removes only its own registration, even of the same function', () => {
    const { tracker } = make();
    const base = tracker.stats().listeners;
    let calls = 0;
    const handler = (): void => void calls++;
    const first = tracker.on('span:started', handler);
    tracker.on('span:started', handler);
    first();
    first();
    expect(tracker.stats().listeners).toBe(base + 1);
    tracker.startSpan({ key: 'a', label: 'A' });
    expect(calls).toBe(1);
  });

  it('subscribe(): calling an unsubscribe twice removes only its own registration, even of the same function', () => {
    const { tracker } = make();
    let calls = 0;
    const listener = (): void => void calls++;
    const first = tracker.subscribe(listener);
    tracker.subscribe(listener);
    first();
    first();
    expect(tracker.stats().subscribers).toBe(1);
    tracker.startSpan({ key: 'a', label: 'A' });
    expect(calls).toBe(1);
  });

  it('addProcessor(): calling a remove twice removes (and shuts down) only its own registration, even of the same processor', () => {
    const { tracker } = make();
    let starts = 0;
    let shutdowns = 0;
    const processor: SpanProcessor = { onStart: () => void starts++, shutdown: () => void shutdowns++ };
    const first = tracker.addProcessor(processor);
    tracker.addProcessor(processor);
    first();
    first();
    expect(tracker.stats().processors).toBe(1);
    expect(shutdowns).toBe(1);
    tracker.startSpan({ key: 'a', label: 'A' });
    expect(starts).toBe(1);
  });

  it('memory.subscribe(): calling an unsubscribe twice removes only its own registration, even of the same function', () => {
    const memory = new RuntimeMemory();
    let calls = 0;
    const listener = (): void => void calls++;
    const first = memory.subscribe(listener);
    memory.subscribe(listener);
    first();
    first();
    expect(memory.listenerCount).toBe(1);
    memory.allocate('note', 'me', 'hello');
    expect(calls).toBe(1);
  });
});

describe('what archiving releases', () => {
  it('archived spans and records leave the tracker, its memory and its context', () => {
    const clock = createManualClock(T0);
    let archived = 0;
    const tracker = createTracker({ clock, maxCompletedSpans: 5, onArchive: (spans) => (archived += spans.length) });
    for (let i = 0; i < 200; i++) {
      tracker.startSpan({ key: `root-${i}`, label: 'Root' }, null);
      tracker.startSpan({ key: `child-${i}`, label: 'Child' });
      tracker.recordMetric(`child-${i}`, 'reps', 1, 'reps');
      clock.advance(1000);
      tracker.endSpan(`root-${i}`);
    }
    const stats = tracker.stats();
    expect(stats.spans + archived).toBe(400);
    expect(stats.ended).toBeLessThanOrEqual(5);
    expect(tracker.memory.size).toBe(stats.spans + stats.records);
    expect(tracker.getSnapshot().spans).toHaveLength(stats.spans);
    expect(tracker.getSnapshot().metrics).toHaveLength(stats.records);
    expect(tracker.context.depth).toBe(0);
  });
});

describe('a restore that fails', () => {
  it("leaves the caller's memory as it was: no half-restored span or record stays visible", () => {
    const clock = createManualClock(T0);
    const source = createTracker({ clock, strict: true });
    source.startSpan({ key: 'a', label: 'A' });
    source.recordMetric('a', 'reps', 1, 'reps');
    const good = source.getSnapshot();
    // Spans fine, then a record that names a span the snapshot does not hold: CORRUPT_DATA, halfway.
    const bad = { ...good, metrics: [...good.metrics, { ...good.metrics[0]!, id: 'x.m9', spanId: 'missing' }] };
    const memory = new RuntimeMemory();
    memory.allocate('note', 'me', 'kept');
    const other = new ExecutionTracker(memory, { clock }); // a tracker already using that memory
    other.startSpan({ key: 'other', label: 'Other' });
    const current = memory.getCurrentSpanId();
    const changes: string[] = [];
    memory.subscribe((c) => changes.push(`${c.kind} ${c.type}`));
    expect(() => ExecutionTracker.restore(bad, { memory, clock })).toThrow(expect.objectContaining({ code: 'CORRUPT_DATA' }));
    expect(memory.size).toBe(2);
    expect(memory.search({ type: 'execution-span' }).map((r) => r.ownerId)).toEqual(['other']);
    expect(memory.search({ type: 'metric-record' })).toEqual([]);
    expect(memory.getCurrentSpanId()).toBe(current);
    expect(changes).toEqual([]);
  });
});
