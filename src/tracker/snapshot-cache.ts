import type { ExecutionSpan, MetricRecord, TrackerSnapshot } from '../model/types';
import type { SpanState } from './span-state';

/**
 * Builds `TrackerSnapshot`s without redoing what did not change: span records are rebuilt only for
 * spans touched since the last read, patched into a working array at their position; the record list
 * and the list of ended spans are reused when nothing was added to them.
 */
export class SnapshotCache {
  readonly #spans: Map<string, SpanState>;
  readonly #records: Map<string, MetricRecord>;
  readonly #spanSnaps: ExecutionSpan[] = [];
  readonly #positions = new WeakMap<SpanState, number>();
  readonly #dirty = new Set<SpanState>();
  readonly #recordList: MetricRecord[] = [];
  #membershipChanged = false;
  #recordsRemoved = false;
  #recordsAdded = true;
  #endedChanged = true;
  #snapshot: TrackerSnapshot | null = null;
  #metricsArr: MetricRecord[] = [];
  #completedArr: ExecutionSpan[] = [];
  #version = 0;

  constructor(spans: Map<string, SpanState>, records: Map<string, MetricRecord>) {
    this.#spans = spans;
    this.#records = records;
  }

  get version(): number {
    return this.#version;
  }

  spanAdded(state: SpanState): void {
    this.#positions.set(state, this.#spanSnaps.length);
    this.#spanSnaps.push(undefined as unknown as ExecutionSpan);
    this.#dirty.add(state);
    this.#invalidate();
  }

  spanChanged(state: SpanState): void {
    this.#dirty.add(state);
    this.#invalidate();
  }

  spanEnded(state: SpanState): void {
    this.#endedChanged = true;
    this.spanChanged(state);
  }

  recordAdded(record: MetricRecord): void {
    this.#recordList.push(record);
    this.#recordsAdded = true;
    this.#invalidate();
  }

  /** Spans and records were released (archived): positions are rebuilt on the next read. */
  removed(): void {
    this.#membershipChanged = true;
    this.#recordsRemoved = true;
    this.#endedChanged = true;
    this.#invalidate();
  }

  /** Same object until the next change. `activeStates`: the active spans, in start order. */
  get(activeStates: Iterable<SpanState>): TrackerSnapshot {
    if (this.#snapshot !== null) return this.#snapshot;
    if (this.#membershipChanged) this.#rebuildPositions();
    for (const state of this.#dirty) {
      const at = this.#positions.get(state);
      if (at !== undefined && this.#spans.has(state.id)) this.#spanSnaps[at] = state.materialize();
    }
    this.#dirty.clear();
    const spans = Object.freeze(this.#spanSnaps.slice()) as ExecutionSpan[];
    if (this.#recordsRemoved) {
      const kept = this.#recordList.filter((r) => this.#records.has(r.id));
      this.#recordList.length = 0;
      this.#recordList.push(...kept);
      this.#recordsRemoved = false;
      this.#recordsAdded = true;
    }
    if (this.#recordsAdded) {
      this.#metricsArr = Object.freeze(this.#recordList.slice()) as MetricRecord[];
      this.#recordsAdded = false;
    }
    if (this.#endedChanged) {
      this.#completedArr = Object.freeze(spans.filter((s) => s.status !== 'active')) as ExecutionSpan[];
      this.#endedChanged = false;
    }
    const active: ExecutionSpan[] = [];
    for (const state of activeStates) active.push(spans[this.#positions.get(state)!]!);
    this.#snapshot = Object.freeze({
      version: this.#version,
      spans,
      metrics: this.#metricsArr,
      active: Object.freeze(active) as ExecutionSpan[],
      completed: this.#completedArr,
    });
    return this.#snapshot;
  }

  #invalidate(): void {
    if (this.#snapshot !== null) {
      this.#snapshot = null;
    }
    this.#version++;
  }

  #rebuildPositions(): void {
    this.#spanSnaps.length = 0;
    for (const state of this.#spans.values()) {
      this.#positions.set(state, this.#spanSnaps.length);
      this.#spanSnaps.push(state.materialize());
    }
    this.#membershipChanged = false;
  }
}
