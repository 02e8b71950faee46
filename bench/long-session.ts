/**
 * Long sessions: a two-hour workout with 360 effort spans (start, a few metrics, segments, end) and a
 * 1 Hz heart rate on the root (7 200 samples). Measures the saved document's size and the time of
 * `serialize` and `deserialize` (medians), against the goals of at most 400 kB and 20 ms each.
 */
import { createManualClock, createTracker, type TrackerSnapshot } from 'workout-spans';
import { deserialize, serialize } from 'workout-spans/persistence';
import { fmtUs, type Row } from './harness';
import { median } from './stats';

const T0 = 1_700_000_000_000;

/**
 * The two-hour session: efforts of three segments (two sets and a rest) and four records each, in
 * rounds of ten, and a heart rate every second recorded with `recordSample` on the workout.
 */
function twoHourSession(efforts = 360, seconds = 7_200): TrackerSnapshot {
  const clock = createManualClock(T0);
  const tracker = createTracker({ clock });
  const root = tracker.startSpan({ key: 'session', label: 'Long session', blockType: 'rounds' })!;
  const every = seconds / efforts;
  let second = 0;
  const tick = (n: number): void => {
    for (let i = 0; i < n; i++) {
      clock.advance(1000);
      tracker.recordSample(root.id, 'heartRate', 120 + Math.round(30 * Math.sin(second / 300)) + (second % 3), 'bpm');
      second++;
    }
  };
  for (let i = 0; i < efforts; i++) {
    if (i % 10 === 0) {
      if (i > 0) tracker.endSegment('session');
      tracker.startSegment('session', 'round', `Round ${i / 10 + 1}`, i / 10);
    }
    const key = `effort-${i % 12}`;
    tracker.startSpan({
      key,
      label: ['Push-ups', 'Squats', 'Burpees'][i % 3]!,
      blockType: 'effort',
      exerciseId: ['push-up', 'squat', 'burpee'][i % 3],
    });
    tracker.startSegment(key, 'work', 'Set 1', 0);
    tick(every * 0.2);
    tracker.recordMetric(key, 'reps', 10 + (i % 5), 'reps');
    tracker.recordMetric(key, 'weight', 20, 'kg');
    tracker.endSegment(key);
    tracker.startSegment(key, 'work', 'Set 2', 1);
    tick(every * 0.2);
    tracker.recordMetric(key, 'reps', 8 + (i % 3), 'reps');
    tracker.recordMetric(key, 'calories', 12.5, 'kcal');
    tracker.endSegment(key);
    tracker.startSegment(key, 'rest', 'Rest', 2);
    tick(every * 0.2);
    tracker.endSegment(key);
    tracker.endSpan(key);
    tick(every * 0.4);
  }
  return { ...tracker.getSnapshot(), savedAt: clock.now() };
}

interface Timing {
  median: number;
  best: number;
  cpu: number;
}

const RUNS = 21;

/**
 * Median and best wall time of `RUNS` runs, and the median CPU time of this process per run (ms).
 * On a machine shared with other work, wall time includes the time spent waiting for a core; CPU
 * time counts only this work.
 */
function timeMs(run: () => void): Timing {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c = process.cpuUsage();
    const start = performance.now();
    run();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  return { median: median(wall), best: Math.min(...wall), cpu: median(cpu) };
}

/** A row for the time of `what`, against the goal of at most 20 ms. */
function timeRow(what: string, t: Timing): Row {
  return {
    benchmark: `two-hour session, ${what} (median of ${RUNS}; best; median CPU time)`,
    ours: fmtUs(t.median * 1000),
    reference: '–',
    ratio: `best ${fmtUs(t.best * 1000)}; CPU ${fmtUs(t.cpu * 1000)}`,
    goal: '≤ 20 ms',
    met: t.median <= 20,
  };
}

export async function benchLongSession(): Promise<Row[]> {
  const snapshot = twoHourSession();
  const json = serialize(snapshot);
  const bytes = new TextEncoder().encode(json).length;
  let sink: unknown;
  for (let i = 0; i < 20; i++) sink = deserialize(serialize(snapshot));
  const ser = timeMs(() => void (sink = serialize(snapshot)));
  const de = timeMs(() => void (sink = deserialize(json)));
  void sink;
  const records = snapshot.metrics.length;
  return [
    {
      benchmark: `two-hour session, saved size (360 efforts, ${records} records, 7 200 heart-rate samples)`,
      ours: `${(bytes / 1000).toFixed(1)} kB`,
      reference: '–',
      ratio: `${bytes} B`,
      goal: '≤ 400 kB',
      met: bytes <= 400_000,
    },
    timeRow('serialize', ser),
    timeRow('deserialize', de),
  ];
}
