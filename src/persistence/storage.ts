import { TrackerError } from 'workout-spans';

/**
 * Where autosave writes: `localStorage`-shaped, each method sync or async
 * (AsyncStorage, IndexedDB wrappers, a server). A method that throws or rejects is a failed call.
 */
export interface AutosaveStorage {
  getItem(key: string): string | null | undefined | PromiseLike<string | null | undefined>;
  setItem(key: string, value: string): void | PromiseLike<void>;
  removeItem(key: string): void | PromiseLike<void>;
}

/** What `webStorage` wraps: a DOM `Storage` (`localStorage`, `sessionStorage`) or anything shaped so. */
export interface DomStorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The synchronous storage `memoryStorage()` returns. */
export interface MemoryStorage extends AutosaveStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** A synchronous storage in memory: for tests, for Node, and for runtimes with nowhere else to write. */
export function memoryStorage(): MemoryStorage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(String(key)) ?? null,
    setItem: (key, value) => void items.set(String(key), String(value)),
    removeItem: (key) => void items.delete(String(key)),
  };
}

/** Whether `value` is an object with `getItem`, `setItem` and `removeItem` methods (reading them may throw). */
export function hasStorageMethods(value: unknown): boolean {
  const s = value as AutosaveStorage | null;
  return (
    s !== null &&
    typeof s === 'object' &&
    typeof s.getItem === 'function' &&
    typeof s.setItem === 'function' &&
    typeof s.removeItem === 'function'
  );
}

/**
 * Runs the argument checks of a public function: a TypeError or TrackerError passes as it is; an
 * argument that throws when read (a getter, a Proxy) is a TypeError too, never a raw error.
 */
export function checkArguments<T>(where: string, check: () => T): T {
  try {
    return check();
  } catch (cause) {
    if (cause instanceof TypeError || cause instanceof TrackerError) throw cause;
    throw new TypeError(`${where}: an argument could not be read (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
  }
}

/** DOMException names and codes browsers use for a full storage. */
function isQuotaError(cause: unknown): boolean {
  if (cause === null || typeof cause !== 'object') return false;
  const { name, code } = cause as { name?: unknown; code?: unknown };
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014;
}

/**
 * Wraps a DOM `Storage` for autosave. Whatever it throws (a full quota, storage disabled by the
 * browser's privacy settings) becomes a TrackerError STORAGE_FAILED with `details.operation`,
 * `details.key`, `details.quotaExceeded` and `details.cause`.
 */
export function webStorage(storage: DomStorageLike): AutosaveStorage {
  checkArguments('webStorage', () => {
    if (!hasStorageMethods(storage)) throw new TypeError('webStorage: expected a DOM Storage (getItem, setItem, removeItem)');
  });
  const guard = <T>(operation: 'getItem' | 'setItem' | 'removeItem', key: string, call: () => T): T => {
    try {
      return call();
    } catch (cause) {
      throw storageFailed(operation, key, cause);
    }
  };
  return {
    getItem: (key) => guard('getItem', key, () => storage.getItem(key)),
    setItem: (key, value) => guard('setItem', key, () => storage.setItem(key, value)),
    removeItem: (key) => guard('removeItem', key, () => storage.removeItem(key)),
  };
}

/** What to do about a full storage, said in the error's message. */
const QUOTA_HELP =
  'the browser refused to store more for this site; free space (clearAutosave for workouts that are over, other data of the site), ' +
  'archive ended spans with maxCompletedSpans, or save to IndexedDB (indexedDbStorage), whose quota is far larger than localStorage’s';

/** A failed storage call as STORAGE_FAILED (kept as it is when it already is one). */
export function storageFailed(operation: 'getItem' | 'setItem' | 'removeItem', key: string, cause: unknown): TrackerError {
  if (cause instanceof TrackerError && cause.code === 'STORAGE_FAILED') return cause;
  const quotaExceeded = isQuotaError(cause);
  const why = cause instanceof Error ? cause.message : String(cause);
  const help = quotaExceeded ? ` (quota exceeded: ${QUOTA_HELP})` : '';
  return new TrackerError('STORAGE_FAILED', `storage ${operation}('${key}') failed${help}: ${why}`, {
    operation,
    key,
    quotaExceeded,
    cause,
  });
}
