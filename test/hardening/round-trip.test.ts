import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createManualClock, createTracker, ExecutionTracker, TrackerError, type SamplesView, type TrackerSnapshot } from 'workout-spans';
import { createAutosave, deserialize, loadAutosave, memoryStorage, serialize } from 'workout-spans/persistence';
import { samplesView, type SeriesInput } from '../../src/model/samples-view';
import { runCindy } from '../../examples/workouts/cindy';
import { T0 } from '../helpers';
import { configArb, opArb, perform, type Config, type Op } from './ops';
import { numRuns, seed, timeout } from './runs';

/**
 * Nothing lost: whatever sequence of calls a tracker accepted, its saved document reads back to an
 * equal snapshot (every field, samples included), a tracker restored from it carries on and saves
 * again, and autosave's copies and change entries load back the same state after every change. And
 * nothing read as something else: every truncation and every one-character deletion of a real
 * document is refused as CORRUPT_DATA.
 */

function trackerOf(config: Config) {
  const clock = createManualClock(T0);
  const tracker = createTracker({
    clock,
    strict: config.strict,
    policy: config.policy,
    onError: () => undefined,
    ...(config.maxCompletedSpans !== undefined ? { maxCompletedSpans: config.maxCompletedSpans } : {}),
  });
  return { clock, tracker };
}

function run(config: Config, ops: readonly Op[]) {
  const { clock, tracker } = trackerOf(config);
  const started: string[] = [];
  for (const op of ops) perform(tracker, clock, op, started);
  return { clock, tracker, started };
}

/** Heart-rate-like series on the snapshot's roots, from random values (times in order from T0). */
const seriesArb = fc.array(
  fc.tuple(
    fc.nat(4),
    fc.constantFrom('heartRate', 'power'),
    fc.array(fc.tuple(fc.nat(5000), fc.double({ noNaN: true, noDefaultInfinity: true })), { maxLength: 20 }),
  ),
  {
    maxLength: 4,
  },
);

/** The snapshot with crafted samples on its roots; as it is (the tracker's own samples) when there are none to craft. */
function withSamples(snapshot: TrackerSnapshot, series: [number, string, [number, number][]][]): TrackerSnapshot {
  const roots = snapshot.spans.filter((s) => s.parentSpanId === null).map((s) => s.id);
  if (roots.length === 0 || series.length === 0) return snapshot;
  const inputs = new Map<string, SeriesInput>();
  for (const [r, key, points] of series) {
    const root = roots[r % roots.length]!;
    if (inputs.has(`${root}/${key}`)) continue;
    let t = T0;
    const ts: number[] = [];
    for (const [dt] of points) ts.push((t += dt));
    inputs.set(`${root}/${key}`, { root, key, unit: key === 'power' ? 'W' : 'bpm', t: ts, v: points.map(([, v]) => v) });
  }
  const latest = Math.max(...[...inputs.values()].map((s) => (s.t.length > 0 ? s.t[s.t.length - 1]! : -Infinity)));
  return { ...snapshot, samples: samplesView(inputs.values()), savedAt: Math.max(snapshot.savedAt ?? -Infinity, latest) };
}

/** What a samples view holds, read through its interface: roots, their keys, each series. */
function samplesOf(view: SamplesView): unknown {
  return view.roots().map((root) => [
    root,
    view.keys(root).map((key) => {
      const s = view.get(root, key)!;
      return [key, s.unit, Array.from(s.t), Array.from(s.v)];
    }),
  ]);
}

function expectEqual(read: TrackerSnapshot, x: TrackerSnapshot): void {
  expect(read.spans).toStrictEqual(x.spans);
  expect(read.metrics).toStrictEqual(x.metrics);
  expect(read.active).toStrictEqual(x.active);
  expect(read.completed).toStrictEqual(x.completed);
  // The tracker's own view and the one deserialize returns are different classes: compare what they hold.
  expect(samplesOf(read.samples)).toStrictEqual(samplesOf(x.samples));
}

describe('round trip: any accepted sequence of calls saves and loads back equal', () => {
  it(
    `deserialize(serialize(x)) equals x, samples included, and a restored tracker carries on (${numRuns()} runs)`,
    () => {
      fc.assert(
        fc.property(
          configArb,
          fc.array(opArb(2), { minLength: 1, maxLength: 50, size: 'max' }),
          seriesArb,
          fc.integer({ min: 0, max: 3 * 3_600_000 }),
          fc.array(opArb(1), { maxLength: 20, size: 'max' }),
          fc.array(fc.tuple(fc.nat(2000), fc.double({ noNaN: true, noDefaultInfinity: true })), { maxLength: 12 }),
          (config, ops, series, gap, after, heartRate) => {
            const { clock, tracker } = run(config, ops);
            // samples the tracker records itself, on the active span (its root keeps them)
            for (const [dt, value] of heartRate) {
              clock.advance(dt);
              const active = tracker.getSpans({ status: 'active' });
              if (active.length > 0) tracker.recordSample(active[active.length - 1]!.id, 'heartRate', value, 'bpm');
            }
            const live = tracker.getSnapshot();
            const x = withSamples({ ...live, savedAt: tracker.now() }, series);
            const json = serialize(x);
            const read = deserialize(json);
            expectEqual(read, x);
            expect(read.savedAt).toBe(x.savedAt);
            // written again, the same text
            expect(serialize(read)).toBe(json);
            // a restored tracker carries on: more calls, then saved and read back equal again
            const later = createManualClock(Math.max(clock.now(), read.savedAt!) + gap);
            const restored = ExecutionTracker.restore(read, { clock: later, policy: config.policy, onError: () => undefined });
            const started = restored.getSnapshot().spans.map((s) => s.id);
            for (const op of after) perform(restored, later, op, started);
            const again = restored.getSnapshot();
            const back = deserialize(serialize(restored));
            expect(back.spans).toStrictEqual(again.spans);
            expect(back.metrics).toStrictEqual(again.metrics);
          },
        ),
        { numRuns: numRuns(), ...seed() },
      );
    },
    timeout(),
  );

  it(
    `autosave: after every call, the copies and change entries load back the tracker's state (${Math.max(20, Math.round(numRuns() / 4))} runs)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(configArb, fc.array(opArb(1), { minLength: 1, maxLength: 40, size: 'max' }), async (config, ops) => {
          const { clock, tracker } = trackerOf(config);
          const storage = memoryStorage();
          const autosave = createAutosave(tracker, { storage, key: 'w', throttleMs: 0 });
          const started: string[] = [];
          for (const [i, op] of ops.entries()) {
            perform(tracker, clock, op, started);
            const active = tracker.getSpans({ status: 'active' });
            if (i % 2 === 0 && active.length > 0) tracker.recordSample(active[0]!.id, i % 4 === 0 ? 'heartRate' : 'power', i, 'x');
            await autosave.flush();
            const snap = tracker.getSnapshot();
            const loaded = await loadAutosave(storage, 'w');
            if (loaded === null) {
              expect(snap.spans.length + snap.metrics.length).toBe(0);
              continue;
            }
            expect(loaded.spans).toStrictEqual(snap.spans);
            expect(loaded.metrics).toStrictEqual(snap.metrics);
            expect(samplesOf(loaded.samples)).toStrictEqual(samplesOf(snap.samples));
          }
          autosave.stop();
        }),
        { numRuns: Math.max(20, Math.round(numRuns() / 4)), ...seed() },
      );
    },
    timeout(),
  );
});

describe('a damaged document is never read as another session', () => {
  const documents = (): [string, string][] => {
    const { tracker } = runCindy({}, 350);
    const small = createTracker({ clock: createManualClock(T0) });
    small.startSpan({ key: 'a', label: 'A', blockType: 'amrap', timer: { direction: 'down', durationMs: 60_000 } });
    small.recordMetric('a', 'reps', 5, 'reps', 'watch');
    const withSeries = withSamples({ ...small.getSnapshot(), savedAt: T0 + 10_000 }, [
      [
        0,
        'heartRate',
        [
          [0, 120],
          [1000, 121.5],
          [1000, -0],
        ],
      ],
    ]);
    return [
      ['Cindy, paused at 350 s', serialize(tracker)],
      ['a small AMRAP with samples', serialize(withSeries)],
    ];
  };

  const refused = (json: string): void => {
    let error: unknown;
    try {
      deserialize(json);
    } catch (e) {
      error = e;
    }
    if (!(error instanceof TrackerError) || error.code !== 'CORRUPT_DATA') {
      throw new Error(`not refused as CORRUPT_DATA: ${error === undefined ? 'read whole' : String(error)} (${json.length} chars)`);
    }
  };

  it.each(documents())('%s: every truncation is CORRUPT_DATA', (_name, json) => {
    for (let i = 0; i < json.length; i++) refused(json.slice(0, i));
  });

  it.each(documents())('%s: every one-character deletion is CORRUPT_DATA', (_name, json) => {
    for (let i = 0; i < json.length; i++) refused(json.slice(0, i) + json.slice(i + 1));
  });
});
