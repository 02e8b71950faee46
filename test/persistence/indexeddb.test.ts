import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createManualClock, createTracker, TrackerError } from 'workout-spans';
import { clearAutosave, createAutosave, indexedDbStorage, loadAutosave } from 'workout-spans/persistence';
import { T0 } from './support';

/** The IndexedDB storage on fake-indexeddb (an in-memory IndexedDB for Node); Chromium's own is in test/e2e. */

afterEach(() => {
  vi.restoreAllMocks();
});

describe('indexedDbStorage', () => {
  it('stores, reads and removes strings; a missing key is null', async () => {
    const storage = indexedDbStorage({ factory: new IDBFactory() });
    expect(await storage.getItem('k')).toBeNull();
    await storage.setItem('k', 'value');
    expect(await storage.getItem('k')).toBe('value');
    await storage.setItem('k', 'other');
    expect(await storage.getItem('k')).toBe('other');
    await storage.removeItem('k');
    expect(await storage.getItem('k')).toBeNull();
    storage.close();
    // reopens on the next call
    await storage.setItem('k', 'again');
    expect(await storage.getItem('k')).toBe('again');
  });

  it('keeps what it stored across connections (another page of the same site)', async () => {
    const factory = new IDBFactory();
    const first = indexedDbStorage({ factory, database: 'db', store: 's' });
    await first.setItem('k', 'kept');
    first.close();
    expect(await indexedDbStorage({ factory, database: 'db', store: 's' }).getItem('k')).toBe('kept');
  });

  it('autosave on it: saves, change entries, loads the newest state, clears', async () => {
    const storage = indexedDbStorage({ factory: new IDBFactory() });
    const clock = createManualClock(T0);
    const tracker = createTracker({ clock });
    const autosave = createAutosave(tracker, { storage, key: 'session' });
    tracker.startSpan({ key: 'w', label: 'Workout' });
    for (let i = 0; i < 10; i++) {
      clock.advance(1000);
      tracker.recordMetric('w', 'reps', i, 'reps');
      await autosave.flush();
      expect((await loadAutosave(storage, 'session'))!.metrics).toStrictEqual(tracker.getSnapshot().metrics);
    }
    expect(await storage.getItem('session:a.0')).not.toBeNull();
    await clearAutosave(storage, 'session');
    expect(await loadAutosave(storage, 'session')).toBeNull();
    expect(await storage.getItem('session:a.0')).toBeNull();
  });

  it('a full quota is STORAGE_FAILED with quotaExceeded and a message that says what to do', async () => {
    const storage = indexedDbStorage({ factory: new IDBFactory() });
    await storage.setItem('small', 'x');
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const error = await storage.setItem('big', 'x'.repeat(100)).then(
      () => null,
      (e: unknown) => e as TrackerError,
    );
    expect(error).toBeInstanceOf(TrackerError);
    expect(error).toMatchObject({ code: 'STORAGE_FAILED', details: { operation: 'setItem', key: 'big', quotaExceeded: true } });
    expect(error!.message).toMatch(/free space|clearAutosave/);
    vi.restoreAllMocks();
    expect(await storage.getItem('small')).toBe('x');
  });

  it('a database that cannot be opened: every call rejects with STORAGE_FAILED, and a later call tries again', async () => {
    const factory = new IDBFactory();
    const open = vi.spyOn(factory, 'open').mockImplementationOnce(() => {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    });
    const storage = indexedDbStorage({ factory });
    await expect(storage.getItem('k')).rejects.toMatchObject({
      code: 'STORAGE_FAILED',
      details: { operation: 'getItem', quotaExceeded: false },
    });
    expect(await storage.getItem('k')).toBeNull();
    expect(open).toHaveBeenCalledTimes(2);
  });

  it('bad arguments are TypeErrors: no IndexedDB, bad names, a key that is not a string', async () => {
    expect(() => indexedDbStorage({ factory: undefined, database: '' })).toThrow(TypeError);
    expect(() => indexedDbStorage(null as never)).toThrow(TypeError);
    expect(() => indexedDbStorage({ factory: {} as IDBFactory })).toThrow(TypeError);
    const g = globalThis as { indexedDB?: unknown };
    const had = g.indexedDB;
    delete g.indexedDB;
    try {
      expect(() => indexedDbStorage()).toThrow(/no IndexedDB/);
    } finally {
      if (had !== undefined) g.indexedDB = had;
    }
    const storage = indexedDbStorage({ factory: new IDBFactory() });
    await expect(storage.getItem(5 as never)).rejects.toThrow(TypeError);
  });
});
