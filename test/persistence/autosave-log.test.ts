import { describe, expect, it } from 'vitest';
import {
  createManualClock,
  createTracker,
  ExecutionTracker,
  TrackerError,
  type ExecutionSpan,
  type MetricRecord,
  type SamplesView,
  type TrackerLike,
  type TrackerSnapshot,
} from 'workout-spans';
import { createAutosave, loadAutosave, memoryStorage, type AutosaveStorage } from 'workout-spans/persistence';
import { samplesView } from '../../src/model/samples-view';
import { encodeSlot, SEQ_MODULUS } from '../../src/persistence/slots';
import { serialize } from 'workout-spans/persistence';
import { at, faultyStorage, T0, type FaultMode } from './support';

/**
 * The change log of autosave under faults: at every write of a session that appends entries,
 * compacts and records samples, a write that throws, one that stores half its value (and throws, or
 * not: the tab died), and a crash between two writes. Whatever happens, `loadAutosave` gives the
 * newest state whose writes all landed.
 */

interface Saved {
  spans: ExecutionSpan[];
  metrics: MetricRecord[];
  samples: SamplesView;
}
const contentOf = (s: TrackerSnapshot | null): Saved | null =>
  s === null ? null : { spans: s.spans, metrics: s.metrics, samples: s.samples };

/** A tracker with a heart rate on its root, as snapshots carry it (the tracker's own samples may come later). */
function sessionWithSamples() {
  const clock = createManualClock(T0);
  const errors: TrackerError[] = [];
  const tracker = createTracker({ clock });
  tracker.on('error', (e) => errors.push(e));
  const t: number[] = [];
  const v: number[] = [];
  let view: SamplesView = samplesView([]);
  let rootId = '';
  let last: { base: TrackerSnapshot; view: SamplesView; snapshot: TrackerSnapshot } | null = null;
  const like: TrackerLike = {
    now: () => tracker.now(),
    reportError: (e) => tracker.reportError(e),
    subscribe: (l) => tracker.subscribe(l),
    getSnapshot: () => {
      const base = tracker.getSnapshot();
      if (last === null || last.base !== base || last.view !== view) last = { base, view, snapshot: { ...base, samples: view } };
      return last.snapshot;
    },
  };
  const sample = (value: number): void => {
    t.push(clock.now());
    v.push(value);
    view = samplesView([{ root: rootId, key: 'heartRate', unit: 'bpm', t: t.slice(), v: v.slice() }]);
  };
  const steps: (() => void)[] = [
    () => (rootId = tracker.startSpan({ key: 'w', label: 'Workout', blockType: 'rounds' })!.id),
    () => tracker.startSegment('w', 'round', 'Round 1', 0),
  ];
  for (let i = 0; i < 6; i++) {
    steps.push(
      () => tracker.startSpan({ key: `e${i}`, label: 'Burpees', blockType: 'effort' }),
      () => (clock.advance(7_000), sample(120 + i)),
      () => tracker.recordMetric(`e${i}`, 'reps', 10 + i, 'reps'),
      () => (clock.advance(3_000), sample(130 + i), tracker.endSpan(`e${i}`)),
    );
    if (i === 2)
      steps.push(
        () => tracker.pause(),
        () => (clock.advance(30_000), tracker.resume()),
      );
  }
  steps.push(
    () => tracker.endSegment('w'),
    () => (clock.advance(1000), tracker.endSpan('w')),
  );
  return { clock, tracker, like, steps, errors };
}

const STEPS = sessionWithSamples().steps.length;

describe('autosave change log under faults, at every write', () => {
  const modes: FaultMode[] = ['throw', 'tear'];
  for (const async of [false, true]) {
    for (const mode of modes) {
      it(`${async ? 'async' : 'sync'} storage that ${mode}s at write k: the last good state loads at every step`, async () => {
        for (let k = 1; k <= STEPS + 2; k++) {
          const { storage } = faultyStorage(memoryStorage(), { failAt: k, mode, async });
          const { like, steps, errors } = sessionWithSamples();
          const autosave = createAutosave(like, { storage, key: 'w' });
          let lastGood: Saved | null = null;
          for (const step of steps) {
            step();
            try {
              await autosave.flush();
              lastGood = contentOf(like.getSnapshot());
            } catch (error) {
              expect((error as TrackerError).code).toBe('STORAGE_FAILED');
            }
            expect(contentOf(await loadAutosave(storage, 'w'))).toStrictEqual(lastGood);
          }
          expect(errors.length).toBeLessThanOrEqual(1);
          await autosave.flush();
          expect(contentOf(await loadAutosave(storage, 'w'))).toStrictEqual(contentOf(like.getSnapshot()));
        }
      });
    }
  }

  for (const mode of ['crash', 'stop'] as const) {
    it(`the tab dies ${mode === 'crash' ? 'in the middle of' : 'just before'} write k: the next load gets the state before it, and carries on`, async () => {
      for (let k = 1; k <= STEPS + 2; k++) {
        const base = memoryStorage();
        let writes = 0;
        let dead = false;
        const storage: AutosaveStorage = {
          getItem: (key) => base.getItem(key),
          removeItem: (key) => base.removeItem(key),
          setItem: (key, value) => {
            if (dead) return;
            if (++writes === k) {
              dead = true;
              if (mode === 'crash') base.setItem(key, value.slice(0, value.length >> 1));
              return;
            }
            base.setItem(key, value);
          },
        };
        const { like, steps } = sessionWithSamples();
        const autosave = createAutosave(like, { storage, key: 'w' });
        let lastGood: Saved | null = null;
        for (const step of steps) {
          step();
          await autosave.flush();
          if (!dead) lastGood = contentOf(like.getSnapshot());
        }
        const loaded = await loadAutosave(base, 'w');
        expect(contentOf(loaded)).toStrictEqual(lastGood);
        if (loaded === null) continue;
        // the next page carries on from it, and its saves read back whole
        const clock = createManualClock(at(10_000));
        const restored = ExecutionTracker.restore(loaded, { clock });
        const again = createAutosave(restored, { storage: base, key: 'w' });
        await again.flush();
        const active = restored.getSpans({ status: 'active' });
        if (active.length > 0) {
          clock.advance(1000);
          restored.recordMetric(active[active.length - 1]!.id, 'reps', 3, 'reps');
          await again.flush();
        }
        const reread = await loadAutosave(base, 'w');
        expect(reread!.spans).toStrictEqual(restored.getSnapshot().spans);
        expect(reread!.metrics).toStrictEqual(restored.getSnapshot().metrics);
      }
    });
  }
});

describe('autosave: what one save costs', () => {
  /** The chars written by one save after one record, in a session of `efforts` efforts already saved. */
  async function oneChange(efforts: number): Promise<number> {
    const clock = createManualClock(T0);
    const tracker = createTracker({ clock });
    const writes: number[] = [];
    const base = memoryStorage();
    const storage: AutosaveStorage = { ...base, setItem: (k, v) => (writes.push(v.length), base.setItem(k, v)) };
    const autosave = createAutosave(tracker, { storage, key: 'w' });
    tracker.startSpan({ key: 'w', label: 'Workout', blockType: 'rounds' });
    for (let i = 0; i < efforts; i++) {
      tracker.startSpan({ key: 'e', label: 'Burpees', blockType: 'effort' });
      clock.advance(10_000);
      tracker.recordMetric('e', 'reps', 10, 'reps');
      tracker.endSpan('e');
    }
    tracker.startSpan({ key: 'e', label: 'Burpees', blockType: 'effort' });
    await autosave.flush();
    clock.advance(5_000);
    tracker.recordMetric('e', 'reps', 7, 'reps');
    writes.length = 0;
    await autosave.flush();
    expect(writes).toHaveLength(1);
    const loaded = await loadAutosave(base, 'w');
    expect(loaded!.metrics).toStrictEqual(tracker.getSnapshot().metrics);
    return writes[0]!;
  }

  it('one record in a two-hour session writes about what it writes in a one-minute session', async () => {
    const short = await oneChange(6);
    const long = await oneChange(720);
    expect(long).toBeLessThan(short * 1.5);
  });
});

describe('autosave: issue-14 edge cases', () => {
  it('a stored copy numbered 999 999 999 999 999: the next copies count on from 0 and the good copy is never overwritten first', async () => {
    const storage = memoryStorage();
    const clock = createManualClock(T0);
    const before = createTracker({ clock });
    before.startSpan({ key: 'w', label: 'Workout' });
    clock.advance(1000);
    before.recordMetric('w', 'reps', 5, 'reps');
    const good = serialize(before);
    storage.setItem('w:a', encodeSlot(SEQ_MODULUS - 1, good));
    const tracker = ExecutionTracker.restore((await loadAutosave(storage, 'w'))!, { clock: createManualClock(at(60)) });
    const autosave = createAutosave(tracker, { storage, key: 'w', throttleMs: 0 });
    const seen: string[] = [];
    for (let i = 0; i < 12; i++) {
      tracker.recordMetric('w', 'reps', i, 'reps');
      const a = storage.getItem('w:a');
      await autosave.flush();
      // the copy in a is only ever replaced once b holds a newer good one
      if (storage.getItem('w:a') !== a) expect(seen.some((s) => s.startsWith('b'))).toBe(true);
      const loaded = (await loadAutosave(storage, 'w'))!;
      expect(loaded.metrics).toStrictEqual(tracker.getSnapshot().metrics);
      seen.push(storage.getItem('w:b') === null ? 'a' : 'b');
    }
    expect(storage.getItem('w:b')).not.toBeNull();
  });

  it('a newer copy that is whole but does not read (it fails a check) is not counted as good: the good copy is kept', async () => {
    const storage = memoryStorage();
    const clock = createManualClock(T0);
    const before = createTracker({ clock });
    before.startSpan({ key: 'w', label: 'Workout' });
    clock.advance(1000);
    before.recordMetric('w', 'reps', 5, 'reps');
    const good = serialize(before);
    const bad = JSON.parse(good) as Record<string, any>;
    delete bad.checksum;
    bad.metrics.value[0] = -5; // reps below zero: decodes, then fails its check
    storage.setItem('w:b', encodeSlot(1, good));
    storage.setItem('w:a', encodeSlot(2, JSON.stringify(bad)));
    const loaded = (await loadAutosave(storage, 'w'))!;
    expect(loaded.metrics).toStrictEqual(before.getSnapshot().metrics);
    const tracker = ExecutionTracker.restore(loaded, { clock: createManualClock(at(60)) });
    await createAutosave(tracker, { storage, key: 'w' }).flush();
    expect(storage.getItem('w:b')).toBe(encodeSlot(1, good));
    expect((await loadAutosave(storage, 'w'))!.spans).toStrictEqual(tracker.getSnapshot().spans);
  });

  it('a document over the engine’s string limit: flush() rejects with STORAGE_FAILED and an error event, never a RangeError', async () => {
    const real = createTracker({ clock: createManualClock(T0) });
    real.startSpan({ key: 'w', label: 'Workout' });
    real.recordMetric('w', 'note', 'long', '');
    const errors: TrackerError[] = [];
    const huge: TrackerLike = {
      now: () => real.now(),
      subscribe: (l) => real.subscribe(l),
      reportError: (e) => errors.push(e),
      getSnapshot: () => {
        const s = real.getSnapshot();
        // JSON.stringify throws this past the engine's string limit (about 2^29 characters in V8)
        const tooLong = {
          toJSON(): never {
            throw new RangeError('Invalid string length');
          },
        };
        return { ...s, metrics: s.metrics.map((r) => ({ ...r, value: tooLong })) };
      },
    };
    const autosave = createAutosave(huge, { storage: memoryStorage(), key: 'w' });
    const error = await autosave.flush().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TrackerError);
    expect(error).toMatchObject({ code: 'STORAGE_FAILED' });
    expect(errors.map((e) => e.code)).toEqual(['STORAGE_FAILED']);
    expect((errors[0]!.details.cause as Error).name).toBe('RangeError');
  });
});
