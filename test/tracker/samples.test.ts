// Sensor samples: a channel of their own on the workout's timeline, stored compactly per root and key.
import { describe, expect, it } from 'vitest';
import { ExecutionTracker, type SampleRecordedEvent } from 'workout-spans';
import { codeOf, makeTracker, T0 } from '../helpers';

function session() {
  const made = makeTracker({ strict: true });
  const root = made.tracker.startSpan({ key: 'run', label: 'Run', blockType: 'timer' });
  made.tracker.startSpan({ key: 'lap', label: 'Lap 1', blockType: 'effort' });
  return { ...made, root };
}

describe('recordSample / getSamples', () => {
  it('stores numbers at the clock now under the root of the target, readable in a time range', () => {
    const { tracker, clock, root } = session();
    for (let i = 0; i < 5; i++) {
      expect(tracker.recordSample('lap', 'heartRate', 120 + i, 'bpm')).toBe(true);
      clock.advance(1_000);
    }
    const all = tracker.getSamples('run', 'heartRate')!;
    expect(all.unit).toBe('bpm');
    expect(Array.from(all.t)).toEqual([0, 1, 2, 3, 4].map((i) => T0 + i * 1000));
    expect(Array.from(all.v)).toEqual([120, 121, 122, 123, 124]);
    expect(Array.from(tracker.getSamples(root.id, 'heartRate', { from: T0 + 1000, to: T0 + 3000 })!.v)).toEqual([121, 122, 123]);
    expect(Array.from(tracker.getSamples('lap', 'heartRate', { from: T0 + 10_000 })!.v)).toEqual([]);
    expect(tracker.getSamples('run', 'power')).toBeUndefined();
    expect(tracker.getSamples('nope', 'heartRate')).toBeUndefined();
    expect(tracker.getMetrics(root.id, { includeDescendants: true })).toEqual([]);
    expect(tracker.stats().samples).toBe(5);
  });

  it('notifies no subscriber; emits sample:recorded for live displays; no policy refuses one', () => {
    const made = makeTracker({ strict: true, policy: { rest: 'reject', paused: 'reject' } });
    const { tracker } = made;
    const root = tracker.startSpan({ key: 'w', label: 'W' });
    let notified = 0;
    tracker.subscribe(() => notified++);
    const events: SampleRecordedEvent[] = [];
    tracker.on('sample:recorded', (e) => events.push(e));
    const before = tracker.getSnapshot();
    tracker.pause();
    notified = 0;
    expect(tracker.recordSample('w', 'heartRate', 90, 'bpm')).toBe(true);
    tracker.resume();
    tracker.startRest('w');
    notified = 0;
    expect(tracker.recordSample('w', 'heartRate', 95, 'bpm')).toBe(true);
    expect(notified).toBe(0);
    expect(events).toEqual([
      { rootSpanId: root.id, key: 'heartRate', value: 90, unit: 'bpm', at: T0 },
      { rootSpanId: root.id, key: 'heartRate', value: 95, unit: 'bpm', at: T0 },
    ]);
    expect(before.samples.roots()).toEqual([]);
  });

  it("a snapshot's samples are those present when it was taken", () => {
    const { tracker, clock, root } = session();
    tracker.recordSample('run', 'heartRate', 100, 'bpm');
    const first = tracker.getSnapshot();
    clock.advance(1000);
    tracker.recordSample('run', 'heartRate', 101, 'bpm');
    // No change of spans or records: the same snapshot object, still with the one sample.
    expect(tracker.getSnapshot()).toBe(first);
    expect(Array.from(first.samples.get(root.id, 'heartRate')!.v)).toEqual([100]);
    tracker.recordMetric('lap', 'reps', 1, 'reps');
    const second = tracker.getSnapshot();
    expect(Array.from(second.samples.get(root.id, 'heartRate')!.v)).toEqual([100, 101]);
    expect(Array.from(first.samples.get(root.id, 'heartRate')!.v)).toEqual([100]);
    expect(second.samples.roots()).toEqual([root.id]);
    expect(second.samples.keys(root.id)).toEqual(['heartRate']);
    expect(Object.isFrozen(second.samples)).toBe(true);
  });

  it('keeps many samples exactly, across chunks, with whole and fractional times', () => {
    const { tracker, clock, root } = session();
    const n = 5_000;
    for (let i = 0; i < n; i++) {
      tracker.recordSample('run', 'power', (i * 7) % 400, 'W');
      clock.advance(i % 3 === 0 ? 0.5 : 1_000);
    }
    const s = tracker.getSamples(root.id, 'power')!;
    expect(s.t).toHaveLength(n);
    let t = T0;
    for (let i = 0; i < n; i++) {
      expect(s.t[i]).toBe(t);
      expect(s.v[i]).toBe((i * 7) % 400);
      t += i % 3 === 0 ? 0.5 : 1_000;
    }
  });

  it('refuses a bad sample: no active span, a bad key, value or unit, a unit that changes', () => {
    const { tracker } = session();
    expect(codeOf(() => tracker.recordSample('nope', 'heartRate', 1, 'bpm'))).toBe('NO_ACTIVE_SPAN');
    expect(codeOf(() => tracker.recordSample('run', '', 1, 'bpm'))).toBe('INVALID_METRIC');
    expect(codeOf(() => tracker.recordSample('run', '__proto__', 1, 'bpm'))).toBe('INVALID_METRIC');
    expect(codeOf(() => tracker.recordSample('run', 'heartRate', Number.NaN, 'bpm'))).toBe('INVALID_METRIC');
    expect(codeOf(() => tracker.recordSample('run', 'heartRate', '90' as never, 'bpm'))).toBe('INVALID_METRIC');
    expect(codeOf(() => tracker.recordSample('run', 'heartRate', 90, 3 as never))).toBe('INVALID_METRIC');
    tracker.recordSample('run', 'heartRate', 90, 'bpm');
    expect(codeOf(() => tracker.recordSample('run', 'heartRate', 90, 'Hz'))).toBe('INVALID_METRIC');
    expect(tracker.stats().samples).toBe(1);
    const lenient = makeTracker();
    lenient.tracker.startSpan({ key: 'a', label: 'A' });
    expect(lenient.tracker.recordSample('a', 'hr', Infinity, 'bpm')).toBe(false);
    expect(lenient.errors.map((e) => e.code)).toEqual(['INVALID_METRIC']);
  });

  it('restore brings the samples back, and new ones follow them', () => {
    const { tracker, clock, root } = session();
    tracker.recordSample('run', 'heartRate', 100, 'bpm');
    clock.advance(1000);
    tracker.recordSample('run', 'heartRate', 110, 'bpm');
    const restored = ExecutionTracker.restore(tracker.getSnapshot(), { clock, strict: true });
    clock.advance(1000);
    restored.recordSample('run', 'heartRate', 120, 'bpm');
    expect(Array.from(restored.getSamples(root.id, 'heartRate')!.v)).toEqual([100, 110, 120]);
    expect(codeOf(() => restored.recordSample('run', 'heartRate', 1, 'W'))).toBe('INVALID_METRIC');
  });

  it('archiving hands a root tree its samples and releases them', () => {
    const archived: number[] = [];
    const { tracker, clock } = makeTracker({
      strict: true,
      maxCompletedSpans: 0,
      onArchive: (_spans, _records, samples) => {
        for (const root of samples.roots()) archived.push(...samples.get(root, 'heartRate')!.v);
      },
    });
    for (let i = 0; i < 3; i++) {
      tracker.startSpan({ key: 'w', label: `W${i}` });
      tracker.recordSample('w', 'heartRate', 100 + i, 'bpm');
      clock.advance(1000);
      tracker.endSpan('w');
    }
    expect(archived).toEqual([100, 101, 102]);
    expect(tracker.stats().samples).toBe(0);
  });
});
