import { describe, expect, it } from 'vitest';
import { createManualClock, createTracker, type ExecutionSpan, type MetricRecord } from 'workout-spans';
import { deserialize, serialize } from 'workout-spans/persistence';
import { T0 } from '../helpers';
import { checkInvariants } from './invariants';

/**
 * A two-hour session: heart rate at 1 Hz on a monitor span (7 200 records) and 500 spans —
 * the monitor, a warm-up and 83 rounds of 5 efforts, each round a root tree with a 6 s rest, a 30 s
 * pause every 20 rounds — with and without archiving. Correctness only (counts and totals); time and
 * heap figures belong to the bench.
 */

const SECONDS = 7_200;
const ROUNDS = 83;
const EFFORTS = 5;
const EFFORT_S = 14;
const REST_S = 6;
const PAUSE_S = 30;
const REPS = 10;

function twoHours(maxCompletedSpans?: number) {
  const clock = createManualClock(T0);
  const archivedSpans: ExecutionSpan[] = [];
  const archivedRecords: MetricRecord[] = [];
  const tracker = createTracker({
    clock,
    strict: true,
    policy: { rest: 'allow', paused: 'allow' },
    ...(maxCompletedSpans === undefined ? {} : { maxCompletedSpans }),
    onArchive: (spans, records) => {
      archivedSpans.push(...spans);
      archivedRecords.push(...records);
    },
  });
  let subscriberCalls = 0;
  tracker.subscribe(() => subscriberCalls++);

  // The plan: what happens at each second, before that second's heart-rate sample.
  const plan = new Map<number, (() => void)[]>();
  const at = (s: number, fn: () => void): void => {
    let list = plan.get(s);
    if (list === undefined) plan.set(s, (list = []));
    list.push(fn);
  };
  let monitorId = '';
  at(
    0,
    () => (monitorId = tracker.startSpan({ key: 'hr', label: 'Heart rate', blockType: 'timer', timer: { direction: 'up' } }, null)!.id),
  );
  at(0, () => tracker.startSpan({ key: 'warmup', label: 'Warm-up', blockType: 'timer' }, null));
  let t = 60;
  at(t, () => tracker.endSpan('warmup'));
  for (let r = 0; r < ROUNDS; r++) {
    const round = `round-${r}`;
    at(t, () => {
      tracker.startSpan({ key: round, label: `Round ${r + 1}`, blockType: 'rounds' }, null);
      tracker.startSegment(round, 'round', `Round ${r + 1}`, r);
    });
    for (let e = 0; e < EFFORTS; e++) {
      const effort = `${round}-e${e}`;
      at(t, () => {
        tracker.startSpan({ key: effort, label: `Effort ${e + 1}`, blockType: 'effort' });
        tracker.recordMetric(effort, 'exerciseId', `move-${e}`, '');
      });
      t += EFFORT_S;
      at(t, () => {
        tracker.recordMetric(effort, 'reps', REPS, 'reps');
        tracker.endSpan(effort);
      });
    }
    at(t, () => tracker.startRest(round, { durationMs: REST_S * 1000 }));
    t += REST_S;
    at(t, () => {
      tracker.endRest(round);
      tracker.endSpan(round);
    });
    if (r % 20 === 19) {
      at(t, () => tracker.pause(monitorId));
      t += PAUSE_S;
      at(t, () => tracker.resume(monitorId));
    }
  }
  expect(t).toBeLessThan(SECONDS);

  for (let s = 0; s < SECONDS; s++) {
    clock.set(T0 + s * 1000);
    for (const fn of plan.get(s) ?? []) fn();
    tracker.recordMetric('hr', 'heartRate', 120 + (s % 60), 'bpm', 'strap');
    if (s % 1800 === 0)
      checkInvariants(tracker, {
        policy: { rest: 'allow', paused: 'allow' },
        ...(maxCompletedSpans === undefined ? {} : { maxCompletedSpans }),
      });
  }
  clock.set(T0 + SECONDS * 1000);
  tracker.endSpan('hr');
  return { tracker, archivedSpans, archivedRecords, subscriberCalls, monitorId };
}

const SPANS = 2 + ROUNDS * (1 + EFFORTS);
const RECORDS = SECONDS + ROUNDS * EFFORTS * 2;
const PAUSES = Math.floor(ROUNDS / 20);

describe('a two-hour session: 1 Hz heart rate, 500 spans', () => {
  it('counts and totals, without archiving', () => {
    const { tracker, archivedSpans, monitorId } = twoHours();
    expect(SPANS).toBe(500);
    const snap = checkInvariants(tracker, { policy: { rest: 'allow', paused: 'allow' } });
    expect(archivedSpans).toEqual([]);
    expect(snap.spans).toHaveLength(SPANS);
    expect(snap.active).toEqual([]);
    expect(snap.metrics).toHaveLength(RECORDS);
    expect(tracker.stats()).toMatchObject({ spans: SPANS, active: 0, ended: SPANS, records: RECORDS });
    expect(tracker.memory.size).toBe(SPANS + RECORDS);

    const hr = snap.metrics.filter((r) => r.key === 'heartRate');
    expect(hr).toHaveLength(SECONDS);
    expect(hr.every((r) => r.spanId === monitorId)).toBe(true);
    expect(hr.filter((r) => r.timeSpanId === null)).toHaveLength(PAUSES * PAUSE_S); // recorded while paused
    expect(tracker.totals(monitorId)).toEqual({
      totalMs: SECONDS * 1000,
      elapsedMs: (SECONDS - PAUSES * PAUSE_S) * 1000,
      workMs: (SECONDS - PAUSES * PAUSE_S) * 1000,
      restMs: 0,
      pausedMs: PAUSES * PAUSE_S * 1000,
    });
    const monitor = tracker.getSpan(monitorId)!;
    expect(monitor.segments.filter((s) => s.type === 'pause')).toHaveLength(PAUSES);
    expect(monitor.timeSpans).toHaveLength(PAUSES + 1);

    const rounds = tracker.getSpans({ type: 'rounds' });
    expect(rounds).toHaveLength(ROUNDS);
    for (const round of rounds) {
      expect(tracker.totals(round.id)).toEqual({
        totalMs: (EFFORTS * EFFORT_S + REST_S) * 1000,
        elapsedMs: (EFFORTS * EFFORT_S + REST_S) * 1000,
        workMs: EFFORTS * EFFORT_S * 1000,
        restMs: REST_S * 1000,
        pausedMs: 0,
      });
      expect(tracker.getChildren(round.id)).toHaveLength(EFFORTS);
    }
    const efforts = tracker.getSpans({ type: 'effort' });
    expect(efforts).toHaveLength(ROUNDS * EFFORTS);
    expect(efforts.every((s) => s.metrics.duration?.value === EFFORT_S * 1000 && s.metrics.reps?.value === REPS)).toBe(true);
    const reps = snap.metrics.filter((r) => r.key === 'reps');
    expect(reps.reduce((sum, r) => sum + (r.value as number), 0)).toBe(ROUNDS * EFFORTS * REPS);
    expect(reps.every((r) => r.context.roundNumber !== undefined && r.segmentIds.length === 1)).toBe(true);

    const back = deserialize(serialize(tracker));
    expect(back.spans).toHaveLength(SPANS);
    expect(back.metrics).toHaveLength(RECORDS);
  });

  it('counts and totals, archiving beyond 30 ended spans: nothing lost, nothing kept too long', () => {
    const full = twoHours();
    const { tracker, archivedSpans, archivedRecords } = twoHours(30);
    const snap = checkInvariants(tracker, { policy: { rest: 'allow', paused: 'allow' }, maxCompletedSpans: 30 });
    // Every span and record is either still held or was handed to onArchive, exactly once.
    const ids = [...snap.spans, ...archivedSpans].map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(SPANS);
    const recordIds = [...snap.metrics, ...archivedRecords].map((r) => r.id);
    expect(new Set(recordIds).size).toBe(recordIds.length);
    expect(recordIds).toHaveLength(RECORDS);
    expect(tracker.stats().ended).toBeLessThanOrEqual(30);
    expect(tracker.stats().spans).toBe(snap.spans.length);
    expect(tracker.memory.size).toBe(snap.spans.length + snap.metrics.length);
    expect(archivedSpans.every((s) => s.status !== 'active')).toBe(true);
    // Archived trees are whole: each archived span's parent was archived with it.
    const archivedIds = new Set(archivedSpans.map((s) => s.id));
    expect(archivedSpans.every((s) => s.parentSpanId === null || archivedIds.has(s.parentSpanId))).toBe(true);
    // Same session, same facts: the union equals the run without archiving (ids aside).
    const strip = (s: ExecutionSpan): string =>
      JSON.stringify({
        ...s,
        id: '',
        parentSpanId: s.parentSpanId === null ? null : '',
        segments: s.segments.length,
        timeSpans: s.timeSpans.length,
      });
    const byStart = (a: ExecutionSpan, b: ExecutionSpan): number => a.startTime - b.startTime || a.label.localeCompare(b.label);
    expect([...snap.spans, ...archivedSpans].sort(byStart).map(strip)).toEqual([...full.tracker.getSpans()].sort(byStart).map(strip));
    const sum = (rs: MetricRecord[], key: string): number => rs.filter((r) => r.key === key).reduce((a, r) => a + (r.value as number), 0);
    expect(sum([...snap.metrics, ...archivedRecords], 'reps')).toBe(ROUNDS * EFFORTS * REPS);
    expect(sum([...snap.metrics, ...archivedRecords], 'heartRate')).toBe(sum(full.tracker.getSnapshot().metrics, 'heartRate'));
  });
});
