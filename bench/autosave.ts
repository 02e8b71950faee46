/**
 * What one autosave costs, in a two-hour session (360 efforts, a 1 Hz heart rate on the root) and in
 * a one-minute one (3 efforts, 60 samples): the characters written and the time of `flush()` for one
 * change (a heart-rate sample and a record on the running effort), median over 60 changes, and the
 * mean, which counts the whole copies that compaction writes now and then.
 */
import { createManualClock, createTracker, type TrackerLike } from 'workout-spans';
import { createAutosave, loadAutosave, memoryStorage, type AutosaveStorage } from 'workout-spans/persistence';
import { fmtUs, type Row } from './harness';
import { median } from './stats';

const T0 = 1_700_000_000_000;

/** A live session of `efforts` efforts over `seconds`, its heart rate recorded with `recordSample`; `change()` adds one second. */
export function liveSession(efforts: number, seconds: number) {
  const clock = createManualClock(T0);
  const tracker = createTracker({ clock });
  const root = tracker.startSpan({ key: 'session', label: 'Long session', blockType: 'rounds' })!;
  let n = 0;
  const sample = (): void => {
    tracker.recordSample(root.id, 'heartRate', 120 + (n++ % 40), 'bpm');
  };
  const every = (seconds * 1000) / efforts;
  for (let i = 0; i < efforts; i++) {
    if (i % 10 === 0) {
      if (i > 0) tracker.endSegment('session');
      tracker.startSegment('session', 'round', `Round ${i / 10 + 1}`, i / 10);
    }
    const key = `effort-${i % 12}`;
    tracker.startSpan({ key, label: 'Burpees', blockType: 'effort' });
    for (let s = 0; s < every / 1000; s++) {
      clock.advance(1000);
      sample();
      if (s === 5 || s === 10) tracker.recordMetric(key, 'reps', 10, 'reps');
    }
    tracker.endSpan(key);
  }
  tracker.startSpan({ key: 'current', label: 'Burpees', blockType: 'effort' });
  const change = (): void => {
    clock.advance(1000);
    sample();
    tracker.recordMetric('current', 'reps', 1, 'reps');
  };
  return { like: tracker as TrackerLike, change };
}

interface SaveCost {
  chars: number[];
  ms: number[];
}

async function costOfSaves(efforts: number, seconds: number, changes: number): Promise<SaveCost> {
  const { like, change } = liveSession(efforts, seconds);
  const base = memoryStorage();
  let written = 0;
  const storage: AutosaveStorage = { ...base, setItem: (k, value) => ((written += value.length), base.setItem(k, value)) };
  const autosave = createAutosave(like, { storage, key: 'bench', throttleMs: 3_600_000 });
  await autosave.flush();
  const chars: number[] = [];
  const ms: number[] = [];
  for (let i = 0; i < changes; i++) {
    change();
    written = 0;
    const start = performance.now();
    await autosave.flush();
    ms.push(performance.now() - start);
    chars.push(written);
  }
  // what was written reads back whole
  const loaded = await loadAutosave(base, 'bench');
  const now = like.getSnapshot();
  if (
    loaded === null ||
    loaded.metrics.length !== now.metrics.length ||
    loaded.samples.get(now.spans[0]!.id, 'heartRate')?.t.length !== seconds + changes
  ) {
    throw new Error('autosave did not read back whole');
  }
  autosave.stop();
  return { chars, ms };
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

export async function benchAutosave(): Promise<Row[]> {
  const changes = 60;
  // warm up the code paths once
  await costOfSaves(3, 60, 10);
  const short = await costOfSaves(3, 60, changes);
  const long = await costOfSaves(360, 7_200, changes);
  const ratio = median(long.chars) / median(short.chars);
  const timeRatio = median(long.ms) / median(short.ms);
  return [
    {
      benchmark: `autosave, characters written for one change (median of ${changes}; mean with compactions)`,
      ours: `${median(long.chars)} (mean ${Math.round(mean(long.chars))}) in 2 h`,
      reference: `${median(short.chars)} (mean ${Math.round(mean(short.chars))}) in 1 min`,
      ratio: `${ratio.toFixed(2)}×`,
      goal: '≤ 3×',
      met: ratio <= 3,
    },
    {
      benchmark: `autosave, time of flush() for one change (median of ${changes}; mean with compactions)`,
      ours: `${fmtUs(median(long.ms) * 1000)} (mean ${fmtUs(mean(long.ms) * 1000)}) in 2 h`,
      reference: `${fmtUs(median(short.ms) * 1000)} (mean ${fmtUs(mean(short.ms) * 1000)}) in 1 min`,
      ratio: `${timeRatio.toFixed(2)}×`,
      goal: '≤ 3×',
      met: timeRatio <= 3,
    },
  ];
}
