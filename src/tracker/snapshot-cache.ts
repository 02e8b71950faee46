import type { ExecutionSpan, MetricRecord, SamplesView, TrackerSnapshot } from '../model/types';
import type { SpanState } from './span-state';

/** A frozen span overwritten in the working list, kept for the snapshots issued before. */
interface Undo {
  position: number;
  old: ExecutionSpan | undefined;
  next: Undo | null;
  /** Entries written up to this one (0: the sentinel). */
  count: number;
}

/**
 * One generation of working lists: every span held (in start order) with the frozen record last
 * handed out for it while active (none once ended: an ended span is read from its own compact
 * state), and every record (in record order) as its span and its place there. Appended to, and
 * patched in place with an undo log; replaced by a compacted generation once archived entries are
 * half of it. A generation that was replaced is never written again, so older snapshots still read it.
 */
class Generation {
  readonly states: SpanState[] = [];
  readonly spans: (ExecutionSpan | undefined)[] = [];
  /** Per record: its span, and its place among that span's records. */
  readonly owners: SpanState[] = [];
  readonly places: number[] = [];
  releasedSpans = 0;
  releasedRecords = 0;
  /** The last undo entry written (a sentinel at first). */
  tail: Undo = { position: -1, old: undefined, next: null, count: 0 };
}

/** The list of spans built last, and the snapshot it was built for. */
interface LastSpans {
  gen: Generation;
  version: number;
  count: number;
  /** The undo log's end when that snapshot was issued. */
  from: Undo;
  list: WeakRef<ExecutionSpan[]>;
}

/** Changes after which the last list of spans is no longer patched but built again (its undo log is let go). */
const MAX_PATCH = 256;

/** Lazily built, shared by every snapshot issued while it holds: `completed` (or `metrics`). */
interface Shared<T> {
  value: T[] | null;
  /** A snapshot holds it: a change needs a new one. */
  issued: boolean;
}

/**
 * Builds `TrackerSnapshot`s where the cost follows what changed, not what is held : `getSnapshot()` rebuilds the frozen records of the spans touched since the last one and
 * the list of active spans; the lists of all spans, of records and of ended spans are built when a
 * snapshot's field is first read, as they were when it was issued, and reused while they hold
 * (`completed` until a span ends, `metrics` until a record is added).
 */
export class SnapshotCache {
  #gen = new Generation();
  /** Spans changed since the last snapshot (each once: `state.dirty`). */
  #dirty: SpanState[] = [];
  #snapshot: TrackerSnapshot | null = null;
  #completed: Shared<ExecutionSpan> = { value: null, issued: false };
  #metrics: Shared<MetricRecord> = { value: null, issued: false };
  #version = 0;
  /** The last list of spans built, held weakly: the next one copies it and rebuilds what changed. */
  #lastSpans: LastSpans | null = null;

  get version(): number {
    return this.#version;
  }

  spanAdded(state: SpanState): void {
    const gen = this.#gen;
    state.position = gen.states.length;
    gen.states.push(state);
    gen.spans.push(undefined);
    if (state.status !== 'active') this.#completedChanged();
    this.spanChanged(state);
  }

  spanChanged(state: SpanState): void {
    if (!state.dirty) {
      state.dirty = true;
      this.#dirty.push(state);
    }
    this.#invalidate();
  }

  spanEnded(state: SpanState): void {
    this.#completedChanged();
    this.spanChanged(state);
  }

  /** `place`: the record's place among its span's records. */
  recordAdded(state: SpanState, place: number): void {
    this.#gen.owners.push(state);
    this.#gen.places.push(place);
    this.#metricsChanged();
    this.#invalidate();
  }

  /** The span and its records were archived: snapshots issued from now on leave them out. */
  spanRemoved(state: SpanState): void {
    state.releasedVersion = this.#invalidate();
    const gen = this.#gen;
    gen.releasedSpans++;
    const records = state.recordCount;
    gen.releasedRecords += records;
    if (records > 0) this.#metricsChanged();
    this.#completedChanged();
    if (gen.releasedSpans * 2 > gen.states.length || gen.releasedRecords * 2 > gen.owners.length) this.#compact();
  }

  /**
   * Same object until the next change. `activeStates`: the active spans, in start order; `samples`:
   * the samples as they are now (a snapshot shows those present when it was taken).
   */
  get(activeStates: Iterable<SpanState>, samples: () => SamplesView): TrackerSnapshot {
    if (this.#snapshot !== null) return this.#snapshot;
    const gen = this.#gen;
    for (const state of this.#dirty) {
      state.dirty = false;
      if (state.released) continue;
      // An ended span is not held here: snapshots read it from its compact state.
      const span = state.sealed ? undefined : state.materialize();
      const old = gen.spans[state.position];
      if (old === span) continue;
      if (old !== undefined) {
        gen.tail = gen.tail.next = { position: state.position, old, next: null, count: gen.tail.count + 1 };
      }
      gen.spans[state.position] = span;
    }
    this.#dirty = [];
    // The undo log since the last list built is held for the next one: not for too many changes.
    const last = this.#lastSpans;
    if (last !== null && (last.gen !== gen || gen.tail.count - last.from.count > MAX_PATCH)) this.#lastSpans = null;
    const active: ExecutionSpan[] = [];
    for (const state of activeStates) active.push(gen.spans[state.position]!);
    const version = this.#version;
    const spanCount = gen.states.length;
    const recordCount = gen.owners.length;
    const completed = this.#completed;
    const metrics = this.#metrics;
    completed.issued = true;
    metrics.issued = true;
    let from: Undo | null = gen.tail;
    let spans: ExecutionSpan[] | undefined;
    const spansAsIssued = (): ExecutionSpan[] => {
      if (spans === undefined) {
        spans = this.#spansOf(gen, spanCount, version, from!);
        from = null; // the undo log written since is no longer needed by this snapshot
      }
      return spans;
    };
    this.#snapshot = Object.freeze({
      version,
      get spans(): ExecutionSpan[] {
        return spansAsIssued();
      },
      get metrics(): MetricRecord[] {
        return (metrics.value ??= recordsOf(gen, recordCount, version));
      },
      active: Object.freeze(active) as ExecutionSpan[],
      samples: samples(),
      get completed(): ExecutionSpan[] {
        return (completed.value ??= endedOf(spansAsIssued()));
      },
    });
    return this.#snapshot;
  }

  /**
   * The spans of a snapshot issued at `version`, when the generation held `count` of them and its
   * undo log ended at `from`: the frozen records of the spans then active, ended spans read from
   * their compact state. When the list built last is still held (a reader holds its snapshot) and
   * is older, it is copied and only the spans that changed since are read again.
   */
  #spansOf(gen: Generation, count: number, version: number, from: Undo): ExecutionSpan[] {
    // Values at this snapshot's version of spans replaced since it was issued (the earliest wins).
    const since = new Map<number, ExecutionSpan | undefined>();
    for (let u = from.next; u !== null; u = u.next) if (u.position < count && !since.has(u.position)) since.set(u.position, u.old);
    const at = (i: number): ExecutionSpan => (since.has(i) ? since.get(i) : gen.spans[i]) ?? gen.states[i]!.materialize();
    const last = this.#lastSpans;
    const reused = last !== null && last.gen === gen && last.version < version ? last.list.deref() : undefined;
    let out: ExecutionSpan[];
    if (reused !== undefined && last !== null) {
      // Positions replaced between the two snapshots, in order.
      const changed: number[] = [];
      for (let u = last.from.next; u !== null && u !== from.next; u = u.next) if (u.position < last.count) changed.push(u.position);
      changed.sort((x, y) => x - y);
      if (gen.releasedSpans === 0) {
        out = [...reused]; // spread: slicing a frozen array takes V8's slow path
        out.length = count;
        for (const i of changed) out[i] = at(i);
        for (let i = last.count; i < count; i++) out[i] = at(i);
      } else {
        // Archived spans leave both lists: walk the positions, taking the old list's spans in turn.
        out = [];
        let taken = 0;
        let c = 0;
        for (let i = 0; i < count; i++) {
          const state = gen.states[i]!;
          const old = i < last.count && heldAt(state, last.version) ? reused[taken++] : undefined;
          if (!heldAt(state, version)) continue;
          while (c < changed.length && changed[c]! < i) c++;
          out.push(old === undefined || changed[c] === i ? at(i) : old);
        }
      }
    } else {
      out = [];
      for (let i = 0; i < count; i++) {
        if (gen.releasedSpans > 0 && !heldAt(gen.states[i]!, version)) continue;
        out.push(at(i));
      }
    }
    Object.freeze(out);
    if (last === null || last.version < version) {
      this.#lastSpans = { gen, version, count, from, list: new WeakRef(out) };
    }
    return out;
  }

  // A new shared list only once a snapshot holds the current one.
  #completedChanged(): void {
    if (this.#completed.issued) this.#completed = { value: null, issued: false };
  }

  #metricsChanged(): void {
    if (this.#metrics.issued) this.#metrics = { value: null, issued: false };
  }

  /** Bumps the version; returns it. */
  #invalidate(): number {
    this.#snapshot = null;
    return ++this.#version;
  }

  /** A new generation without the archived entries (the old one stays as it is for older snapshots). */
  #compact(): void {
    const old = this.#gen;
    const gen = new Generation();
    for (let i = 0; i < old.states.length; i++) {
      const state = old.states[i]!;
      if (state.released) continue;
      state.position = gen.states.length;
      gen.states.push(state);
      gen.spans.push(old.spans[i]);
    }
    for (let i = 0; i < old.owners.length; i++) {
      if (old.owners[i]!.released) continue;
      gen.owners.push(old.owners[i]!);
      gen.places.push(old.places[i]!);
    }
    this.#gen = gen;
    // Archived spans waiting for a snapshot that nobody reads go too.
    this.#dirty = this.#dirty.filter((state) => !state.released);
  }
}

/** Whether a span archived at `releasedVersion` (-1: held) is in a snapshot issued at `version`. */
function heldAt(state: SpanState, version: number): boolean {
  return state.releasedVersion < 0 || state.releasedVersion > version;
}

/** The records of a snapshot issued at `version`, when the generation held `count` of them. */
function recordsOf(gen: Generation, count: number, version: number): MetricRecord[] {
  const out: MetricRecord[] = [];
  for (let i = 0; i < count; i++) {
    const owner = gen.owners[i]!;
    if (gen.releasedRecords > 0 && !heldAt(owner, version)) continue;
    out.push(owner.recordAt(gen.places[i]!)!);
  }
  return Object.freeze(out) as MetricRecord[];
}

/** The spans of a list that are no longer active (a loop: V8 filters a frozen array through a slow path). */
function endedOf(spans: readonly ExecutionSpan[]): ExecutionSpan[] {
  const out: ExecutionSpan[] = [];
  for (let i = 0; i < spans.length; i++) if (spans[i]!.status !== 'active') out.push(spans[i]!);
  return Object.freeze(out) as ExecutionSpan[];
}
