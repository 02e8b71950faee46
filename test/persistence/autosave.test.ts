import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createManualClock,
  createTracker,
  ExecutionTracker,
  TrackerError,
  type ExecutionSpan,
  type ManualClock,
  type MetricRecord,
} from 'workout-spans';
import {
  clearAutosave,
  createAutosave,
  deserialize,
  loadAutosave,
  memoryStorage,
  serialize,
  type AutosaveStorage,
} from 'workout-spans/persistence';
import { decodeChanges, decodeSlot, newerSeq, nextSeq } from '../../src/persistence/slots';
import { at, faultyStorage, T0, type FaultMode } from './support';

afterEach(() => {
  vi.useRealTimers();
});

/** A small AMRAP, one change per step: spans, segments, metrics, a pause, a rest. */
function sessionSteps(tracker: ExecutionTracker, clock: ManualClock): (() => unknown)[] {
  return [
    () => tracker.startSpan({ key: 'amrap', label: 'AMRAP 10', blockType: 'amrap', timer: { direction: 'down', durationMs: 600_000 } }),
    () => tracker.startSegment('amrap', 'round', 'Round 1', 0),
    () => tracker.startSpan({ key: 'pullups', label: 'Pull-ups', blockType: 'effort' }),
    () => tracker.recordMetric('pullups', 'exerciseId', 'pull-up', ''),
    () => (clock.advance(30_000), tracker.recordMetric('pullups', 'reps', 5, 'reps')),
    () => tracker.endSpan('pullups'),
    () => tracker.startSpan({ key: 'pushups', label: 'Push-ups', blockType: 'effort' }),
    () => (clock.advance(20_000), tracker.pause()),
    () => (clock.advance(60_000), tracker.resume()),
    () => (clock.advance(25_000), tracker.recordMetric('pushups', 'reps', 10, 'reps')),
    () => tracker.endSpan('pushups'),
    () => (clock.advance(1_000), tracker.recordMetric('amrap', 'heartRate', 150, 'bpm')),
    () => tracker.startRest('amrap', { durationMs: 30_000 }),
    () => (clock.advance(30_000), tracker.endRest('amrap')),
    () => tracker.startSegment('amrap', 'round', 'Round 2', 1),
    () => (clock.advance(10_000), tracker.endSpan('amrap')),
  ];
}
const STEPS = sessionSteps(createTracker(), createManualClock()).length;

interface Saved {
  spans: ExecutionSpan[];
  metrics: MetricRecord[];
}
const contentOf = (s: Saved | null): Saved | null => (s === null ? null : { spans: s.spans, metrics: s.metrics });

function newSession() {
  const clock = createManualClock(T0);
  const errors: TrackerError[] = [];
  const onError: TrackerError[] = [];
  const tracker = createTracker({ clock, onError: (e) => onError.push(e) });
  tracker.on('error', (e) => errors.push(e));
  return { clock, tracker, errors, onError };
}

describe('autosave: when it saves', () => {
  it('throttles: one save per throttleMs after changes, none without changes (fake timers)', async () => {
    vi.useFakeTimers();
    const { storage, log } = faultyStorage(memoryStorage());
    const { tracker, clock } = newSession();
    const autosave = createAutosave(tracker, { storage, key: 'w', throttleMs: 1000 });
    const steps = sessionSteps(tracker, clock);
    steps[0]!();
    steps[1]!();
    vi.advanceTimersByTime(999);
    expect(log).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(log).toEqual(['set w:a']);
    // a burst of changes within the window: one save
    for (const step of steps.slice(2, 7)) {
      step();
      vi.advanceTimersByTime(100);
    }
    expect(log).toHaveLength(1);
    vi.advanceTimersByTime(600);
    expect(log).toEqual(['set w:a', 'set w:b']);
    // nothing changed: nothing saved
    vi.advanceTimersByTime(10_000);
    expect(log).toHaveLength(2);
    expect(contentOf(await loadAutosave(storage, 'w'))).toStrictEqual(contentOf(tracker.getSnapshot()));
    autosave.stop();
  });

  it('throttleMs defaults to 1000', () => {
    vi.useFakeTimers();
    const { storage, log } = faultyStorage(memoryStorage());
    const { tracker } = newSession();
    createAutosave(tracker, { storage, key: 'w' });
    tracker.startSpan({ key: 'a', label: 'A' });
    vi.advanceTimersByTime(999);
    expect(log).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(log).toHaveLength(1);
  });

  it('flush() saves at once; with a synchronous storage, before it returns', async () => {
    const storage = memoryStorage();
    const { tracker } = newSession();
    const autosave = createAutosave(tracker, { storage, key: 'w' });
    tracker.startSpan({ key: 'a', label: 'A' });
    const done = autosave.flush();
    expect(decodeSlot(storage.getItem('w:a'))).not.toBeNull();
    await done;
    // nothing new: no write
    await autosave.flush();
    expect(storage.getItem('w:b')).toBeNull();
  });

  it('an empty tracker is not saved; a restored one is saved soon without waiting for a change', async () => {
    vi.useFakeTimers();
    const storage = memoryStorage();
    const empty = newSession().tracker;
    await createAutosave(empty, { storage, key: 'w' }).flush();
    expect(await loadAutosave(storage, 'w')).toBeNull();

    const { tracker: before, clock } = newSession();
    sessionSteps(before, clock)
      .slice(0, 5)
      .forEach((s) => s());
    const restored = ExecutionTracker.restore(deserialize(serialize(before)), { clock: createManualClock(at(300)) });
    createAutosave(restored, { storage, key: 'w' });
    vi.advanceTimersByTime(1000);
    const loaded = (await loadAutosave(storage, 'w'))!;
    expect(loaded.spans[0]!.segments.some((s) => s.label === 'Interrupted')).toBe(true);
  });

  it('stop() unsubscribes and cancels a pending save; flush() after stop() writes nothing', async () => {
    vi.useFakeTimers();
    const { storage, log } = faultyStorage(memoryStorage());
    const { tracker } = newSession();
    const subscribers = tracker.stats().subscribers;
    const autosave = createAutosave(tracker, { storage, key: 'w' });
    expect(tracker.stats().subscribers).toBe(subscribers + 1);
    tracker.startSpan({ key: 'a', label: 'A' });
    autosave.stop();
    autosave.stop();
    expect(tracker.stats().subscribers).toBe(subscribers);
    vi.advanceTimersByTime(5000);
    await autosave.flush();
    expect(log).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('writes a whole copy, then change entries of it; the newest state is loaded after each', async () => {
    const { storage, log } = faultyStorage(memoryStorage());
    const { tracker, clock } = newSession();
    const autosave = createAutosave(tracker, { storage, key: 'w' });
    for (const step of sessionSteps(tracker, clock).slice(0, 8)) {
      step();
      await autosave.flush();
      expect(contentOf(await loadAutosave(storage, 'w'))).toStrictEqual(contentOf(tracker.getSnapshot()));
    }
    expect(log[0]).toBe('set w:a');
    expect(log.filter((l) => /^set w:a\.\d+$/.test(l)).length).toBeGreaterThan(0);
    const entry = decodeChanges(storage.getItem('w:a.0'));
    expect(entry).toMatchObject({ n: 0 });
    // an entry holds what changed, not the session
    expect(entry!.changes.length).toBeLessThan(decodeSlot(storage.getItem('w:a'))!.document.length);
  });

  it('compacts: once the entries outgrow their copy, a whole copy goes to the other slot, with the next sequence number', async () => {
    const storage = memoryStorage();
    const { tracker, clock } = newSession();
    const autosave = createAutosave(tracker, { storage, key: 'w' });
    const seqs: string[] = [];
    for (const step of sessionSteps(tracker, clock)) {
      step();
      await autosave.flush();
      seqs.push(`a${decodeSlot(storage.getItem('w:a'))?.seq ?? '-'} b${decodeSlot(storage.getItem('w:b'))?.seq ?? '-'}`);
    }
    expect(seqs[0]).toBe('a0 b-');
    expect(seqs).toContain('a0 b1');
    expect(seqs).toContain('a2 b1');
    expect(contentOf(await loadAutosave(storage, 'w'))).toStrictEqual(contentOf(tracker.getSnapshot()));
  });

  it('a new session writes a whole copy first, over the older copy, continuing the sequence', async () => {
    const storage = memoryStorage();
    const first = newSession();
    const autosave = createAutosave(first.tracker, { storage, key: 'w' });
    for (const step of sessionSteps(first.tracker, first.clock).slice(0, 4)) {
      step();
      await autosave.flush();
    }
    const newestSlot = newerSeq(decodeSlot(storage.getItem('w:b'))?.seq ?? -1, decodeSlot(storage.getItem('w:a'))!.seq) ? 'w:b' : 'w:a';
    const olderSlot = newestSlot === 'w:a' ? 'w:b' : 'w:a';
    const newest = storage.getItem(newestSlot);
    const restored = ExecutionTracker.restore((await loadAutosave(storage, 'w'))!, { clock: createManualClock(at(100)) });
    await createAutosave(restored, { storage, key: 'w' }).flush();
    expect(storage.getItem(newestSlot)).toBe(newest);
    expect(decodeSlot(storage.getItem(olderSlot))!.seq).toBe(nextSeq(decodeSlot(newest)!.seq));
    expect(contentOf(await loadAutosave(storage, 'w'))).toStrictEqual(contentOf(restored.getSnapshot()));
  });
});

describe('autosave: failed and torn writes never cost the last good copy', () => {
  const modes: FaultMode[] = ['throw', 'tear'];
  for (const async of [false, true]) {
    for (const mode of modes) {
      it(`${async ? 'async' : 'sync'} storage that ${mode}s at write k, for every k`, async () => {
        for (let k = 1; k <= STEPS; k++) {
          const base = memoryStorage();
          const { storage } = faultyStorage(base, { failAt: k, mode, async });
          const { tracker, clock, errors, onError } = newSession();
          const autosave = createAutosave(tracker, { storage, key: 'w' });
          let lastGood: Saved | null = null;
          let failures = 0;
          for (const step of sessionSteps(tracker, clock)) {
            step();
            try {
              await autosave.flush();
              lastGood = contentOf(tracker.getSnapshot());
            } catch (error) {
              failures++;
              expect(error).toBeInstanceOf(TrackerError);
              expect((error as TrackerError).code).toBe('STORAGE_FAILED');
            }
            // whatever just happened, the newest good copy reads back whole
            expect(contentOf(await loadAutosave(storage, 'w'))).toStrictEqual(lastGood);
          }
          expect(failures).toBe(1);
          expect(errors.map((e) => e.code)).toEqual(['STORAGE_FAILED']);
          expect(onError.map((e) => e.code)).toEqual(['STORAGE_FAILED']);
          expect(errors[0]!.details.operation).toBe('setItem');
          expect(String(errors[0]!.details.key)).toMatch(/^w:[ab](\.\d+)?$/);
          // the state stays unsaved after a failure: the next flush (or change) saves everything
          await autosave.flush();
          expect(contentOf(await loadAutosave(storage, 'w'))).toStrictEqual(contentOf(tracker.getSnapshot()));
        }
      });
    }
  }

  it('a tab killed mid-write (torn copy, nobody told) at write k, for every k: the next load gets the copy before', async () => {
    for (let k = 1; k <= STEPS; k++) {
      const base = memoryStorage();
      const { storage } = faultyStorage(base, { failAt: k, mode: 'crash' });
      const { tracker, clock } = newSession();
      const autosave = createAutosave(tracker, { storage, key: 'w' });
      let lastGood: Saved | null = null;
      const steps = sessionSteps(tracker, clock);
      for (let i = 0; i < k; i++) {
        steps[i]!();
        if (i < k - 1) lastGood = contentOf(tracker.getSnapshot());
        await autosave.flush();
      }
      // the session dies here; the page reloads
      const loaded = await loadAutosave(base, 'w');
      expect(contentOf(loaded)).toStrictEqual(lastGood);
      if (loaded === null) continue;
      // the reloaded session's first write goes over the torn copy and can tear too: the good copy stays
      const restored = ExecutionTracker.restore(loaded, { clock: createManualClock(at(1000)) });
      const again = faultyStorage(base, { failAt: 1, mode: 'tear' });
      await expect(createAutosave(restored, { storage: again.storage, key: 'w' }).flush()).rejects.toMatchObject({
        code: 'STORAGE_FAILED',
      });
      expect(contentOf(await loadAutosave(base, 'w'))).toStrictEqual(lastGood);
    }
  });
});

describe('autosave: storages', () => {
  it('works with an async storage whose writes complete out of band, one write at a time, in order', async () => {
    const base = memoryStorage();
    const pending: (() => void)[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const storage: AutosaveStorage = {
      getItem: async (k) => base.getItem(k),
      removeItem: async (k) => base.removeItem(k),
      setItem: (k, v) =>
        new Promise<void>((resolve) => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          pending.push(() => {
            base.setItem(k, v);
            inFlight--;
            resolve();
          });
        }),
    };
    const { tracker, clock } = newSession();
    const autosave = createAutosave(tracker, { storage, key: 'w' });
    const steps = sessionSteps(tracker, clock);
    steps[0]!();
    const first = autosave.flush();
    await vi.waitFor(() => expect(pending).toHaveLength(1));
    steps[1]!();
    const second = autosave.flush();
    const third = autosave.flush();
    await Promise.resolve();
    expect(pending).toHaveLength(1);
    pending.shift()!();
    await first;
    await vi.waitFor(() => expect(pending).toHaveLength(1));
    pending.shift()!();
    await Promise.all([second, third]);
    expect(pending).toHaveLength(0);
    expect(maxInFlight).toBe(1);
    expect(contentOf(await loadAutosave(storage, 'w'))).toStrictEqual(contentOf(tracker.getSnapshot()));
  });

  it('a storage that cannot be read at start: STORAGE_FAILED, nothing overwritten, tried again later', async () => {
    const base = memoryStorage();
    let readable = false;
    const storage: AutosaveStorage = {
      getItem: (k) => {
        if (!readable) throw new Error('locked');
        return base.getItem(k);
      },
      setItem: (k, v) => base.setItem(k, v),
      removeItem: (k) => base.removeItem(k),
    };
    const { tracker, errors } = newSession();
    const autosave = createAutosave(tracker, { storage, key: 'w' });
    tracker.startSpan({ key: 'a', label: 'A' });
    await expect(autosave.flush()).rejects.toMatchObject({ code: 'STORAGE_FAILED', details: { operation: 'getItem' } });
    expect(errors).toHaveLength(1);
    expect(base.getItem('w:a')).toBeNull();
    readable = true;
    await autosave.flush();
    expect(decodeSlot(base.getItem('w:a'))).not.toBeNull();
  });
});

describe('loadAutosave', () => {
  const saveTwice = async () => {
    const storage = memoryStorage();
    const { tracker, clock } = newSession();
    const autosave = createAutosave(tracker, { storage, key: 'w' });
    const steps = sessionSteps(tracker, clock);
    steps[0]!();
    await autosave.flush();
    const older = contentOf(tracker.getSnapshot());
    steps[1]!();
    await autosave.flush();
    return { storage, older, newer: contentOf(tracker.getSnapshot()) };
  };

  it('null when nothing was saved, or nothing reads whole', async () => {
    const storage = memoryStorage();
    expect(await loadAutosave(storage, 'w')).toBeNull();
    storage.setItem('w:a', 'garbage');
    storage.setItem('w:b', serialize(createTracker()));
    expect(await loadAutosave(storage, 'w')).toBeNull();
  });

  it('the newest copy; the older one when the newest is damaged anywhere', async () => {
    const { storage, older, newer } = await saveTwice();
    expect(contentOf(await loadAutosave(storage, 'w'))).toStrictEqual(newer);
    const value = storage.getItem('w:b')!;
    for (const i of [5, value.indexOf('\n') + 10, value.length - 3]) {
      storage.setItem('w:b', value.slice(0, i) + (value[i] === '1' ? '2' : '1') + value.slice(i + 1));
      expect(contentOf(await loadAutosave(storage, 'w'))).toStrictEqual(older);
    }
    storage.setItem('w:b', value.slice(0, -1));
    expect(contentOf(await loadAutosave(storage, 'w'))).toStrictEqual(older);
  });

  it('a slot that cannot be read is skipped; when none reads, STORAGE_FAILED', async () => {
    const { storage: base, older } = await saveTwice();
    const failing = (bad: (k: string) => boolean): AutosaveStorage => ({
      getItem: (k) => {
        if (bad(k)) throw new Error('io');
        return base.getItem(k);
      },
      setItem: () => undefined,
      removeItem: () => undefined,
    });
    expect(
      contentOf(
        await loadAutosave(
          failing((k) => k === 'w:b'),
          'w',
        ),
      ),
    ).toStrictEqual(older);
    await expect(
      loadAutosave(
        failing(() => true),
        'w',
      ),
    ).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
  });

  it('clearAutosave removes every copy', async () => {
    const { storage } = await saveTwice();
    await clearAutosave(storage, 'w');
    expect(await loadAutosave(storage, 'w')).toBeNull();
  });

  it('bad arguments are TypeErrors', async () => {
    const { tracker } = newSession();
    const storage = memoryStorage();
    expect(() => createAutosave({} as never, { storage, key: 'w' })).toThrow(TypeError);
    expect(() => createAutosave(tracker, { storage: {} as never, key: 'w' })).toThrow(TypeError);
    expect(() => createAutosave(tracker, { storage, key: '' })).toThrow(TypeError);
    expect(() => createAutosave(tracker, { storage, key: 'w', throttleMs: -1 })).toThrow(TypeError);
    expect(() => createAutosave(tracker, { storage, key: 'w', throttleMs: Number.NaN })).toThrow(TypeError);
    await expect(loadAutosave(storage, '')).rejects.toThrow(TypeError);
  });
});
