import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { ExecutionSpan, MemoryChange, MetricRecord } from 'workout-spans';
import { makeTracker } from '../helpers';

type Archived = { spans: ExecutionSpan[]; metrics: MetricRecord[] };

/** A tracker with maxCompletedSpans that collects what onArchive received and the memory releases. */
function archiving(maxCompletedSpans: number) {
  const batches: Archived[] = [];
  const made = makeTracker({ strict: true, maxCompletedSpans, onArchive: (spans, metrics) => void batches.push({ spans, metrics }) });
  const releases: MemoryChange[] = [];
  made.tracker.memory.subscribe((c) => {
    if (c.kind === 'release') releases.push(c);
  });
  return { ...made, batches, releases };
}

/** One small workout: a root with one effort child holding one reps record. */
function workout(t: ReturnType<typeof makeTracker>['tracker'], clock: ReturnType<typeof makeTracker>['clock'], i: number): void {
  t.startSpan({ key: `root-${i}`, label: `Workout ${i}` }, null);
  t.startSpan({ key: `set-${i}`, label: 'Set', blockType: 'effort' });
  clock.advance(1000);
  t.recordMetric(`set-${i}`, 'reps', 10, 'reps');
  t.endSpan(`set-${i}`);
  t.endSpan(`root-${i}`);
}

describe('archiving long workouts', () => {
  it('10 000 root trees with maxCompletedSpans 50: counts stay bounded, the oldest trees go to onArchive and leave memory', () => {
    const { tracker, clock, batches, releases, errors } = archiving(50);
    const heldIds: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      workout(tracker, clock, i);
      if (i % 500 === 0) {
        const s = tracker.stats();
        expect(s.ended).toBeLessThanOrEqual(50);
        expect(s.spans).toBeLessThanOrEqual(50);
        expect(tracker.memory.size).toBeLessThanOrEqual(75);
      }
      if (i === 0) heldIds.push(...tracker.getSpans().map((s) => s.id));
    }
    expect(errors).toEqual([]);
    // 25 whole trees stay: 50 spans, 25 records; one memory entry for each.
    expect(tracker.stats()).toMatchObject({ spans: 50, active: 0, ended: 50, records: 25 });
    expect(tracker.memory.size).toBe(75);
    expect(tracker.memory.search({ type: 'execution-span' })).toHaveLength(50);
    expect(tracker.memory.search({ type: 'metric-record' })).toHaveLength(25);
    const snapshot = tracker.getSnapshot();
    expect(snapshot.spans).toHaveLength(50);
    expect(snapshot.completed).toHaveLength(50);
    expect(snapshot.metrics).toHaveLength(25);
    expect(snapshot.spans[0]!.label).toBe('Workout 9975');

    // onArchive received the 9 975 oldest trees, whole, oldest first, root before its child.
    const spans = batches.flatMap((b) => b.spans);
    const metrics = batches.flatMap((b) => b.metrics);
    expect(spans).toHaveLength(19_950);
    expect(metrics).toHaveLength(9_975);
    expect(spans.filter((s) => s.parentSpanId === null).map((s) => s.label)).toEqual(
      Array.from({ length: 9_975 }, (_, i) => `Workout ${i}`),
    );
    for (const b of batches) {
      const ids = new Set(b.spans.map((s) => s.id));
      for (const s of b.spans) {
        expect(s.status).toBe('completed');
        expect(Object.isFrozen(s)).toBe(true);
        if (s.parentSpanId !== null) expect(ids.has(s.parentSpanId)).toBe(true);
      }
      for (const r of b.metrics) expect(ids.has(r.spanId)).toBe(true);
    }

    // Their memory entries were released, one release per span and per record.
    expect(releases).toHaveLength(19_950 + 9_975);
    expect(releases.filter((c) => c.type === 'execution-span')).toHaveLength(19_950);
    expect(releases.filter((c) => c.type === 'metric-record')).toHaveLength(9_975);
    for (const id of heldIds) {
      expect(tracker.getSpan(id)).toBeUndefined();
      expect(tracker.getMetrics(id)).toEqual([]);
      expect(tracker.memory.search({ id })).toEqual([]);
      expect(tracker.memory.searchBySpan(id)).toEqual([]);
    }
    expect(tracker.memory.search({ ownerId: 'root-0' })).toEqual([]);
  });

  it('never archives active spans, nor the ended spans of a tree whose root is still active', () => {
    const { tracker, clock, batches } = archiving(3);
    const session = tracker.startSpan({ key: 'session', label: 'Session' }, null)!;
    for (let i = 0; i < 10; i++) {
      tracker.startSpan({ key: `set-${i}`, label: 'Set' }, session.id);
      clock.advance(10);
      tracker.recordMetric(`set-${i}`, 'reps', 1, 'reps');
      tracker.endSpan(`set-${i}`);
    }
    // 10 ended spans over a limit of 3, but their root is active: nothing can go.
    expect(batches).toEqual([]);
    expect(tracker.stats()).toMatchObject({ spans: 11, active: 1, ended: 10, records: 10 });

    // Newer root trees that end are archived past the active one, which stays where it is.
    for (let i = 0; i < 5; i++) workout(tracker, clock, i);
    expect(batches.flatMap((b) => b.spans).map((s) => s.label)).toEqual(
      Array.from({ length: 5 }, (_, i) => [`Workout ${i}`, 'Set']).flat(),
    );
    expect(tracker.getActiveSpan('session')?.id).toBe(session.id);
    expect(tracker.stats()).toMatchObject({ spans: 11, active: 1, ended: 10 });

    // Once the session ends, its whole tree goes (with its records).
    tracker.endSpan('session');
    const last = batches.at(-1)!;
    expect(last.spans[0]!.id).toBe(session.id);
    expect(last.spans).toHaveLength(11);
    expect(last.metrics).toHaveLength(10);
    expect(tracker.stats()).toMatchObject({ spans: 0, active: 0, ended: 0, records: 0 });
    expect(tracker.memory.size).toBe(0);
  });

  it('keeps an active root started before the archived trees, and its active child', () => {
    const { tracker, clock } = archiving(0);
    tracker.startSpan({ key: 'long', label: 'Long' }, null);
    tracker.startSpan({ key: 'long-child', label: 'Child' });
    for (let i = 0; i < 20; i++) workout(tracker, clock, i);
    expect(tracker.getSpans().map((s) => s.blockId)).toEqual(['long', 'long-child']);
    expect(tracker.stats()).toMatchObject({ spans: 2, active: 2, ended: 0 });
  });

  it('with maxCompletedSpans 0 every tree is archived as its root ends, with its records in one call', () => {
    const { tracker, clock, batches } = archiving(0);
    for (let i = 0; i < 3; i++) workout(tracker, clock, i);
    expect(batches.map((b) => [b.spans.map((s) => s.label), b.metrics.map((r) => r.key)])).toEqual([
      [['Workout 0', 'Set'], ['reps']],
      [['Workout 1', 'Set'], ['reps']],
      [['Workout 2', 'Set'], ['reps']],
    ]);
    expect(tracker.getSnapshot().spans).toEqual([]);
    expect(tracker.memory.size).toBe(0);
  });

  it('subscribers and processors see consistent state; the snapshot drops archived spans', () => {
    const { tracker, clock } = archiving(2);
    const ended: string[] = [];
    tracker.addProcessor({ onEnd: (s) => void ended.push(s.label) });
    let sizes: number[] = [];
    tracker.subscribe(() => void (sizes = [...sizes, tracker.getSnapshot().spans.length]));
    for (let i = 0; i < 3; i++) workout(tracker, clock, i);
    expect(ended).toEqual(['Set', 'Workout 0', 'Set', 'Workout 1', 'Set', 'Workout 2']);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4);
    expect(tracker.getSnapshot().spans.map((s) => s.label)).toEqual(['Workout 2', 'Set']);
  });

  it('an onArchive that throws is reported as HANDLER_FAILED; the trees are released all the same', () => {
    const { tracker, clock, errors } = makeTracker({
      maxCompletedSpans: 0,
      onArchive: () => {
        throw new Error('disk full');
      },
    });
    workout(tracker, clock, 0);
    expect(errors.map((e) => [e.code, e.details.where])).toEqual([['HANDLER_FAILED', 'onArchive']]);
    expect(tracker.stats()).toMatchObject({ spans: 0, records: 0 });
    workout(tracker, clock, 1);
    expect(errors).toHaveLength(2);
  });

  it('without onArchive, trees beyond the limit are simply released', () => {
    const { tracker, clock } = makeTracker({ maxCompletedSpans: 4 });
    for (let i = 0; i < 100; i++) workout(tracker, clock, i);
    expect(tracker.stats()).toMatchObject({ spans: 4, ended: 4, records: 2 });
  });

  it('rejects a maxCompletedSpans that is not a number ≥ 0', () => {
    expect(() => makeTracker({ maxCompletedSpans: -1 })).toThrow(TypeError);
    expect(() => makeTracker({ maxCompletedSpans: Number.NaN })).toThrow(TypeError);
  });

  it('lets archived trees be garbage-collected even when nobody reads snapshots', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const refs: WeakRef<ExecutionSpan>[] = [];
    const { tracker, clock } = makeTracker({
      maxCompletedSpans: 2,
      onArchive: (spans) => void refs.push(...spans.map((s) => new WeakRef(s))),
    });
    for (let i = 0; i < 200; i++) workout(tracker, clock, i);
    expect(refs).toHaveLength(398);
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    const alive = refs.filter((r) => r.deref() !== undefined).length;
    // Only what the snapshot cache may still hold until its next compaction: at most the live count.
    expect(alive).toBeLessThanOrEqual(tracker.stats().spans + 2);
  });
});
