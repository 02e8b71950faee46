import type { TrackedSource } from '../memory/tracked';
import type { MetricRecord } from '../model/types';
import type { SpanState } from './span-state';

const SPAN_MEMORY_TYPE = 'execution-span';
const RECORD_MEMORY_TYPE = 'metric-record';

interface BlockList {
  spans: SpanState[];
  /** Spans of the list that were released (archived): dropped once they are half of it. */
  released: number;
}

/**
 * The tracker's indexes over every span it holds (active or ended) and their records: by span id,
 * by block key and by record id. They are also what its RuntimeMemory shows: a span or a
 * record costs the memory no entry of its own.
 *
 * Record ids extend their span's id with their place in it (`<spanId>.m<n>`), so a record is found
 * through its span; only records with other ids (read back from elsewhere) are indexed by id.
 */
export class TrackerIndex implements TrackedSource {
  readonly spanType = SPAN_MEMORY_TYPE;
  readonly recordType = RECORD_MEMORY_TYPE;
  /** Every span held, in start order. */
  readonly byId = new Map<string, SpanState>();
  /** Spans by block key: built on the first search by owner, then kept up to date. */
  #byBlock: Map<string, BlockList> | null = null;
  readonly #otherRecordIds = new Map<string, MetricRecord>();
  #recordCount = 0;

  get spanCount(): number {
    return this.byId.size;
  }

  get recordCount(): number {
    return this.#recordCount;
  }

  addSpan(state: SpanState): void {
    this.byId.set(state.id, state);
    if (this.#byBlock !== null) addToBlock(this.#byBlock, state);
  }

  /** Call once the record is in `state.records`; `idFollowsSpan`: its id is known to be `<spanId>.m<n>`. */
  addRecord(record: MetricRecord, idFollowsSpan: boolean): void {
    this.#recordCount++;
    if (!idFollowsSpan && this.#recordAt(record.id) !== record) this.#otherRecordIds.set(record.id, record);
  }

  /** Drops an archived span and its records. */
  removeSpan(state: SpanState): void {
    state.released = true;
    this.byId.delete(state.id);
    const records = state.recordCount;
    this.#recordCount -= records;
    if (this.#otherRecordIds.size > 0) for (let k = 0; k < records; k++) this.#otherRecordIds.delete(state.recordId(k));
    const list = this.#byBlock?.get(state.blockId);
    if (list === undefined) return;
    if (++list.released * 2 < list.spans.length) return;
    list.spans = list.spans.filter((s) => !s.released);
    list.released = 0;
    if (list.spans.length === 0) this.#byBlock!.delete(state.blockId);
  }

  span(id: string): SpanState | undefined {
    return typeof id === 'string' ? this.byId.get(id) : undefined;
  }

  record(id: string): MetricRecord | undefined {
    if (typeof id !== 'string') return undefined;
    return this.#recordAt(id) ?? this.#otherRecordIds.get(id);
  }

  spans(): Iterable<SpanState> {
    return this.byId.values();
  }

  *spansOfBlock(blockId: string): Generator<SpanState> {
    if (this.#byBlock === null) {
      this.#byBlock = new Map();
      for (const state of this.byId.values()) addToBlock(this.#byBlock, state);
    }
    const list = this.#byBlock.get(blockId);
    if (list === undefined) return;
    for (const s of list.spans) if (!s.released) yield s;
  }

  /** The record whose id says where it is: `<spanId>.m<n>` is record n of that span. */
  #recordAt(id: string): MetricRecord | undefined {
    const dot = id.lastIndexOf('.');
    if (dot <= 0 || id.charCodeAt(dot + 1) !== 109 /* m */) return undefined;
    const n = Number(id.slice(dot + 2));
    if (!Number.isInteger(n) || n < 0) return undefined;
    const state = this.byId.get(id.slice(0, dot));
    if (state === undefined || n >= state.recordCount || state.recordId(n) !== id) return undefined;
    return state.recordAt(n);
  }
}

function addToBlock(byBlock: Map<string, BlockList>, state: SpanState): void {
  const list = byBlock.get(state.blockId);
  if (list === undefined) byBlock.set(state.blockId, { spans: [state], released: 0 });
  else list.spans.push(state);
}
