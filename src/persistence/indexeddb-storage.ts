import { checkArguments, storageFailed, type AutosaveStorage } from './storage';

/**
 * A storage on IndexedDB, the browser database with the large quota: one object store of strings in
 * a database of its own. Written on the plain API (no wrapper library): the calls autosave makes are
 * three, and the plain API lets each failure be told apart and turned into STORAGE_FAILED, a full
 * disk (QuotaExceededError, raised when the transaction aborts) with a message that says what to do.
 *
 * Each write is its own transaction, which IndexedDB commits whole or not at all: a tab closed while
 * a write is in progress loses that write, never the values stored before it. Writes ask for strict
 * durability (flushed to disk before they count as done), so that what autosave counts as saved
 * survives a crash of the browser too.
 */

export interface IndexedDbStorageOptions {
  /** Database name (default `'workout-spans'`). */
  database?: string;
  /** Object store name (default `'autosave'`). */
  store?: string;
  /** The IndexedDB factory (default `globalThis.indexedDB`), for a worker's or a test's own. */
  factory?: IDBFactory;
}

/** The asynchronous storage `indexedDbStorage()` returns. */
export interface IndexedDbStorage extends AutosaveStorage {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
  /** Closes the connection (it opens again on the next call): lets another tab upgrade or delete the database. */
  close(): void;
}

type Operation = 'getItem' | 'setItem' | 'removeItem';

function name(value: unknown, fallback: string, what: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value.length === 0) throw new TypeError(`indexedDbStorage: ${what} must be a non-empty string`);
  return value;
}

/**
 * An autosave storage on IndexedDB. Throws a TypeError where there is no IndexedDB (Node, an old
 * browser) and no `factory` was given; every failure of a call (the database cannot be opened, the
 * quota is full, the browser refuses storage in a private window) rejects with STORAGE_FAILED.
 */
export function indexedDbStorage(options: IndexedDbStorageOptions = {}): IndexedDbStorage {
  const { database, store, factory } = checkArguments('indexedDbStorage', () => {
    if (options === null || typeof options !== 'object') throw new TypeError('indexedDbStorage: options must be an object');
    const database = name(options.database, 'workout-spans', 'database');
    const store = name(options.store, 'autosave', 'store');
    const factory = options.factory ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
    if (factory === undefined || factory === null || typeof factory.open !== 'function') {
      throw new TypeError('indexedDbStorage: there is no IndexedDB here; pass options.factory, or use webStorage or memoryStorage');
    }
    return { database, store, factory };
  });

  let connection: Promise<IDBDatabase> | null = null;

  const open = (): Promise<IDBDatabase> =>
    (connection ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(database, 1);
      request.onupgradeneeded = () => {
        if (!request.result.objectStoreNames.contains(store)) request.result.createObjectStore(store);
      };
      request.onsuccess = () => {
        const db = request.result;
        // Another tab wants a newer version or to delete the database: let it, and reopen on the next call.
        db.onversionchange = () => {
          db.close();
          connection = null;
        };
        db.onclose = () => {
          connection = null;
        };
        resolve(db);
      };
      request.onerror = () => reject(request.error ?? new Error(`cannot open database '${database}'`));
      request.onblocked = () => reject(new Error(`database '${database}' is held open at an older version by another tab`));
    }).catch((cause: unknown) => {
      connection = null;
      throw cause;
    }));

  /** One transaction: its request's result once the transaction completed, or the STORAGE_FAILED of its failure. */
  const run = <T>(
    operation: Operation,
    key: string,
    mode: IDBTransactionMode,
    act: (s: IDBObjectStore) => IDBRequest | undefined,
  ): Promise<T> =>
    open()
      .then(
        (db) =>
          new Promise<T>((resolve, reject) => {
            const tx = mode === 'readwrite' ? db.transaction(store, mode, { durability: 'strict' }) : db.transaction(store, mode);
            const request = act(tx.objectStore(store));
            tx.oncomplete = () => resolve((request === undefined ? undefined : request.result) as T);
            const failed = (): void => reject(tx.error ?? request?.error ?? new Error('transaction aborted'));
            tx.onabort = failed;
            tx.onerror = failed;
          }),
      )
      .catch((cause: unknown) => {
        throw storageFailed(operation, key, cause);
      });

  const checkedKey = (key: unknown, operation: Operation): string => {
    if (typeof key !== 'string') throw new TypeError(`indexedDbStorage.${operation}: key must be a string`);
    return key;
  };

  return {
    getItem: async (key) => {
      const k = checkedKey(key, 'getItem');
      const value = await run<unknown>('getItem', k, 'readonly', (s) => s.get(k));
      return typeof value === 'string' ? value : null;
    },
    setItem: async (key, value) => {
      const k = checkedKey(key, 'setItem');
      const v = String(value);
      await run<unknown>('setItem', k, 'readwrite', (s) => s.put(v, k));
    },
    removeItem: async (key) => {
      const k = checkedKey(key, 'removeItem');
      await run<unknown>('removeItem', k, 'readwrite', (s) => s.delete(k));
    },
    close: () => {
      const c = connection;
      connection = null;
      void c?.then(
        (db) => db.close(),
        () => undefined,
      );
    },
  };
}
