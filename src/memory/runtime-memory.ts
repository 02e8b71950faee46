import { nanoid } from 'nanoid';
import { enablePatches, freeze, produceWithPatches, type Draft, type Patch } from 'immer';
import { handlerFailed, type TrackerError } from '../errors/tracker-error';
import { flatten } from '../model/ids';

export type Visibility = 'public' | 'private';

export interface MemoryReference {
  id: string;
  type: string;
  ownerId: string;
  visibility: Visibility;
  spanId?: string;
}

/** A reference that remembers the type of the value it points at (compile time only). */
export interface TypedMemoryReference<T> extends MemoryReference {
  readonly __type?: T;
}

export interface MemoryChange {
  kind: 'allocate' | 'set' | 'release';
  type: string;
  ref: MemoryReference;
  previous?: unknown;
  value?: unknown;
  /** immer patches, on changes made through `update`. */
  patches?: Patch[];
}

export interface SearchCriteria {
  id?: string | null;
  type?: string | null;
  ownerId?: string | null;
  visibility?: Visibility | null;
  spanId?: string | null;
}

export interface RuntimeMemoryOptions {
  /** Where a throwing listener is reported (code HANDLER_FAILED). */
  onError?: (error: TrackerError) => void;
}

/** A value computed on read: lets the tracker keep a private working copy and freeze on demand. */
export interface LazyValue {
  materialize(): unknown;
}

interface Entry {
  ref: MemoryReference;
  value: unknown;
  lazy: LazyValue | undefined;
}

/** Package-internal door: the tracker allocates with its own ids and lazily built values. */
export const memoryInternals = Symbol('workout-spans.memory');

export interface MemoryInternals {
  allocateLazy(id: string, type: string, ownerId: string, spanId: string, lazy: LazyValue): MemoryReference;
  allocateFrozen(id: string, type: string, ownerId: string, spanId: string, value: unknown): MemoryReference;
  /** Tells listeners that a lazy entry changed (materializes it only when someone listens). */
  touch(ref: MemoryReference): void;
  releaseOwned(ref: { id: string }): boolean;
  setCurrentSpanId(spanId: string | null): void;
  hasListeners(): boolean;
}

let patchesEnabled = false;

function addTo(index: Map<string, Set<Entry>>, key: string, entry: Entry): void {
  let set = index.get(key);
  if (set === undefined) index.set(key, (set = new Set()));
  set.add(entry);
}

function removeFrom(index: Map<string, Set<Entry>>, key: string, entry: Entry): void {
  const set = index.get(key);
  if (set === undefined) return;
  set.delete(entry);
  if (set.size === 0) index.delete(key);
}

/**
 * Where spans and records live (API.md §6): typed references to frozen values, indexed by id,
 * type, owner, span and visibility, so a search costs what it matches, not what is stored.
 */
export class RuntimeMemory {
  readonly #entries = new Map<string, Entry>();
  readonly #byType = new Map<string, Set<Entry>>();
  readonly #byOwner = new Map<string, Set<Entry>>();
  readonly #bySpan = new Map<string, Set<Entry>>();
  /** Only public entries are indexed: private is the rest, and the common case. */
  readonly #public = new Set<Entry>();
  #listeners: ((change: MemoryChange) => void)[] = [];
  #currentSpanId: string | null = null;
  readonly #onError: ((error: TrackerError) => void) | undefined;

  constructor(options: RuntimeMemoryOptions = {}) {
    this.#onError = options.onError;
  }

  /** Stores a deeply frozen value and returns its reference. */
  allocate<T>(type: string, ownerId: string, initialValue: T, visibility: Visibility = 'private'): TypedMemoryReference<T> {
    return this.#allocate(type, ownerId, initialValue, visibility, undefined);
  }

  /** Like `allocate`; scope `'span'` tags the reference with the current span id. */
  allocateScoped<T>(type: string, ownerId: string, initialValue: T, scope: 'block' | 'span'): TypedMemoryReference<T> {
    if (scope !== 'block' && scope !== 'span') throw new TypeError(`allocateScoped: unknown scope '${String(scope)}'`);
    const spanId = scope === 'span' ? (this.#currentSpanId ?? undefined) : undefined;
    return this.#allocate(type, ownerId, initialValue, 'private', spanId);
  }

  /** The current value, or null when the reference is unknown or released. */
  get<T>(ref: TypedMemoryReference<T> | MemoryReference): T | null {
    const entry = this.#entries.get(ref.id);
    if (entry === undefined) return null;
    if (entry.lazy !== undefined) entry.value = entry.lazy.materialize();
    return entry.value as T;
  }

  /** Replaces the value (frozen). */
  set<T>(ref: TypedMemoryReference<T> | MemoryReference, value: T): void {
    const entry = this.#writable(ref, 'set');
    const previous = entry.value;
    entry.value = freeze(value, true);
    this.#notify({ kind: 'set', type: entry.ref.type, ref: entry.ref, previous, value: entry.value });
  }

  /** Changes the value through an immer recipe: a new frozen value sharing what did not change. */
  update<T>(ref: TypedMemoryReference<T> | MemoryReference, recipe: (draft: Draft<T>) => void | T | Draft<T>): T {
    const entry = this.#writable(ref, 'update');
    if (!patchesEnabled) {
      enablePatches();
      patchesEnabled = true;
    }
    const previous = entry.value as T;
    const [next, patches] = produceWithPatches(previous, recipe as never) as unknown as [T, Patch[]];
    entry.value = freeze(next, true);
    this.#notify({ kind: 'set', type: entry.ref.type, ref: entry.ref, previous, value: entry.value, patches });
    return entry.value as T;
  }

  /** References matching every given criterion (null or missing = any), in allocation order. */
  search(criteria: SearchCriteria = {}): MemoryReference[] {
    const { id, type, ownerId, visibility, spanId } = criteria;
    let candidates: Iterable<Entry>;
    if (id != null) {
      const entry = this.#entries.get(id);
      candidates = entry === undefined ? [] : [entry];
    } else {
      let smallest: Set<Entry> | undefined;
      const consider = (set: Set<Entry> | undefined): void => {
        const s = set ?? new Set<Entry>();
        if (smallest === undefined || s.size < smallest.size) smallest = s;
      };
      if (type != null) consider(this.#byType.get(type));
      if (ownerId != null) consider(this.#byOwner.get(ownerId));
      if (spanId != null) consider(this.#bySpan.get(spanId));
      if (visibility === 'public') consider(this.#public);
      candidates = smallest ?? this.#entries.values();
    }
    const out: MemoryReference[] = [];
    for (const { ref } of candidates) {
      if (type != null && ref.type !== type) continue;
      if (ownerId != null && ref.ownerId !== ownerId) continue;
      if (spanId != null && ref.spanId !== spanId) continue;
      if (visibility != null && ref.visibility !== visibility) continue;
      out.push(ref);
    }
    return out;
  }

  /** Every reference tagged with that span (the span's own entry and its records, for the tracker). */
  searchBySpan(spanId: string): MemoryReference[] {
    const set = this.#bySpan.get(spanId);
    return set === undefined ? [] : Array.from(set, (e) => e.ref);
  }

  /** The span the tracker's context is in, or null. */
  getCurrentSpanId(): string | null {
    return this.#currentSpanId;
  }

  /** Removes the entry; returns false when it was not there. */
  release(ref: MemoryReference): boolean {
    const entry = this.#entries.get(ref.id);
    if (entry === undefined) return false;
    if (entry.lazy !== undefined) throw new TypeError(`RuntimeMemory.release: '${ref.id}' is owned by the tracker`);
    return this.#release(entry);
  }

  /** One change per call, in order. A listener that throws is reported and the others still run. */
  subscribe(listener: (change: MemoryChange) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('RuntimeMemory.subscribe: the listener must be a function');
    this.#listeners = [...this.#listeners, listener];
    let on = true;
    return () => {
      if (!on) return;
      on = false;
      this.#listeners = this.#listeners.filter((l) => l !== listener);
    };
  }

  /** Number of entries held. */
  get size(): number {
    return this.#entries.size;
  }

  /** Number of memory listeners (for leak checks). */
  get listenerCount(): number {
    return this.#listeners.length;
  }

  [memoryInternals]: MemoryInternals = {
    allocateLazy: (id, type, ownerId, spanId, lazy) => this.#insert({ id, type, ownerId, visibility: 'private', spanId }, undefined, lazy),
    allocateFrozen: (id, type, ownerId, spanId, value) => this.#insert({ id, type, ownerId, visibility: 'private', spanId }, value, undefined),
    touch: (ref) => {
      if (this.#listeners.length === 0) return;
      const entry = this.#entries.get(ref.id);
      if (entry === undefined || entry.lazy === undefined) return;
      const previous = entry.value;
      entry.value = entry.lazy.materialize();
      if (entry.value !== previous) this.#notify({ kind: 'set', type: entry.ref.type, ref: entry.ref, previous, value: entry.value });
    },
    releaseOwned: (ref) => {
      const entry = this.#entries.get(ref.id);
      return entry === undefined ? false : this.#release(entry);
    },
    setCurrentSpanId: (spanId) => {
      this.#currentSpanId = spanId;
    },
    hasListeners: () => this.#listeners.length > 0,
  };

  #allocate<T>(type: string, ownerId: string, value: T, visibility: Visibility, spanId: string | undefined): TypedMemoryReference<T> {
    if (typeof type !== 'string' || type.length === 0) throw new TypeError('RuntimeMemory: type must be a non-empty string');
    if (typeof ownerId !== 'string') throw new TypeError('RuntimeMemory: ownerId must be a string');
    if (visibility !== 'public' && visibility !== 'private') throw new TypeError(`RuntimeMemory: unknown visibility '${String(visibility)}'`);
    const ref: MemoryReference = { id: flatten(nanoid()), type, ownerId, visibility };
    if (spanId !== undefined) ref.spanId = spanId;
    return this.#insert(ref, freeze(value, true), undefined);
  }

  #insert(ref: MemoryReference, value: unknown, lazy: LazyValue | undefined): MemoryReference {
    if (ref.spanId === undefined) delete ref.spanId;
    Object.freeze(ref);
    const entry: Entry = { ref, value, lazy };
    this.#entries.set(ref.id, entry);
    addTo(this.#byType, ref.type, entry);
    addTo(this.#byOwner, ref.ownerId, entry);
    if (ref.spanId !== undefined) addTo(this.#bySpan, ref.spanId, entry);
    if (ref.visibility === 'public') this.#public.add(entry);
    if (this.#listeners.length > 0) {
      this.#notify({ kind: 'allocate', type: ref.type, ref, value: lazy === undefined ? value : (entry.value = lazy.materialize()) });
    }
    return ref;
  }

  #writable(ref: MemoryReference, verb: string): Entry {
    const entry = this.#entries.get(ref?.id);
    if (entry === undefined) throw new RangeError(`RuntimeMemory.${verb}: no entry '${String(ref?.id)}' (never allocated or released)`);
    if (entry.lazy !== undefined) throw new TypeError(`RuntimeMemory.${verb}: '${ref.id}' is owned by the tracker (one writer)`);
    return entry;
  }

  #release(entry: Entry): boolean {
    const { ref } = entry;
    this.#entries.delete(ref.id);
    removeFrom(this.#byType, ref.type, entry);
    removeFrom(this.#byOwner, ref.ownerId, entry);
    if (ref.spanId !== undefined) removeFrom(this.#bySpan, ref.spanId, entry);
    if (ref.visibility === 'public') this.#public.delete(entry);
    if (this.#listeners.length > 0) {
      const previous = entry.lazy === undefined ? entry.value : entry.lazy.materialize();
      this.#notify({ kind: 'release', type: ref.type, ref, previous });
    }
    return true;
  }

  #notify(change: MemoryChange): void {
    for (const listener of this.#listeners) {
      try {
        listener(change);
      } catch (cause) {
        this.#onError?.(handlerFailed('memory listener', cause));
      }
    }
  }
}
