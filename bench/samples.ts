/**
 * Benchmark 8: retained heap per sensor sample (`recordSample`): a two-hour workout's heart rate at
 * 1 Hz (7 200 samples) and a day of it (86 400), on a manual clock one second apart. Goal: at most
 * 32 bytes a sample, counting the JavaScript heap and the typed arrays' own memory.
 *
 * `node --expose-gc --import tsx bench/samples.ts <count>` prints one JSON line; `benchSamples()`
 * runs each count in its own child process.
 */
import { fileURLToPath } from 'node:url';
import { runCase } from './child';
import type { Row } from './harness';
import { retainedBy } from './retained';
import { median } from './stats';
import { createManualClock, createTracker } from 'workout-spans';

const COUNTS = [7_200, 86_400];

/** Records `count` samples one second apart on a new tracker; returns it. */
function record(count: number, clock = createManualClock(1_700_000_000_000)) {
  const tracker = createTracker({ clock });
  tracker.startSpan({ key: 'workout', label: 'Workout', blockType: 'group' }, null);
  for (let i = 1; i <= count; i++) {
    clock.advance(1_000);
    tracker.recordSample('workout', 'heartRate', 60 + ((i * 7) % 120) + (i % 3) * 0.5, 'bpm');
  }
  return tracker;
}

/**
 * Bytes retained per sample by a tracker holding `count` samples of one key under one root, less
 * what the same tracker and span hold without samples.
 */
async function measure(count: number): Promise<number> {
  record(20_000); // warm-up: compiled code is not part of the figure
  const figures: number[] = [];
  // The median of three: the heap moves by some kilobytes between readings.
  for (let i = 0; i < 3; i++) {
    const without = await retainedBy(() => record(0), 50);
    const withSamples = await retainedBy(() => record(count), 50);
    figures.push((withSamples - without) / count);
  }
  return median(figures);
}

const which = process.argv[2];
if (process.argv[1] === fileURLToPath(import.meta.url) && which !== undefined) {
  console.log(JSON.stringify({ count: Number(which), bytesPerSample: Math.round((await measure(Number(which))) * 10) / 10 }));
}

export async function benchSamples(): Promise<Row> {
  const self = fileURLToPath(import.meta.url);
  const figures = COUNTS.map((count) => runCase<{ count: number; bytesPerSample: number }>(self, ['--expose-gc'], String(count)));
  const worst = Math.max(...figures.map((f) => f.bytesPerSample));
  return {
    benchmark: `retained heap per sensor sample (recordSample, 1 Hz heart rate): ${figures.map((f) => f.count.toLocaleString('en')).join(' and ')} samples`,
    ours: figures.map((f) => `${f.bytesPerSample.toFixed(1)} B`).join(', '),
    reference: '–',
    ratio: `${worst.toFixed(1)} B`,
    goal: '≤ 32 B',
    met: worst <= 32,
  };
}
