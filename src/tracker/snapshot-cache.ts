import type { ExecutionSpan, MetricRecord, SamplesView, TrackerSnapshot } from '../model/types';
import type { SpanState } from './span-state';

/** A frozen span overwritten in the working list, kept for the snapshots issued before. */
interface Undo {
  position: number;
  old: ExecutionSpan | undefined;
  next: Undo | null;
}

/**
 * One generation of working lists: every span held (in start order) with the frozen record last
 * handed out for it, and every record (in record order) with its span. Appended to, and patched in
 * place with an undo log; replaced by a compacted generation once archived entries are half of it.
 * A generation that was replaced is never written again, so older snapshots still read it.
 */
class Generation {
  readonly states: SpanState[] = [];
  readonly spans: (ExecutionSpan | undefined)[] = [];
  readonly records: MetricRecord[] = [];
  readonly owners: SpanState[] = [];
  releasedSpans = 0;
  releasedRecords = 0;
  /** The last undo entry written (a sentinel at first). */
  tail: Undo = { position: -1, old: undefined, next: null };
}

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

  recordAdded(record: MetricRecord, state: SpanState): void {
    this.#gen.records.push(record);
    this.#gen.owners.push(state);
    this.#metricsChanged();
    this.#invalidate();
  }

  /** The span and its records were archived: snapshots issued from now on leave them out. */
  spanRemoved(state: SpanState): void {
    state.releasedVersion = this.#invalidate();
    const gen = this.#gen;
    gen.releasedSpans++;
    gen.releasedRecords += state.records.length;
    if (state.records.length > 0) this.#metricsChanged();
    this.#completedChanged();
    if (gen.releasedSpans * 2 > gen.states.length || gen.releasedRecords * 2 > gen.records.length) this.#compact();
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
      const span = state.materialize();
      const old = gen.spans[state.position];
      if (old === span) continue;
      if (old !== undefined) gen.tail = gen.tail.next = { position: state.position, old, next: null };
      gen.spans[state.position] = span;
    }
    this.#dirty = [];
    const active: ExecutionSpan[] = [];
    for (const state of activeStates) active.push(gen.spans[state.position]!);
    const version = this.#version;
    const spanCount = gen.states.length;
    const recordCount = gen.records.length;
    const completed = this.#completed;
    const metrics = this.#metrics;
    completed.issued = true;
    metrics.issued = true;
    let from: Undo | null = gen.tail;
    let spans: ExecutionSpan[] | undefined;
    const spansAsIssued = (): ExecutionSpan[] => {
      if (spans === undefined) {
        spans = spansOf(gen, spanCount, version, from!);
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
        return (completed.value ??= Object.freeze(spansAsIssued().filter((s) => s.status !== 'active')) as ExecutionSpan[]);
      },
    });
    return this.#snapshot;
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
    for (let i = 0; i < old.records.length; i++) {
      if (old.owners[i]!.released) continue;
      gen.records.push(old.records[i]!);
      gen.owners.push(old.owners[i]!);
    }
    this.#gen = gen;
    // Archived spans waiting for a snapshot that nobody reads go too.
    this.#dirty = this.#dirty.filter((state) => !state.released);
  }
}

/** The spans of a snapshot issued at `version`, when the generation held `count` of them. */
function spansOf(gen: Generation, count: number, version: number, from: Undo): ExecutionSpan[] {
  const spans = gen.spans.slice(0, count) as ExecutionSpan[];
  const undo: Undo[] = [];
  for (let u = from.next; u !== null; u = u.next) if (u.position < count) undo.push(u);
  for (let i = undo.length - 1; i >= 0; i--) spans[undo[i]!.position] = undo[i]!.old!;
  const held = gen.releasedSpans === 0 ? spans : spans.filter((_, i) => gen.states[i]!.releasedVersion > version);
  return Object.freeze(held) as ExecutionSpan[];
}

/** The records of a snapshot issued at `version`, when the generation held `count` of them. */
function recordsOf(gen: Generation, count: number, version: number): MetricRecord[] {
  if (gen.releasedRecords === 0) return Object.freeze(gen.records.slice(0, count)) as MetricRecord[];
  const out: MetricRecord[] = [];
  for (let i = 0; i < count; i++) if (gen.owners[i]!.releasedVersion > version) out.push(gen.records[i]!);
  return Object.freeze(out) as MetricRecord[];
}
