import { describe, expect, it } from 'vitest';
import { createManualClock, createTracker, TrackerError } from 'workout-spans';
import {
  clearAutosave,
  createAutosave,
  deserialize,
  indexedDbStorage,
  loadAutosave,
  memoryStorage,
  serialize,
  webStorage,
} from 'workout-spans/persistence';
import { samplesView } from '../../src/model/samples-view';

/**
 * Every public function of the persistence entry is total: hostile arguments (throwing getters,
 * Proxies, wrong types) give a TrackerError with a code, or a TypeError for a programming error,
 * never a raw error, a crash or a hang.
 */

const boom = (): never => {
  throw new Error('hostile');
};
const trap = new Proxy({}, { get: boom, has: boom, ownKeys: boom, getPrototypeOf: boom, getOwnPropertyDescriptor: boom });
const getter = (name: string): object => Object.defineProperty({}, name, { get: boom, enumerable: true });

/** The error a call throws or rejects with. */
async function failure(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (e) {
    return e;
  }
  return undefined;
}

const typed = (e: unknown): boolean => e instanceof TypeError || (e instanceof TrackerError && typeof e.code === 'string');

describe('persistence: hostile arguments', () => {
  const storage = memoryStorage();
  const tracker = createTracker({ clock: createManualClock(1) });
  const cases: [string, () => unknown][] = [
    ['serialize(Proxy)', () => serialize(trap as never)],
    ['serialize({ spans: getter })', () => serialize(getter('spans') as never)],
    ['serialize(42)', () => serialize(42 as never)],
    ['deserialize(Proxy)', () => deserialize(trap as never)],
    ['deserialize(undefined)', () => deserialize(undefined as never)],
    ['createAutosave(Proxy, …)', () => createAutosave(trap as never, { storage, key: 'k' })],
    ['createAutosave(tracker, Proxy)', () => createAutosave(tracker, trap as never)],
    ['createAutosave(tracker, { storage: getter })', () => createAutosave(tracker, getter('storage') as never)],
    ['createAutosave(tracker, { storage: Proxy })', () => createAutosave(tracker, { storage: trap as never, key: 'k' })],
    ['loadAutosave(Proxy, k)', () => loadAutosave(trap as never, 'k')],
    ['loadAutosave(storage, Proxy)', () => loadAutosave(storage, trap as never)],
    ['clearAutosave(Proxy, k)', () => clearAutosave(trap as never, 'k')],
    ['webStorage(Proxy)', () => webStorage(trap as never)],
    ['indexedDbStorage(Proxy)', () => indexedDbStorage(trap as never)],
    ['indexedDbStorage({ database: getter })', () => indexedDbStorage(getter('database') as never)],
    ['samplesView(Proxy)', () => samplesView(trap as never)],
    ['samplesView([getter])', () => samplesView([getter('root')] as never)],
  ];
  it.each(cases)('%s: a TypeError or a TrackerError', async (_name, call) => {
    const e = await failure(call);
    expect(e).toBeDefined();
    expect(typed(e)).toBe(true);
  });

  it('a storage whose methods throw or return nonsense: loadAutosave is null or STORAGE_FAILED, never a raw error', async () => {
    const odd = { getItem: () => 42, setItem: boom, removeItem: boom };
    expect(await loadAutosave(odd as never, 'k')).toBeNull();
    const throwing = { getItem: boom, setItem: boom, removeItem: boom };
    expect(await failure(() => loadAutosave(throwing as never, 'k'))).toMatchObject({ code: 'STORAGE_FAILED' });
    expect(await failure(() => clearAutosave(throwing as never, 'k'))).toMatchObject({ code: 'STORAGE_FAILED' });
    const t = createTracker({ clock: createManualClock(1) });
    t.startSpan({ key: 'a', label: 'A' });
    const errors: TrackerError[] = [];
    t.on('error', (e) => errors.push(e));
    expect(await failure(() => createAutosave(t, { storage: throwing as never, key: 'k' }).flush())).toMatchObject({
      code: 'STORAGE_FAILED',
    });
    expect(errors.map((e) => e.code)).toEqual(['STORAGE_FAILED']);
  });
});
