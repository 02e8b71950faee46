import { describe, expect, it } from 'vitest';
import { runCindy } from '../../examples/workouts/cindy';
import { createManualClock, createTracker, ExecutionTracker, type MetricRejectedEvent } from 'workout-spans';
import { deserialize, serialize } from 'workout-spans/persistence';
import { at, fixture, T0 } from './support';

const reload = (json: string, seconds: number) => {
  const clock = createManualClock(at(seconds));
  return { clock, tracker: ExecutionTracker.restore(deserialize(json), { clock, strict: true }) };
};

describe('restoring a paused session', () => {
  // Cindy paused at 320 s; saved at 350 s while still paused; reloaded at 500 s.
  const { tracker: before, rootId } = runCindy({}, 350);
  const json = serialize(before);

  it('stays paused, with no Interrupted segment: its open pause already covers the gap', () => {
    const { tracker } = reload(json, 500);
    const root = tracker.getSpan(rootId)!;
    expect(root.paused).toBe(true);
    expect(root.segments.filter((s) => s.type === 'pause')).toEqual([expect.objectContaining({ label: 'Paused', startTime: at(320) })]);
    expect(root.segments.some((s) => s.label === 'Interrupted')).toBe(false);
    expect(tracker.getActiveSpan('cindy-pushups-3')!.paused).toBe(true);
  });

  it('counts the pause once: 320 s → 500 s is 180 s, not 180 s plus the gap again', () => {
    const { tracker, clock } = reload(json, 500);
    expect(tracker.totals(rootId)).toMatchObject({ totalMs: 500_000, pausedMs: 180_000, elapsedMs: 320_000 });
    tracker.resume();
    clock.set(at(600));
    expect(tracker.totals(rootId)).toMatchObject({ totalMs: 600_000, pausedMs: 180_000, elapsedMs: 420_000 });
    const pushups = tracker.getActiveSpan('cindy-pushups-3')!;
    expect(pushups.paused).toBe(false);
    expect(pushups.timeSpans.at(-1)).toMatchObject({ start: at(500), type: 'work' });
  });

  it('a metric sent while restored-paused is still rejected as paused, under policy paused: reject', () => {
    const clock = createManualClock(at(500));
    const tracker = ExecutionTracker.restore(deserialize(json), { clock, strict: true, policy: { paused: 'reject' } });
    const rejected: MetricRejectedEvent[] = [];
    tracker.on('metric:rejected', (e) => rejected.push(e));
    expect(tracker.recordMetric('cindy-pushups-3', 'reps', 3, 'reps')).toBeUndefined();
    expect(rejected.map((e) => e.reason)).toEqual(['paused']);
  });

  it('saved and reloaded twice while paused, the pause is still counted once', () => {
    const first = reload(json, 500).tracker;
    const second = reload(serialize(first), 700);
    expect(second.tracker.totals(rootId)).toMatchObject({ totalMs: 700_000, pausedMs: 380_000, elapsedMs: 320_000 });
  });
});

/** EMOM: burpees 0–35 s of each minute, rest 40–60 s; stops `stopAt` seconds in. */
function emomUntil(stopAt: number) {
  const clock = createManualClock(T0);
  const tracker = createTracker({ clock, strict: true });
  const root = tracker.startSpan({ key: 'emom', label: 'EMOM 10', blockType: 'emom', timer: { direction: 'down', durationMs: 600_000 } })!;
  const steps: [number, () => void][] = [];
  for (let m = 1; m <= 10; m++) {
    const top = (m - 1) * 60;
    const key = `burpees-${m}`;
    steps.push(
      [top, () => tracker.startSegment('emom', 'minute', `Minute ${m}`, m - 1)],
      [top, () => tracker.startSpan({ key, label: 'Burpees', blockType: 'effort' })],
      [top + 35, () => tracker.recordMetric(key, 'reps', 10, 'reps')],
      [top + 35, () => tracker.endSpan(key)],
      [top + 40, () => tracker.startRest('emom', { durationMs: 20_000 })],
      [top + 60, () => tracker.endRest('emom')],
    );
  }
  for (const [t, step] of steps) {
    if (t > stopAt) break;
    clock.set(at(t));
    step();
  }
  clock.set(at(stopAt));
  return { tracker, rootId: root.id };
}

describe('restoring an EMOM saved during a rest', () => {
  // Minute 3 rests from 160 s to 180 s; saved at 170 s; reloaded at 290 s.
  const { tracker: before, rootId } = emomUntil(170);
  const json = serialize(before);

  it('is still resting, with the gap as an Interrupted pause and a rest TimeSpan after it', () => {
    const { tracker } = reload(json, 290);
    expect(tracker.isInRestPeriod('emom')).toBe(true);
    const root = tracker.getSpan(rootId)!;
    expect(root.segments.find((s) => s.label === 'Interrupted')).toMatchObject({ type: 'pause', startTime: at(170), endTime: at(290) });
    expect(root.timeSpans.slice(-2)).toEqual([
      expect.objectContaining({ type: 'rest', start: at(160), stop: at(170) }),
      expect.objectContaining({ type: 'rest', start: at(290) }),
    ]);
    expect(root.timeSpans.at(-1)!.stop).toBeUndefined();
  });

  it('a rep in the restored rest is rejected as rest; endRest switches back to work', () => {
    const { tracker, clock } = reload(json, 290);
    const reasons: string[] = [];
    tracker.on('metric:rejected', (e) => reasons.push(e.reason));
    expect(tracker.recordMetric('emom', 'reps', 2, 'reps')).toBeUndefined();
    expect(reasons).toEqual(['rest']);
    clock.set(at(300));
    tracker.endRest('emom');
    expect(tracker.getSpan(rootId)!.timeSpans.at(-1)).toMatchObject({ type: 'work', start: at(300) });
    // work: 3 × 40 s; rest: 20 + 20 + 10 (before the save) + 10 (after the reload); the gap is paused
    expect(tracker.totals(rootId)).toEqual({ totalMs: 300_000, elapsedMs: 180_000, workMs: 120_000, restMs: 60_000, pausedMs: 120_000 });
  });
});

describe('restore: the rest of the rules', () => {
  it('every active span that was running gets its own Interrupted pause', () => {
    const { tracker: before } = runCindy({}, 600);
    const { tracker } = reload(serialize(before), 900);
    const active = tracker.getSpans({ status: 'active' });
    expect(active).toHaveLength(2);
    for (const span of active) {
      expect(span.segments.filter((s) => s.label === 'Interrupted')).toEqual([
        expect.objectContaining({ startTime: at(600), endTime: at(900) }),
      ]);
      expect(span.paused).toBe(false);
      expect(span.timeSpans.at(-1)).toMatchObject({ start: at(900) });
    }
  });

  it('a clock behind savedAt is clamped: no gap, nothing before what was saved', () => {
    const { tracker: before, rootId } = runCindy({}, 600);
    const { tracker } = reload(serialize(before), 0);
    expect(tracker.getSpan(rootId)!.segments.some((s) => s.label === 'Interrupted')).toBe(false);
    expect(tracker.totals(rootId)!.totalMs).toBe(600_000);
    tracker.endSpan('cindy');
    expect(tracker.getSpan(rootId)!.endTime).toBe(at(600));
  });

  it('new segments, intervals and records get ids that do not collide with restored ones', () => {
    const { tracker: before } = runCindy({}, 600);
    const { tracker, clock } = reload(serialize(before), 900);
    clock.set(at(960));
    tracker.recordMetric('cindy-pullups-5', 'reps', 5, 'reps');
    tracker.endSpan('cindy-pullups-5');
    tracker.startSegment('cindy', 'round', 'Round 6', 5);
    tracker.pause();
    tracker.resume();
    const snap = tracker.getSnapshot();
    const ids = [
      ...snap.spans.flatMap((s) => [s.id, ...s.segments.map((g) => g.id), ...s.timeSpans.map((t) => t.id)]),
      ...snap.metrics.map((r) => r.id),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    expect(deserialize(serialize(tracker)).spans).toStrictEqual(snap.spans);
  });

  it('a live snapshot (no savedAt, straight from getSnapshot) carries on with no gap, like a copy of the tracker', () => {
    const { tracker: before, rootId } = runCindy({}, 600);
    const clock = createManualClock(at(700));
    const tracker = ExecutionTracker.restore(before.getSnapshot(), { clock });
    expect(tracker.getSpan(rootId)!.segments.some((s) => s.label === 'Interrupted')).toBe(false);
    // The running time since the last change stays running time: 20 min of elapsed time minus the minute paused.
    expect(tracker.totals(rootId)).toMatchObject({ totalMs: 700_000, pausedMs: 60_000, elapsedMs: 640_000 });
  });

  it('a document keeps the running time up to its savedAt as running time; the time after is Interrupted', () => {
    const { tracker: before, rootId, clock: first } = runCindy({}, 600);
    first.set(at(650));
    const json = serialize(before); // saved at 650 s, 50 s after the last change
    const clock = createManualClock(at(700));
    const tracker = ExecutionTracker.restore(deserialize(json), { clock });
    expect(tracker.getSpan(rootId)!.segments.find((s) => s.label === 'Interrupted')).toMatchObject({
      startTime: at(650),
      endTime: at(700),
      cause: 'reload',
    });
    expect(tracker.totals(rootId)).toMatchObject({ totalMs: 700_000, pausedMs: 110_000, elapsedMs: 590_000 });
  });

  it('a child paused inside its parent’s rest resumes into a rest interval, like its parent', () => {
    const clock = createManualClock(T0);
    const tracker = createTracker({ clock, strict: true, policy: { rest: 'allow' } });
    tracker.startSpan({ key: 'root', label: 'Intervals', blockType: 'interval' });
    const child = tracker.startSpan({ key: 'child', label: 'Walk', blockType: 'effort' })!;
    clock.set(at(10));
    tracker.startRest('root', { durationMs: 60_000 });
    clock.set(at(20));
    tracker.pause();
    clock.set(at(30));
    const later = createManualClock(at(40));
    const restored = ExecutionTracker.restore(deserialize(serialize(tracker)), { clock: later, strict: true, policy: { rest: 'allow' } });
    later.set(at(50));
    restored.resume();
    expect(restored.getSpan(child.id)!.timeSpans.at(-1)).toMatchObject({ type: 'rest', start: at(50) });
    const record = restored.recordMetric('child', 'distance', 10, 'm')!;
    expect(record.phase).toBe('rest');
  });

  it('ids made after a restore collide with no id of the snapshot, even one shaped like them', () => {
    // The push-ups span is named like the root's next segment id would be.
    const json = fixture('amrap-v1.json').split('span-pushups').join('span-amrap.s1');
    const { tracker } = reload(json, 120);
    tracker.startSegment('amrap-5', 'round', 'Round 2', 1);
    const snap = tracker.getSnapshot();
    const ids = [
      ...snap.spans.flatMap((s) => [s.id, ...s.segments.map((g) => g.id), ...s.timeSpans.map((t) => t.id)]),
      ...snap.metrics.map((r) => r.id),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    expect(() => deserialize(serialize(tracker))).not.toThrow();
  });
});
