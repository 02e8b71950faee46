import type { Patch } from 'immer';
import { Registrations } from '../events/registrations';
import { handlerFailed, type TrackerError } from '../errors/tracker-error';
import { deepFreeze } from '../model/freeze';
import { newId } from '../model/ids';
import type { TrackedRecord, TrackedSource, TrackedSpan } from './tracked';

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
  /** immer patches, on changes made through `updateWithImmer` (`workout-spans/runtime`). */
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

interface Entry {
  ref: MemoryReference;
  value: unknown;
}

/** Each memory's door for the tracker (kept out of the class, so that no published type shows it). */
const doors = new WeakMap<RuntimeMemory, MemoryInternals>();

/** Package-internal door: the tracker shows its spans and records through the memory. */
export function memoryDoor(memory: RuntimeMemory): MemoryInternals {
  const door = doors.get(memory);
  if (door === undefined) throw new TypeError('expected a RuntimeMemory');
  return door;
}

export interface MemoryInternals {
  /** Shows a tracker's spans and records (see `TrackedSource`); the memory copies nothing. */
  attach(source: TrackedSource): void;
  detach(source: TrackedSource): void;
  /** Listeners hear of a span or record the tracker added (nothing is built when nobody listens). */
  spanAdded(source: TrackedSource, span: TrackedSpan): void;
  recordAdded(source: TrackedSource, record: TrackedRecord): void;
  /** Listeners hear of the span's new value; `final`: it will not change again (ended). */
  spanChanged(source: TrackedSource, span: TrackedSpan, final: boolean): void;
  /** Listeners hear of the release of a span the tracker dropped (archived), and of its records. */
  spanReleased(source: TrackedSource, span: TrackedSpan): void;
  setCurrentSpanId(spanId: string | null): void;
  hasListeners(): boolean;
  /**
   * The same door, but listeners hear of the changes made through it when `deliver` runs the task
   * (the tracker's outbox): after the tracker's call has finished changing state, never halfway.
   */
  withDelivery(deliver: Deliver): MemoryInternals;
}

/** Runs a notification now or later (the tracker queues it in its outbox). */
type Deliver = (task: () => void) => void;

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
 * Where spans and records live: typed references to frozen values. The tracker's spans and records
 * are found through the tracker's own indexes (by id, span and block); entries a runtime allocates
 * are indexed here by id, type, owner, span and visibility. Either way a search costs what it
 * matches, not what is stored.
 */
export class RuntimeMemory {
  readonly #entries = new Map<string, Entry>();
  readonly #byType = new Map<string, Set<Entry>>();
  readonly #byOwner = new Map<string, Set<Entry>>();
  readonly #bySpan = new Map<string, Set<Entry>>();
  /** Only public entries are indexed: private is the rest, and the common case. */
  readonly #public = new Set<Entry>();
  readonly #listeners = new Registrations<(change: MemoryChange) => void>();
  #currentSpanId: string | null = null;
  /** Trackers whose spans and records this memory shows (usually one). */
  #sources: TrackedSource[] = [];
  /** The value listeners last heard of, per tracked span that may still change (for `previous`). */
  readonly #announced = new Map<string, unknown>();
  readonly #onError: ((error: TrackerError) => void) | undefined;

  constructor(options: RuntimeMemoryOptions = {}) {
    this.#onError = options?.onError;
    doors.set(this, this.#door(undefined));
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
    if (entry !== undefined) return entry.value as T;
    const tracked = this.#tracked(ref.id);
    if (tracked === undefined) return null;
    return (tracked.span !== undefined ? tracked.span.materialize() : tracked.record) as T;
  }

  /**
   * Replaces the value (frozen). `patches`: immer patches describing the change, handed to
   * listeners with it (`updateWithImmer` in `workout-spans/runtime` passes them).
   */
  set<T>(ref: TypedMemoryReference<T> | MemoryReference, value: T, options?: { patches?: Patch[] }): void {
    const entry = this.#writable(ref, 'set');
    const previous = entry.value;
    entry.value = deepFreeze(value);
    const change: MemoryChange = { kind: 'set', type: entry.ref.type, ref: entry.ref, previous, value: entry.value };
    if (options?.patches !== undefined) change.patches = options.patches;
    this.#notify(change);
  }

  /**
   * Replaces the value with `updater(current)` (frozen) and returns it. For drafts and patches,
   * `updateWithImmer(memory, ref, recipe)` from `workout-spans/runtime` does the same through immer.
   */
  update<T>(ref: TypedMemoryReference<T> | MemoryReference, updater: (current: T) => T): T {
    const entry = this.#writable(ref, 'update');
    if (typeof updater !== 'function') throw new TypeError('RuntimeMemory.update: the updater must be a function');
    const next = updater(entry.value as T);
    this.set(ref, next);
    return entry.value as T;
  }

  /**
   * References matching every given criterion (null or missing = any): the tracker's spans (in
   * start order) and records (in record order) first, then other entries in allocation order.
   */
  search(criteria: SearchCriteria = {}): MemoryReference[] {
    const { id, type, ownerId, visibility, spanId } = criteria ?? {};
    const out: MemoryReference[] = [];
    const keep = (ref: MemoryReference): void => {
      if (type != null && ref.type !== type) return;
      if (ownerId != null && ref.ownerId !== ownerId) return;
      if (spanId != null && ref.spanId !== spanId) return;
      if (visibility != null && ref.visibility !== visibility) return;
      out.push(ref);
    };
    if (visibility !== 'public') {
      for (const source of this.#sources) for (const ref of trackedCandidates(source, criteria ?? {})) keep(ref);
    }
    let candidates: Iterable<Entry>;
    if (id != null) {
      const entry = this.#entries.get(id);
      candidates = entry === undefined ? [] : [entry];
    } else {
      // The smallest index that applies: every other criterion is checked on its members.
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
    for (const { ref } of candidates) keep(ref);
    return out;
  }

  /** Every reference tagged with that span: the span's own entry and its records first, then others. */
  searchBySpan(spanId: string): MemoryReference[] {
    return this.search({ spanId });
  }

  /** The span the tracker's context is in, or null. */
  getCurrentSpanId(): string | null {
    return this.#currentSpanId;
  }

  /** Removes the entry; returns false when it was not there. */
  release(ref: MemoryReference): boolean {
    const entry = this.#entries.get(ref.id);
    if (entry === undefined) {
      if (this.#tracked(ref.id) !== undefined) throw new TypeError(`RuntimeMemory.release: '${ref.id}' is owned by the tracker`);
      return false;
    }
    return this.#release(entry);
  }

  /** One change per call, in order. A listener that throws is reported and the others still run. */
  subscribe(listener: (change: MemoryChange) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('RuntimeMemory.subscribe: the listener must be a function');
    return this.#listeners.add(listener);
  }

  /** Number of entries held. */
  get size(): number {
    let n = this.#entries.size;
    for (const source of this.#sources) n += source.spanCount + source.recordCount;
    return n;
  }

  /** Number of memory listeners (for leak checks). */
  get listenerCount(): number {
    return this.#listeners.size;
  }

  #door(deliver: Deliver | undefined): MemoryInternals {
    return {
      attach: (source) => {
        if (!this.#sources.includes(source)) this.#sources = [...this.#sources, source];
      },
      detach: (source) => {
        this.#sources = this.#sources.filter((s) => s !== source);
        for (const span of source.spans()) this.#announced.delete(span.id);
      },
      spanAdded: (source, span) => {
        if (this.#listeners.size === 0) return;
        const value = span.materialize();
        this.#announced.set(span.id, value);
        this.#notify({ kind: 'allocate', type: source.spanType, ref: spanRef(source, span), value }, deliver);
      },
      recordAdded: (source, record) => {
        if (this.#listeners.size === 0) return;
        this.#notify(
          { kind: 'allocate', type: source.recordType, ref: recordRef(source, record.id, record.spanId), value: record },
          deliver,
        );
      },
      spanChanged: (source, span, final) => {
        if (this.#listeners.size === 0) {
          if (this.#announced.size > 0) this.#announced.delete(span.id);
          return;
        }
        const previous = this.#announced.get(span.id);
        const value = span.materialize();
        if (final) this.#announced.delete(span.id);
        else this.#announced.set(span.id, value);
        if (value !== previous) this.#notify({ kind: 'set', type: source.spanType, ref: spanRef(source, span), previous, value }, deliver);
      },
      spanReleased: (source, span) => {
        if (this.#announced.size > 0) this.#announced.delete(span.id);
        if (this.#listeners.size === 0) return;
        this.#notify({ kind: 'release', type: source.spanType, ref: spanRef(source, span), previous: span.materialize() }, deliver);
        for (let k = 0; k < span.recordCount; k++) {
          const record = span.recordAt(k)!;
          this.#notify({ kind: 'release', type: source.recordType, ref: recordRef(source, record.id, span.id), previous: record }, deliver);
        }
      },
      setCurrentSpanId: (spanId) => {
        this.#currentSpanId = spanId;
      },
      hasListeners: () => this.#listeners.size > 0,
      withDelivery: (next) => this.#door(next),
    };
  }

  /** A span or record of an attached tracker, by id. */
  #tracked(id: unknown): { span: TrackedSpan; record?: undefined } | { span?: undefined; record: TrackedRecord } | undefined {
    if (typeof id !== 'string') return undefined;
    for (const source of this.#sources) {
      const span = source.span(id);
      if (span !== undefined) return { span };
      const record = source.record(id);
      if (record !== undefined) return { record };
    }
    return undefined;
  }

  #allocate<T>(type: string, ownerId: string, value: T, visibility: Visibility, spanId: string | undefined): TypedMemoryReference<T> {
    if (typeof type !== 'string' || type.length === 0) throw new TypeError('RuntimeMemory: type must be a non-empty string');
    if (typeof ownerId !== 'string') throw new TypeError('RuntimeMemory: ownerId must be a string');
    if (visibility !== 'public' && visibility !== 'private')
      throw new TypeError(`RuntimeMemory: unknown visibility '${String(visibility)}'`);
    const ref: MemoryReference = { id: newId(), type, ownerId, visibility };
    if (spanId !== undefined) ref.spanId = spanId;
    return this.#insert(ref, deepFreeze(value));
  }

  #insert(ref: MemoryReference, value: unknown): MemoryReference {
    if (ref.spanId === undefined) delete ref.spanId;
    Object.freeze(ref);
    const entry: Entry = { ref, value };
    this.#entries.set(ref.id, entry);
    addTo(this.#byType, ref.type, entry);
    addTo(this.#byOwner, ref.ownerId, entry);
    if (ref.spanId !== undefined) addTo(this.#bySpan, ref.spanId, entry);
    if (ref.visibility === 'public') this.#public.add(entry);
    if (this.#listeners.size > 0) {
      this.#notify({ kind: 'allocate', type: ref.type, ref, value });
    }
    return ref;
  }

  #writable(ref: MemoryReference, verb: string): Entry {
    const entry = this.#entries.get(ref?.id);
    if (entry !== undefined) return entry;
    if (this.#tracked(ref?.id) !== undefined)
      throw new TypeError(`RuntimeMemory.${verb}: '${ref.id}' is owned by the tracker (one writer)`);
    throw new RangeError(`RuntimeMemory.${verb}: no entry '${String(ref?.id)}' (never allocated or released)`);
  }

  #release(entry: Entry): boolean {
    const { ref } = entry;
    this.#entries.delete(ref.id);
    removeFrom(this.#byType, ref.type, entry);
    removeFrom(this.#byOwner, ref.ownerId, entry);
    if (ref.spanId !== undefined) removeFrom(this.#bySpan, ref.spanId, entry);
    if (ref.visibility === 'public') this.#public.delete(entry);
    if (this.#listeners.size > 0) this.#notify({ kind: 'release', type: ref.type, ref, previous: entry.value });
    return true;
  }

  /** The change is described now; listeners hear of it now, or when `deliver` runs the task. */
  #notify(change: MemoryChange, deliver?: Deliver): void {
    if (deliver !== undefined) deliver(() => this.#notify(change));
    else this.#notifyNow(change);
  }

  #notifyNow(change: MemoryChange): void {
    this.#listeners.forEach((listener) => {
      try {
        listener(change);
      } catch (cause) {
        this.#onError?.(handlerFailed('memory listener', cause));
      }
    });
  }
}

function spanRef(source: TrackedSource, span: TrackedSpan): MemoryReference {
  return Object.freeze({ id: span.id, type: source.spanType, ownerId: span.blockId, visibility: 'private', spanId: span.id });
}

function recordRef(source: TrackedSource, id: string, spanId: string): MemoryReference {
  return Object.freeze({ id, type: source.recordType, ownerId: spanId, visibility: 'private', spanId });
}

/** References of the span's records, without building the records. */
function* recordRefsOf(source: TrackedSource, span: TrackedSpan): Generator<MemoryReference> {
  for (let k = 0; k < span.recordCount; k++) yield recordRef(source, span.recordId(k), span.id);
}

/**
 * References of a tracker's entries that may match: found through the tracker's own indexes (by id,
 * span, owner or type), so that the cost follows the matches. The caller checks every criterion.
 */
function* trackedCandidates(source: TrackedSource, criteria: SearchCriteria): Generator<MemoryReference> {
  const { id, type, ownerId, spanId } = criteria;
  const spans = type == null || type === source.spanType;
  const records = type == null || type === source.recordType;
  if (!spans && !records) return;
  if (id != null) {
    const span = spans ? source.span(id) : undefined;
    if (span !== undefined) yield spanRef(source, span);
    const record = records && span === undefined ? source.record(id) : undefined;
    if (record !== undefined) yield recordRef(source, record.id, record.spanId);
    return;
  }
  if (spanId != null || (ownerId != null && !spans)) {
    // Every tracked entry of a span carries its id; records are owned by their span.
    const span = source.span(spanId ?? ownerId!);
    if (span === undefined) return;
    if (spans) yield spanRef(source, span);
    if (records) yield* recordRefsOf(source, span);
    return;
  }
  if (ownerId != null) {
    // Spans are owned by their block, records by their span.
    for (const span of source.spansOfBlock(ownerId)) yield spanRef(source, span);
    const owner = records ? source.span(ownerId) : undefined;
    if (owner !== undefined) yield* recordRefsOf(source, owner);
    return;
  }
  if (spans) for (const span of source.spans()) yield spanRef(source, span);
  if (records) for (const span of source.spans()) yield* recordRefsOf(source, span);
}
