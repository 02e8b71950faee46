import { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import { createManualClock, createTracker, TrackerError } from 'workout-spans';
import { createAutosave, loadAutosave, memoryStorage, webStorage, type DomStorageLike } from 'workout-spans/persistence';
import { T0, thrown } from './support';

const window = new Window();
afterAll(() => window.happyDOM.close());

/** happy-dom's Storage, fresh for each test. */
function domStorage(): Storage {
  const storage = window.localStorage as unknown as Storage;
  storage.clear();
  return storage;
}

/** A real DOM Storage with a quota: setItem throws a QuotaExceededError DOMException past `limit` characters. */
function withQuota(storage: Storage, limit: number): DomStorageLike {
  const used = (): number => {
    let n = 0;
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i)!;
      n += key.length + storage.getItem(key)!.length;
    }
    return n;
  };
  return {
    getItem: (key) => storage.getItem(key),
    removeItem: (key) => storage.removeItem(key),
    setItem: (key, value) => {
      const old = storage.getItem(key);
      const after = used() - (old === null ? 0 : key.length + old.length) + key.length + value.length;
      if (after > limit)
        throw new window.DOMException(`Failed to execute 'setItem' on 'Storage': exceeded the quota`, 'QuotaExceededError');
      storage.setItem(key, value);
    },
  };
}

function session() {
  const clock = createManualClock(T0);
  const tracker = createTracker({ clock });
  const errors: TrackerError[] = [];
  tracker.on('error', (e) => errors.push(e));
  tracker.startSpan({ key: 'amrap', label: 'AMRAP 20', blockType: 'amrap' });
  return { clock, tracker, errors };
}

describe('memoryStorage', () => {
  it('gets, sets and removes strings, each storage on its own', () => {
    const a = memoryStorage();
    const b = memoryStorage();
    expect(a.getItem('k')).toBeNull();
    a.setItem('k', 'v');
    expect(a.getItem('k')).toBe('v');
    expect(b.getItem('k')).toBeNull();
    a.setItem('n', 12 as unknown as string);
    expect(a.getItem('n')).toBe('12');
    a.removeItem('k');
    expect(a.getItem('k')).toBeNull();
  });
});

describe('webStorage over a DOM Storage (happy-dom)', () => {
  it('passes calls through to the Storage', () => {
    const dom = domStorage();
    const storage = webStorage(dom);
    storage.setItem('k', 'v');
    expect(dom.getItem('k')).toBe('v');
    expect(storage.getItem('k')).toBe('v');
    storage.removeItem('k');
    expect(dom.getItem('k')).toBeNull();
  });

  it('an autosaved session reads back whole from localStorage, in the slots key:a and key:b', async () => {
    const dom = domStorage();
    const { tracker, clock } = session();
    const autosave = createAutosave(tracker, { storage: webStorage(dom), key: 'workout' });
    await autosave.flush();
    clock.advance(30_000);
    tracker.recordMetric('amrap', 'reps', 5, 'reps');
    await autosave.flush();
    expect([dom.key(0), dom.key(1)].sort()).toEqual(['workout:a', 'workout:b']);
    const loaded = (await loadAutosave(webStorage(dom), 'workout'))!;
    expect(loaded.spans).toStrictEqual(tracker.getSnapshot().spans);
    expect(loaded.metrics).toStrictEqual(tracker.getSnapshot().metrics);
    autosave.stop();
  });

  it('a quota error becomes STORAGE_FAILED with quotaExceeded', () => {
    const storage = webStorage(withQuota(domStorage(), 100));
    storage.setItem('small', 'x');
    let error: unknown;
    try {
      storage.setItem('big', 'x'.repeat(200));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TrackerError);
    expect(error).toMatchObject({ code: 'STORAGE_FAILED', details: { operation: 'setItem', key: 'big', quotaExceeded: true } });
    expect(((error as TrackerError).details.cause as Error).name).toBe('QuotaExceededError');
    expect(storage.getItem('small')).toBe('x');
  });

  it('autosave into a full storage: STORAGE_FAILED (quotaExceeded) as an error event, and the last copy that fit stays', async () => {
    const dom = domStorage();
    const storage = webStorage(withQuota(dom, 8_000));
    const { tracker, clock, errors } = session();
    const autosave = createAutosave(tracker, { storage, key: 'w' });
    let lastFit: ReturnType<typeof tracker.getSnapshot> | undefined;
    let failed = 0;
    for (let i = 1; i <= 80 && failed < 3; i++) {
      clock.advance(10_000);
      tracker.recordMetric('amrap', 'heartRate', 120 + (i % 40), 'bpm');
      try {
        await autosave.flush();
        lastFit = tracker.getSnapshot();
      } catch (e) {
        failed++;
        expect(e).toMatchObject({ code: 'STORAGE_FAILED', details: { quotaExceeded: true } });
      }
    }
    expect(failed).toBe(3);
    expect(errors.map((e) => e.code)).toEqual(['STORAGE_FAILED', 'STORAGE_FAILED', 'STORAGE_FAILED']);
    expect(errors[0]!.details.quotaExceeded).toBe(true);
    const loaded = (await loadAutosave(storage, 'w'))!;
    expect(loaded.metrics).toStrictEqual(lastFit!.metrics);
    expect(loaded.metrics.length).toBeGreaterThan(5);
  });

  it('other failures (storage disabled) are STORAGE_FAILED too; quota errors are recognised by name or code', () => {
    const denied = (name: string): DomStorageLike => ({
      getItem: () => {
        throw new window.DOMException('The operation is insecure.', name);
      },
      setItem: () => {
        throw new DOMException('full', name);
      },
      removeItem: () => undefined,
    });
    expect(() => webStorage(denied('SecurityError')).getItem('k')).toThrow(
      expect.objectContaining({ code: 'STORAGE_FAILED', details: expect.objectContaining({ operation: 'getItem', quotaExceeded: false }) }),
    );
    // Node's own DOMException (code 22) and Firefox's name
    for (const name of ['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']) {
      expect(thrown(() => webStorage(denied(name)).setItem('k', 'v')).details.quotaExceeded).toBe(true);
    }
  });

  it('refuses what is not a Storage', () => {
    expect(() => webStorage({} as never)).toThrow(TypeError);
    expect(() => webStorage(null as never)).toThrow(TypeError);
  });
});
