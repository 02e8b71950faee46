import { TrackerError } from 'workout-spans';
import type { TrackerLike, TrackerSnapshot } from 'workout-spans';
import { deserialize } from './deserialize';
import { guarded, isTrackerLike, serializeParts } from './serialize';
import { partsOf } from './snapshot-parts';
import { decodeSlot, encodeSlot } from './slots';
import { storageFailed, type AutosaveStorage } from './storage';

/**
 * Autosave (API.md §11) with two slots, `key + ':a'` and `key + ':b'`. Each holds a whole copy:
 * a sequence number, the document's length and checksum, then the document. A save always
 * overwrites the slot that does not hold the newest good copy, so a write that fails or tears
 * half-way (quota, crash, tab killed) can only damage the older copy: the newest good one is never
 * at risk. `loadAutosave` reads both and returns the newest copy that reads whole.
 */

export interface AutosaveOptions {
  storage: AutosaveStorage;
  /** Slots are `key + ':a'` and `key + ':b'`; `key` itself is reserved. */
  key: string;
  /** A change is saved at most this many ms later, and saves are at least this far apart (default 1000). */
  throttleMs?: number;
}

export interface Autosave {
  /**
   * Saves now if anything changed since the last good save (waiting for a write in progress first).
   * Resolves once the copy is stored; rejects with the STORAGE_FAILED TrackerError when it is not
   * (which is also reported as the tracker's `error`). With a synchronous storage (localStorage),
   * the write happens before `flush()` returns, so it is safe in `pagehide`/`beforeunload`.
   */
  flush(): Promise<void>;
  /** Unsubscribes and cancels a pending save (call `flush()` first to keep it). Idempotent. */
  stop(): void;
}

type Maybe<T> = T | PromiseLike<T>;
type Outcome = TrackerError | undefined;
type RawRead = { ok: true; value: unknown } | { ok: false; error: TrackerError };

const SLOTS = ['a', 'b'] as const;
type SlotName = (typeof SLOTS)[number];
const MAX_TIMEOUT = 2 ** 31 - 1;

function isThenable<T>(value: Maybe<T>): value is PromiseLike<T> {
  return (
    value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function'
  );
}

/** `f(value)` now when the value is at hand, after it when it is a promise. */
function then<T, U>(value: Maybe<T>, f: (v: T) => Maybe<U>): Maybe<U> {
  return isThenable(value) ? Promise.resolve(value).then(f) : f(value);
}

function all<T>(values: Maybe<T>[]): Maybe<T[]> {
  return values.some(isThenable) ? Promise.all(values) : (values as T[]);
}

export function slotKey(key: string, slot: SlotName): string {
  return `${key}:${slot}`;
}

function checkStorage(storage: unknown, where: string): asserts storage is AutosaveStorage {
  const s = storage as AutosaveStorage | null;
  if (
    s === null ||
    typeof s !== 'object' ||
    typeof s.getItem !== 'function' ||
    typeof s.setItem !== 'function' ||
    typeof s.removeItem !== 'function'
  ) {
    throw new TypeError(`${where}: storage must have getItem, setItem and removeItem`);
  }
}

function checkKey(key: unknown, where: string): asserts key is string {
  if (typeof key !== 'string' || key.length === 0) throw new TypeError(`${where}: key must be a non-empty string`);
}

/** The raw value of a slot, or the STORAGE_FAILED error of reading it. */
function readRaw(storage: AutosaveStorage, key: string): Maybe<RawRead> {
  const failed = (cause: unknown): RawRead => ({ ok: false, error: storageFailed('getItem', key, cause) });
  let got: ReturnType<AutosaveStorage['getItem']>;
  try {
    got = storage.getItem(key);
  } catch (cause) {
    return failed(cause);
  }
  if (isThenable(got)) return Promise.resolve(got).then((value): RawRead => ({ ok: true, value }), failed);
  return { ok: true, value: got };
}

/** The slot's copy when it reads whole: envelope intact and document valid. */
function wholeCopy(value: unknown): { seq: number; snapshot: TrackerSnapshot } | null {
  const copy = decodeSlot(value);
  if (copy === null) return null;
  try {
    return { seq: copy.seq, snapshot: deserialize(copy.document) };
  } catch {
    return null;
  }
}

/**
 * Saves the tracker to `storage` after changes (throttled) and on `flush()` (API.md §11).
 * A failed write is reported as the tracker's `error` (code STORAGE_FAILED; onError is called too)
 * and the state stays unsaved: the next change or `flush()` tries again.
 */
export function createAutosave(tracker: TrackerLike, options: AutosaveOptions): Autosave {
  if (!isTrackerLike(tracker) || typeof tracker.subscribe !== 'function' || typeof tracker.reportError !== 'function') {
    throw new TypeError('createAutosave: expected an ExecutionTracker');
  }
  if (options === null || typeof options !== 'object') throw new TypeError('createAutosave: expected options { storage, key }');
  const { storage, key, throttleMs = 1000 } = options;
  checkStorage(storage, 'createAutosave');
  checkKey(key, 'createAutosave');
  if (typeof throttleMs !== 'number' || !Number.isFinite(throttleMs) || throttleMs < 0 || throttleMs > MAX_TIMEOUT) {
    throw new TypeError(`createAutosave: throttleMs must be a finite number from 0 to ${MAX_TIMEOUT}`);
  }

  /** Sequence number of the good copy in each slot; -1 when it holds none we can count on. */
  const seqs: Record<SlotName, number> = { a: -1, b: -1 };
  let slotsKnown = false;
  let inFlight: Promise<Outcome> | null = null;
  /** The snapshot whose copy is stored (the tracker's snapshot is the same object until a change). */
  let saved: TrackerSnapshot | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const report = (error: TrackerError): TrackerError => {
    tracker.reportError(error);
    return error;
  };

  const dirty = (): boolean => {
    const snapshot = tracker.getSnapshot();
    if (snapshot === saved) return false;
    // An empty tracker is not worth a save until something happened.
    return saved !== null || snapshot.spans.length > 0 || snapshot.metrics.length > 0;
  };

  /** Learns which slot holds what, so that this session never overwrites the newest good copy. */
  const readSlots = (): Maybe<Outcome> =>
    then(all(SLOTS.map((slot) => readRaw(storage, slotKey(key, slot)))), (reads) => {
      for (const read of reads) if (!read.ok) return report(read.error);
      reads.forEach((read, i) => {
        seqs[SLOTS[i]!] = read.ok ? (wholeCopy(read.value)?.seq ?? -1) : -1;
      });
      slotsKnown = true;
      return undefined;
    });

  const write = (): Maybe<Outcome> => {
    const snapshot = tracker.getSnapshot();
    const document = guarded(() => serializeParts(partsOf(snapshot), tracker.now()));
    const slot: SlotName = seqs.a <= seqs.b ? 'a' : 'b';
    const seq = Math.max(seqs.a, seqs.b) + 1;
    const target = slotKey(key, slot);
    // Until the write lands, this slot may hold half a copy: never count on it.
    seqs[slot] = -1;
    const done = (): Outcome => {
      seqs[slot] = seq;
      saved = snapshot;
      return undefined;
    };
    const failed = (cause: unknown): Outcome => report(storageFailed('setItem', target, cause));
    let result: ReturnType<AutosaveStorage['setItem']>;
    try {
      result = storage.setItem(target, encodeSlot(seq, document));
    } catch (cause) {
      return failed(cause);
    }
    return isThenable(result) ? Promise.resolve(result).then(done, failed) : done();
  };

  /** Keeps async work in order: one storage operation sequence at a time. */
  const track = (work: Maybe<Outcome>): Maybe<Outcome> => {
    if (!isThenable(work)) return work;
    const p: Promise<Outcome> = Promise.resolve(work).finally(() => {
      if (inFlight === p) inFlight = null;
    });
    inFlight = p;
    return p;
  };

  const save = (): Maybe<Outcome> => {
    if (inFlight !== null) return inFlight.then(save);
    if (!slotsKnown) return track(then(readSlots(), (error) => (error !== undefined ? error : dirty() ? write() : undefined)));
    return dirty() ? track(write()) : undefined;
  };

  /** A save nobody awaits (the throttle timer): failures are already reported. */
  const saveInBackground = (): void => {
    try {
      const r = save();
      if (isThenable(r)) Promise.resolve(r).catch((cause: unknown) => report(storageFailed('setItem', key, cause)));
    } catch (cause) {
      report(storageFailed('setItem', key, cause));
    }
  };

  const schedule = (): void => {
    if (stopped || timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      if (!stopped) saveInBackground();
    }, throttleMs);
  };

  const unsubscribe = tracker.subscribe(schedule);
  // A tracker that already holds a session (a restored one) is saved soon, like after a change.
  if (dirty()) schedule();

  return {
    flush(): Promise<void> {
      if (timer !== undefined) {
        clearTimeout(timer);
        timer = undefined;
      }
      if (stopped) return Promise.resolve();
      let outcome: Maybe<Outcome>;
      try {
        outcome = save();
      } catch (cause) {
        return Promise.reject(cause);
      }
      return Promise.resolve(outcome).then((error) => {
        if (error !== undefined) throw error;
      });
    },
    stop(): void {
      if (stopped) return;
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      unsubscribe();
    },
  };
}

/**
 * The newest autosaved copy that reads whole (API.md §11), even when the latest write was torn;
 * `null` when there is none. Rejects with STORAGE_FAILED only when a slot could not be read at all
 * and no other copy reads whole.
 */
export async function loadAutosave(storage: AutosaveStorage, key: string): Promise<TrackerSnapshot | null> {
  checkStorage(storage, 'loadAutosave');
  checkKey(key, 'loadAutosave');
  const copies: { seq: number; document: string }[] = [];
  let readError: TrackerError | undefined;
  for (const slot of SLOTS) {
    const read = await readRaw(storage, slotKey(key, slot));
    if (!read.ok) {
      readError ??= read.error;
      continue;
    }
    const copy = decodeSlot(read.value);
    if (copy !== null) copies.push(copy);
  }
  copies.sort((x, y) => y.seq - x.seq);
  for (const copy of copies) {
    try {
      return deserialize(copy.document);
    } catch (error) {
      if (!(error instanceof TrackerError)) throw error;
    }
  }
  if (readError !== undefined) throw readError;
  return null;
}

/** Removes every copy autosave wrote under `key` (for a workout that is over). */
export async function clearAutosave(storage: AutosaveStorage, key: string): Promise<void> {
  checkStorage(storage, 'clearAutosave');
  checkKey(key, 'clearAutosave');
  for (const k of [slotKey(key, 'a'), slotKey(key, 'b'), key]) {
    try {
      await storage.removeItem(k);
    } catch (cause) {
      throw storageFailed('removeItem', k, cause);
    }
  }
}
