// An ended span keeps a compact copy of itself and builds its frozen records again when they are
// read: these tests let the built objects be collected (a real collection, after the job has ended)
// and check that what is read back is exactly what was handed out, and that whatever is still held
// is read back as the same object.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ExecutionTracker, type ExecutionSpan, type MetricRecord } from 'workout-spans';
import { makeTracker, T0 } from '../helpers';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Ends the job (V8 keeps what a WeakRef was made for alive until then) and collects. */
async function collect(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  gc();
  gc();
}

/** JSON text of each span and record, in the order the snapshot lists them. */
function texts(tracker: ExecutionTracker): { spans: string[]; metrics: string[] } {
  const s = tracker.getSnapshot();
  return { spans: s.spans.map((x) => JSON.stringify(x)), metrics: s.metrics.map((r) => JSON.stringify(r)) };
}

describe('reading back an ended span', () => {
  /** A workout that uses every field an ended span can have. */
  function workout() {
    const made = makeTracker({ strict: true, policy: { rest: 'allow', paused: 'allow' } });
    const { tracker, clock } = made;
    const handedOut: { spans: ExecutionSpan[]; records: MetricRecord[] } = { spans: [], records: [] };
    const rec = (target: string, ...args: Parameters<ExecutionTracker['recordMetric']> extends [string, ...infer R] ? R : never) => {
      const r = tracker.recordMetric(target, ...args);
      if (r !== undefined) handedOut.records.push(r);
    };
    tracker.startSpan({ key: 'session', label: 'Session' }, null);
    tracker.startSpan({ key: 'amrap', label: 'AMRAP', blockType: 'amrap', timer: { direction: 'down', durationMs: 600_000 } });
    tracker.startSegment('amrap', 'minute', 'Minute 1', 0);
    tracker.startSpan({ key: 'set', label: 'Thrusters', blockType: 'effort', exerciseId: 'thruster', targetReps: 10 });
    tracker.startSegment('set', 'round', 'Round 1', 0);
    tracker.startSegment('set', 'work', 'Work');
    clock.advance(1_250);
    rec('set', 'reps', 5, 'reps', 'watch');
    rec('set', 'weight', 42.5, 'kg', { exerciseId: 'front-squat' });
    tracker.updateSpan('set', { targetReps: 12, exerciseImage: 'thruster.png' });
    rec('set', 'targetReps', 15, 'reps');
    clock.advance(0.25); // a fractional instant
    rec('set', 'heartRate', 150, 'bpm', { source: 'strap', exerciseId: 'thruster' });
    tracker.endSegment('set');
    tracker.pause();
    rec('set', 'calories', 3.5, 'kcal');
    clock.advance(2_000);
    tracker.resume();
    tracker.startRest('set', { durationMs: 30_000, label: 'Breathe' });
    rec('set', 'reps', 1, 'reps');
    clock.advance(3_000);
    tracker.endRest('set');
    rec('set', 'currentRound', 2, 'round');
    rec('set', 'custom.object', { laps: [1, 2], note: 'ok' }, '');
    clock.advance(2 ** 31 + 7); // an offset from the span's start too large for a small integer
    rec('set', 'distance', 400, 'm');
    handedOut.spans.push(tracker.endSpan('set', 'failed', 'forced')!);
    tracker.startSpan({ key: 'timed', label: 'Plank', blockType: 'timer', timer: { direction: 'up' } });
    rec('timed', 'duration', 60_000, 'ms');
    handedOut.spans.push(tracker.endSpan('timed')!);
    tracker.startSpan({ key: 'empty', label: 'Nothing' });
    handedOut.spans.push(tracker.endSpan('empty', 'skipped')!);
    expect(() =>
      tracker.trace({ key: 'traced', label: 'Traced' }, () => {
        throw new Error('it broke');
      }),
    ).toThrow('it broke');
    rec('amrap', 'reps', 3, 'reps');
    tracker.endSpan('amrap', 'completed', 'timer-expired');
    tracker.endSpan('session');
    return { ...made, handedOut };
  }

  it('is, once its records were collected, exactly what the tracker handed out: spans, segments, intervals, metrics, records', async () => {
    const { tracker, handedOut } = workout();
    const spansJson = handedOut.spans.map((s) => JSON.stringify(s));
    const before = texts(tracker);
    const recordsJson = handedOut.records.map((r) => JSON.stringify(r));
    const probes = [new WeakRef(handedOut.records[0]!), new WeakRef(tracker.getSnapshot().spans[1]!)];
    handedOut.spans.length = 0;
    handedOut.records.length = 0;
    // Changes: the tracker's snapshot (which holds what it read) gives way to a new one, and the
    // records of later spans fill a new home (the tracker holds the current one).
    for (let i = 0; i < 70; i++) {
      tracker.startSpan({ key: 'later', label: 'Later' }, null);
      tracker.recordMetric('later', 'reps', 1, 'reps');
      tracker.endSpan('later');
    }
    await collect();
    // Nobody holds them: collected, and built again from the compact form when read.
    expect(probes.map((p) => p.deref())).toEqual([undefined, undefined]);
    const now = texts(tracker);
    const after = { spans: now.spans.slice(0, -70), metrics: now.metrics.slice(0, -70) };
    expect(after).toEqual(before);
    // Key order too: JSON text equal, not only deep-equal.
    for (const json of spansJson) expect(after.spans).toContain(json);
    for (const json of recordsJson) expect(after.metrics).toContain(json);
    const snap = tracker.getSnapshot();
    for (const span of snap.spans) {
      expect(
        Object.isFrozen(span) && Object.isFrozen(span.metrics) && Object.isFrozen(span.segments) && Object.isFrozen(span.timeSpans),
      ).toBe(true);
      for (const seg of span.segments) expect(Object.isFrozen(seg) && Object.isFrozen(seg.metrics)).toBe(true);
      expect(structuredClone(span)).toEqual(span);
      expect({ ...span }).toEqual(span);
    }
    for (const r of snap.metrics) {
      expect(Object.isFrozen(r) && Object.isFrozen(r.context) && Object.isFrozen(r.spanIds) && Object.isFrozen(r.segmentIds)).toBe(true);
      expect(structuredClone(r)).toEqual(r);
      expect(Object.keys(r.spanIds)).toEqual(r.spanIds.map((_, i) => String(i)));
    }
  });

  it('keeps a record it handed out the same object while it is held, and a span while a snapshot holding it is held', async () => {
    const { tracker, handedOut } = workout();
    const records = handedOut.records.slice();
    const snapshot = tracker.getSnapshot();
    const spans = snapshot.spans;
    await collect();
    const again = tracker.getSnapshot();
    for (const r of records) expect(again.metrics).toContain(r);
    expect(tracker.getMetrics(again.spans[0]!.id, { includeDescendants: true })).toEqual(again.metrics);
    for (const span of spans) expect(tracker.getSpan(span.id)).toBe(span);
    expect(tracker.getSpans()).toEqual(spans);
    for (let i = 0; i < spans.length; i++) expect(tracker.getSpans()[i]).toBe(spans[i]);
    expect(tracker.memory.get({ id: records[0]!.id, type: 'metric-record', ownerId: records[0]!.spanId, visibility: 'private' })).toBe(
      records[0],
    );
  });

  it('totals, children and memory searches read the compact form', async () => {
    const { tracker } = workout();
    const session = tracker.getSnapshot().spans[0]!;
    const totals = tracker.totals(session.id);
    const children = tracker.getChildren(session.id).map((s) => JSON.stringify(s));
    const refs = tracker.memory.search({ type: 'metric-record' }).map((r) => r.id);
    await collect();
    expect(tracker.totals(session.id)).toEqual(totals);
    expect(tracker.getChildren(session.id).map((s) => JSON.stringify(s))).toEqual(children);
    expect(tracker.memory.search({ type: 'metric-record' }).map((r) => r.id)).toEqual(refs);
    expect(refs).toHaveLength(tracker.getSnapshot().metrics.length);
  });

  it('restores from a snapshot read back after a collection, to the same document', async () => {
    const { tracker, clock } = workout();
    const json = JSON.stringify(tracker.getSnapshot().spans);
    await collect();
    const restored = ExecutionTracker.restore(tracker.getSnapshot(), { clock });
    expect(JSON.stringify(restored.getSnapshot().spans)).toBe(json);
  });
});

describe('the list of spans built again after a change', () => {
  it('is right whatever the order snapshots are read in, with spans archived between them', () => {
    const { tracker, clock } = makeTracker({ strict: true, maxCompletedSpans: 3 });
    const snapshots = [];
    for (let i = 0; i < 12; i++) {
      tracker.startSpan({ key: `w${i}`, label: `W${i}` }, null);
      clock.advance(10);
      tracker.recordMetric(`w${i}`, 'reps', i + 1, 'reps');
      snapshots.push({ snap: tracker.getSnapshot(), ids: tracker.getSpans().map((s) => s.id) });
      if (i % 3 === 0) void snapshots.at(-1)!.snap.spans; // some lists built at once, others later
      tracker.endSpan(`w${i}`);
      snapshots.push({ snap: tracker.getSnapshot(), ids: tracker.getSpans().map((s) => s.id) });
    }
    for (const { snap, ids } of [...snapshots].reverse()) {
      expect(snap.spans.map((s) => s.id)).toEqual(ids);
      expect(snap.completed.map((s) => s.id)).toEqual(snap.spans.filter((s) => s.status !== 'active').map((s) => s.id));
    }
  });

  it('shows a span changed between two reads as it was at each', () => {
    const { tracker } = makeTracker({ strict: true });
    tracker.startSpan({ key: 'a', label: 'A' }, null);
    const first = tracker.getSnapshot();
    const firstSpans = first.spans;
    tracker.updateSpan('a', { label: 'A2' });
    const second = tracker.getSnapshot();
    tracker.endSpan('a');
    const third = tracker.getSnapshot();
    expect(third.spans.map((s) => [s.label, s.status])).toEqual([['A2', 'completed']]);
    expect(second.spans.map((s) => [s.label, s.status])).toEqual([['A2', 'active']]);
    expect(firstSpans.map((s) => [s.label, s.status])).toEqual([['A', 'active']]);
    expect(first.spans).toBe(firstSpans);
  });

  it('is patched after a few changes and built whole after many, the same either way', () => {
    const { tracker } = makeTracker({ strict: true });
    for (let i = 0; i < 300; i++) tracker.startSpan({ key: `s${i}`, label: 'L0' }, null);
    const held = tracker.getSnapshot().spans; // held: the next list copies it and reads what changed
    const labels = (spans: readonly ExecutionSpan[]) => spans.map((s) => s.label);
    for (const changes of [3, 280, 5]) {
      const snapshots = [];
      for (let i = 0; i < changes; i++) {
        tracker.updateSpan(`s${i}`, { label: `L${changes}` });
        snapshots.push({ snap: tracker.getSnapshot(), labels: labels(tracker.getSpans()) });
      }
      for (const { snap, labels: expected } of [snapshots[snapshots.length - 1]!, snapshots[0]!]) {
        expect(labels(snap.spans)).toEqual(expected);
      }
    }
    expect(new Set(labels(held))).toEqual(new Set(['L0']));
  });
});

describe('ids', () => {
  it('of an ended span are written out from counters as they were', async () => {
    const { tracker, clock } = makeTracker({ strict: true });
    const span = tracker.startSpan({ key: 'a', label: 'A' }, null)!;
    const segIds = [];
    for (let i = 0; i < 3; i++) {
      segIds.push(tracker.startSegment('a', 'round', `R${i}`, i)!.id);
      tracker.pause('a');
      tracker.resume('a'); // an empty pause: dropped, its counter not reused
      clock.advance(5);
    }
    tracker.endSpan('a');
    await collect();
    const ended = tracker.getSpan(span.id)!;
    expect(ended.segments.filter((s) => s.type === 'round').map((s) => s.id)).toEqual(segIds);
    expect(ended.startTime).toBe(T0);
  });
});
