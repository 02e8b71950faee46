import { TrackerError } from 'workout-spans';
import type { TrackerLike, TrackerSnapshot } from 'workout-spans';
import { changesBetween, seriesState, type SavedState } from './changes';
import { decodeDocument, type SessionModel } from './decode-document';
import { parseSaved, readingErrors } from './deserialize';
import { encodeDocument } from './encode-document';
import { FORMAT, FORMAT_VERSION } from './format';
import { readModel } from './read-document';
import { guarded, isTrackerLike, serializeParts } from './serialize';
import { decodeChanges, decodeSlot, encodeChanges, encodeSlot, newerSeq, nextSeq, type SlotCopy } from './slots';
import { partsOf, type SnapshotParts } from './snapshot-parts';
import { checkArguments, hasStorageMethods, storageFailed, type AutosaveStorage } from './storage';

/**
 * Autosave with two copies and a change log. A whole copy (the base) goes to `key:a` or `key:b`;
 * each later save appends only what changed since the save before it (spans that changed, records
 * and samples added) as a change entry `key:a.0`, `key:a.1`, … of that copy. Once the entries
 * together outgrow the copy (or number 256), the next save writes a whole copy again, into the
 * other slot: compaction. So a save costs about what changed, and what is stored stays within a few
 * copies' size.
 *
 * The torn-write guarantee: nothing good is ever overwritten. A whole copy always goes into the slot
 * that does not hold the newest good copy; a change entry goes to a key of its own. Each value is
 * checked whole on reading (length and checksum), each entry names the copy it belongs to and its
 * place, and `loadAutosave` returns the newest state that reads whole: the newest copy that reads,
 * with its entries up to the first that does not.
 */

export interface AutosaveOptions {
  storage: AutosaveStorage;
  /** Copies are `key + ':a'` and `key + ':b'`, their change entries `key + ':a.0'`, …; `key` itself is reserved. */
  key: string;
  /** A change is saved at most this many ms later, and saves are at least this far apart (default 1000). */
  throttleMs?: number;
}

export interface Autosave {
  /**
   * Saves now if anything changed since the last good save (waiting for a write in progress first).
   * Resolves once it is stored; rejects with the STORAGE_FAILED TrackerError when it is not (which is
   * also reported as the tracker's `error`). With a synchronous storage (localStorage), the write
   * happens before `flush()` returns, so it is safe in `pagehide`/`beforeunload`.
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
/** At most this many change entries per copy: bounds what a load reads. */
const MAX_ENTRIES = 256;

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

function slotKey(key: string, slot: SlotName): string {
  return `${key}:${slot}`;
}

function entryKey(key: string, slot: SlotName, n: number): string {
  return `${key}:${slot}.${n}`;
}

function checkStorage(storage: unknown, where: string): asserts storage is AutosaveStorage {
  if (!hasStorageMethods(storage)) throw new TypeError(`${where}: storage must have getItem, setItem and removeItem`);
}

function checkKey(key: unknown, where: string): asserts key is string {
  if (typeof key !== 'string' || key.length === 0) throw new TypeError(`${where}: key must be a non-empty string`);
}

/** The raw value of a key, or the STORAGE_FAILED error of reading it. */
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

/** Writes a value; the STORAGE_FAILED error when the storage refuses it. */
function writeRaw(storage: AutosaveStorage, key: string, value: string): Maybe<TrackerError | undefined> {
  const failed = (cause: unknown): TrackerError => storageFailed('setItem', key, cause);
  let result: ReturnType<AutosaveStorage['setItem']>;
  try {
    result = storage.setItem(key, value);
  } catch (cause) {
    return failed(cause);
  }
  return isThenable(result) ? Promise.resolve(result).then(() => undefined, failed) : undefined;
}

/** The model of a copy's document; null when it does not read. */
function modelOf(copy: SlotCopy): { model: SessionModel; version: number } | null {
  try {
    const parsed = parseSaved(copy.document);
    return { model: decodeDocument(parsed.doc, parsed.fresh), version: parsed.version };
  } catch {
    return null;
  }
}

/** Applies a change entry to a model; false when it does not read (the model may then be half changed). */
function applyChanges(model: SessionModel, changes: string): boolean {
  try {
    const doc: unknown = JSON.parse(changes);
    if (doc === null || typeof doc !== 'object') return false;
    const o = doc as Record<string, unknown>;
    if (o.format !== FORMAT || o.version !== FORMAT_VERSION) return false;
    decodeDocument(o, true, model);
    return true;
  } catch {
    return false;
  }
}

/**
 * The newest state of a copy that reads whole: the copy with its first `k` change entries, for the
 * largest `k` that reads (entries that do not read, and those after them, are left out).
 */
function readChain(copy: SlotCopy, entries: readonly string[]): TrackerSnapshot | null {
  for (let k = entries.length; k >= 0; k--) {
    const base = modelOf(copy);
    if (base === null) return null;
    let applied = 0;
    while (applied < k && applyChanges(base.model, entries[applied]!)) applied++;
    if (applied < k) {
      k = applied + 1;
      continue;
    }
    try {
      return readingErrors(() => readModel(base.model, base.version));
    } catch {
      // this many entries do not read together: try fewer
    }
  }
  return null;
}

/** The change entries of a copy, in order, up to the first that is missing, torn or of another copy. */
async function readEntries(storage: AutosaveStorage, key: string, slot: SlotName, seq: number): Promise<string[]> {
  const out: string[] = [];
  for (let n = 0; n < MAX_ENTRIES; n++) {
    const read = await readRaw(storage, entryKey(key, slot, n));
    if (!read.ok) break;
    const entry = decodeChanges(read.value);
    if (entry === null || entry.baseSeq !== seq || entry.n !== n) break;
    out.push(entry.changes);
  }
  return out;
}

interface SlotState {
  copy: SlotCopy | null;
  error: TrackerError | undefined;
}

/** Both copies as stored (whole envelopes only), or the error of reading one. */
function readCopies(storage: AutosaveStorage, key: string): Maybe<Record<SlotName, SlotState>> {
  return then(all(SLOTS.map((slot) => readRaw(storage, slotKey(key, slot)))), (reads) => {
    const out = {} as Record<SlotName, SlotState>;
    reads.forEach((read, i) => {
      out[SLOTS[i]!] = read.ok ? { copy: decodeSlot(read.value), error: undefined } : { copy: null, error: read.error };
    });
    return out;
  });
}

/** Slots in the order to try them: the newer copy first. */
function newestFirst(copies: Record<SlotName, SlotState>): SlotName[] {
  const a = copies.a.copy;
  const b = copies.b.copy;
  if (a !== null && b !== null) return newerSeq(b.seq, a.seq) ? ['b', 'a'] : ['a', 'b'];
  return a !== null ? ['a', 'b'] : ['b', 'a'];
}

/**
 * Saves the tracker to `storage` after changes (throttled) and on `flush()`. A failed write is
 * reported as the tracker's `error` (code STORAGE_FAILED; onError is called too) and the state
 * stays unsaved: the next change or `flush()` tries again.
 */
export function createAutosave(tracker: TrackerLike, options: AutosaveOptions): Autosave {
  const { storage, key, throttleMs } = checkArguments('createAutosave', () => {
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
    return { storage, key, throttleMs };
  });

  /**
   * The slot of the newest good copy and its sequence number; null: none yet. Once this session wrote
   * it, `log` counts the change entries appended to it, their length and the copy's (null for a copy
   * found in the storage: nothing is appended to that one).
   */
  let newest: { slot: SlotName; seq: number; log: { entries: number; entryChars: number; copyChars: number } | null } | null = null;
  let slotsKnown = false;
  let inFlight: Promise<Outcome> | null = null;
  /** The snapshot whose state is stored (the tracker's snapshot is the same object until a change), and its parts. */
  let saved: TrackerSnapshot | null = null;
  let savedState: SavedState | null = null;
  let savedAt = -Infinity;
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

  /** Learns which slot holds the newest good copy, so that this session never overwrites it. */
  const readSlots = (): Maybe<Outcome> =>
    then(readCopies(storage, key), (copies) => {
      for (const slot of SLOTS) if (copies[slot].error !== undefined) return report(copies[slot].error!);
      for (const slot of newestFirst(copies)) {
        const copy = copies[slot].copy;
        // A copy counts as good only when it reads whole (every check), not when it merely decodes.
        if (copy !== null && readChain(copy, []) !== null) {
          newest = { slot, seq: copy.seq, log: null };
          break;
        }
      }
      slotsKnown = true;
      return undefined;
    });

  /** A whole copy, into the slot that does not hold the newest good one. */
  const writeCopy = (snapshot: TrackerSnapshot, parts: SnapshotParts, at: number): Maybe<Outcome> => {
    const document = serializeParts(parts, at);
    const slot: SlotName = newest === null ? 'a' : newest.slot === 'a' ? 'b' : 'a';
    const seq = newest === null ? 0 : nextSeq(newest.seq);
    // Until the write lands, this slot may hold half a copy: the newest good copy is the other one.
    return then(writeRaw(storage, slotKey(key, slot), encodeSlot(seq, document)), (error) => {
      if (error !== undefined) return report(error);
      newest = { slot, seq, log: { entries: 0, entryChars: 0, copyChars: document.length } };
      saved = snapshot;
      savedState = { spans: parts.spans, records: parts.records, series: seriesState(parts.series) };
      savedAt = at;
      return undefined;
    });
  };

  /** What changed since the last save, as the next change entry of this session's copy; a whole copy when that is due. */
  const write = (): Maybe<Outcome> => {
    const snapshot = tracker.getSnapshot();
    const at = Math.max(tracker.now(), savedAt);
    const copy = newest;
    const log = copy?.log ?? null;
    if (copy === null || log === null || savedState === null || log.entries >= MAX_ENTRIES)
      return writeCopy(snapshot, partsOf(snapshot), at);
    const changed = changesBetween(savedState, { spans: snapshot.spans, records: snapshot.metrics, samples: snapshot.samples }, at);
    if (changed === null) return writeCopy(snapshot, partsOf(snapshot), at);
    const { input, state } = changed;
    const changes = JSON.stringify(encodeDocument(input));
    // Compaction: once the entries would outgrow the copy, a whole copy costs no more than they do.
    if (log.entryChars + changes.length > log.copyChars) return writeCopy(snapshot, partsOf(snapshot), at);
    return then(writeRaw(storage, entryKey(key, copy.slot, log.entries), encodeChanges(copy.seq, log.entries, changes)), (error) => {
      if (error !== undefined) return report(error);
      log.entries++;
      log.entryChars += changes.length;
      saved = snapshot;
      savedState = state;
      savedAt = input.savedAt;
      return undefined;
    });
  };

  /** A write whose document could not be made (a session over the engine's string limit) is a failed save too. */
  const guardedWrite = (): Maybe<Outcome> => {
    try {
      return guarded(write);
    } catch (cause) {
      const error =
        cause instanceof TrackerError && cause.code === 'STORAGE_FAILED'
          ? cause
          : storageFailed('setItem', key, cause instanceof TrackerError ? cause : new Error(String(cause), { cause }));
      return report(error);
    }
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
    if (!slotsKnown) return track(then(readSlots(), (error) => (error !== undefined ? error : dirty() ? guardedWrite() : undefined)));
    return dirty() ? track(guardedWrite()) : undefined;
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

  const unsubscribe = checkArguments('createAutosave', () => tracker.subscribe(schedule));
  // A tracker that already holds a session (a restored one) is saved soon, like after a change. One
  // whose snapshot cannot be read now is tried soon too: the save reports what goes wrong.
  let holdsSession = true;
  try {
    holdsSession = dirty();
  } catch {
    // reported by the save
  }
  if (holdsSession) schedule();

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
        return Promise.reject(cause instanceof TrackerError ? cause : report(storageFailed('setItem', key, cause)));
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
 * The newest autosaved state that reads whole, even when the latest write was torn; `null` when there
 * is none. Rejects with STORAGE_FAILED only when a copy could not be read at all and no other copy
 * reads whole; with a TypeError for a storage or key that is not one.
 */
export async function loadAutosave(storage: AutosaveStorage, key: string): Promise<TrackerSnapshot | null> {
  checkArguments('loadAutosave', () => {
    checkStorage(storage, 'loadAutosave');
    checkKey(key, 'loadAutosave');
  });
  const copies = await readCopies(storage, key);
  for (const slot of newestFirst(copies)) {
    const copy = copies[slot].copy;
    if (copy === null) continue;
    const snapshot = readChain(copy, await readEntries(storage, key, slot, copy.seq));
    if (snapshot !== null) return snapshot;
  }
  const error = copies.a.error ?? copies.b.error;
  if (error !== undefined) throw error;
  return null;
}

/** Removes every copy and change entry autosave wrote under `key` (for a workout that is over). */
export async function clearAutosave(storage: AutosaveStorage, key: string): Promise<void> {
  checkArguments('clearAutosave', () => {
    checkStorage(storage, 'clearAutosave');
    checkKey(key, 'clearAutosave');
  });
  const remove = async (k: string): Promise<void> => {
    try {
      await storage.removeItem(k);
    } catch (cause) {
      throw storageFailed('removeItem', k, cause);
    }
  };
  for (const slot of SLOTS) {
    // Entries are written from 0 up without gaps: remove them until one is missing.
    for (let n = 0; n < MAX_ENTRIES; n++) {
      const k = entryKey(key, slot, n);
      const read = await readRaw(storage, k);
      if (!read.ok) throw read.error;
      if (read.value === null || read.value === undefined) break;
      await remove(k);
    }
    await remove(slotKey(key, slot));
  }
  await remove(key);
}
