import { describe, expect, it } from 'vitest';
import { runCindy } from '../../examples/workouts/cindy';
import { createManualClock, ExecutionTracker, INTERRUPTED_LABEL } from 'workout-spans';
import { deserialize, serialize } from 'workout-spans/persistence';

const T0 = 1_700_000_000_000;
const at = (seconds: number): number => T0 + seconds * 1000;

describe('S5 A page reload mid-workout', () => {
  // In S2, serialize at 600 s; at 900 s restore on a clock reading 900 s.
  const { tracker: before, rootId } = runCindy({}, 600);
  const json = serialize(before);
  const clock = createManualClock(at(900));
  const tracker = ExecutionTracker.restore(deserialize(json), { clock, strict: true });
  const root = tracker.getSpan(rootId)!;

  it('the root is still active and paused neither', () => {
    expect(root.status).toBe('active');
    expect(root.paused).toBe(false);
    expect(tracker.context.getActiveSpans()[0]!.id).toBe(rootId);
  });

  it('it has a pause segment labelled Interrupted from 600 s to 900 s', () => {
    const gaps = root.segments.filter((s) => s.label === INTERRUPTED_LABEL);
    expect(INTERRUPTED_LABEL).toBe('Interrupted');
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ type: 'pause', label: 'Interrupted', startTime: at(600), endTime: at(900) });
  });

  it('its paused total counts those 300 000 ms (on top of the 60 s pause of S2)', () => {
    const totals = tracker.totals(rootId)!;
    expect(totals.totalMs).toBe(900_000);
    expect(totals.pausedMs).toBe(360_000);
    expect(totals.elapsedMs).toBe(540_000);
    // the gap alone: paused time between 600 s and 900 s
    expect(tracker.totals(rootId, at(900))!.pausedMs - before.totals(rootId, at(600))!.pausedMs).toBe(300_000);
  });

  it('the workout carries on where it stopped: the open round, the open effort', () => {
    expect(root.segments.find((s) => s.type === 'round' && s.endTime === undefined)!.label).toBe('Round 5');
    const effort = tracker.getActiveSpan('cindy-pullups-5')!;
    expect(effort.parentSpanId).toBe(rootId);
    clock.set(at(930));
    const record = tracker.recordMetric('cindy-pullups-5', 'reps', 5, 'reps')!;
    expect(record.context.totalElapsedMs).toBe(570_000);
    expect(record.context.roundNumber).toBe(5);
    expect(record.context.parentTimer!.remainingMs).toBe(1_200_000 - 570_000);
  });
});
