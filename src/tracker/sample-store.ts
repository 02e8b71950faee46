import type { SampleRange, SampleSeries, SamplesView } from '../model/types';

/** Samples per chunk: a chunk is two typed arrays, filled in time order and never moved. */
const CHUNK = 1024;
const MAX_DELTA = 0xffff_ffff;

/**
 * One chunk of a series. Times are kept as whole-millisecond deltas from the chunk's first time
 * (4 bytes a sample) while they are whole milliseconds apart; a chunk that meets a fractional or huge
 * step keeps its times as plain numbers from then on (8 bytes a sample). Values are plain numbers.
 */
class Chunk {
  readonly base: number;
  dt: Uint32Array | null = new Uint32Array(CHUNK);
  t: Float64Array | null = null;
  readonly v = new Float64Array(CHUNK);
  n = 0;
  last: number;

  constructor(base: number) {
    this.base = base;
    this.last = base;
  }

  get full(): boolean {
    return this.n === CHUNK;
  }

  push(time: number, value: number): void {
    const delta = time - this.base;
    if (this.dt !== null && (!Number.isInteger(delta) || delta > MAX_DELTA)) {
      const t = new Float64Array(CHUNK);
      for (let i = 0; i < this.n; i++) t[i] = this.base + this.dt[i]!;
      this.t = t;
      this.dt = null;
    }
    if (this.dt !== null) this.dt[this.n] = delta;
    else this.t![this.n] = time;
    this.v[this.n] = value;
    this.n++;
    this.last = time;
  }

  time(i: number): number {
    return this.dt !== null ? this.base + this.dt[i]! : this.t![i]!;
  }
}

/** The samples of one key under one root, in time order. */
class Series {
  readonly unit: string;
  readonly chunks: Chunk[] = [];
  count = 0;

  constructor(unit: string) {
    this.unit = unit;
  }

  push(time: number, value: number): void {
    let chunk = this.chunks[this.chunks.length - 1];
    if (chunk === undefined || chunk.full) this.chunks.push((chunk = new Chunk(time)));
    chunk.push(time, value);
    this.count++;
  }

  /** The first `count` samples inside [from, to], copied. */
  read(count: number, from: number, to: number): SampleSeries {
    const t: number[] = [];
    const v: number[] = [];
    let seen = 0;
    for (const chunk of this.chunks) {
      if (seen >= count) break;
      const n = Math.min(chunk.n, count - seen);
      seen += n;
      if (chunk.last < from || chunk.base > to) continue;
      for (let i = 0; i < n; i++) {
        const time = chunk.time(i);
        if (time < from) continue;
        if (time > to) break;
        t.push(time);
        v.push(chunk.v[i]!);
      }
    }
    return Object.freeze({ unit: this.unit, t: Float64Array.from(t), v: Float64Array.from(v) });
  }
}

/**
 * Sensor samples (heart rate, power, cadence) per workout root and key: a channel of their own, kept
 * compactly in typed-array chunks (about 12 bytes a sample), never records. The store only appends,
 * so a view of it is fixed by counting what each series held when the view was taken.
 */
export class SampleStore {
  /** root span id → key → series, in the order each came. */
  readonly #roots = new Map<string, Map<string, Series>>();
  /** The last view, while no sample came since. */
  #view: SamplesView | null = null;

  /** The unit a key already has under that root, if any (a series keeps one unit). */
  unitOf(rootId: string, key: string): string | undefined {
    return this.#roots.get(rootId)?.get(key)?.unit;
  }

  add(rootId: string, key: string, time: number, value: number, unit: string): void {
    let keys = this.#roots.get(rootId);
    if (keys === undefined) this.#roots.set(rootId, (keys = new Map()));
    let series = keys.get(key);
    if (series === undefined) keys.set(key, (series = new Series(unit)));
    series.push(time, value);
    this.#view = null;
  }

  /** Moves a root's samples out (its tree is archived): the view returned holds them. */
  take(rootId: string): SamplesView {
    const keys = this.#roots.get(rootId);
    if (keys === undefined) return (emptyView ??= Object.freeze(new StoreView(new Map())));
    this.#roots.delete(rootId);
    this.#view = null;
    const store = new SampleStore();
    store.#roots.set(rootId, keys);
    return store.view();
  }

  /** Total number of samples held (for stats and leak checks). */
  get size(): number {
    let n = 0;
    for (const keys of this.#roots.values()) for (const series of keys.values()) n += series.count;
    return n;
  }

  /** A frozen view of the samples held now; later samples do not show in it. */
  view(): SamplesView {
    if (this.#view !== null) return this.#view;
    const held = new Map<string, Map<string, Held>>();
    for (const [root, keys] of this.#roots) {
      const c = new Map<string, Held>();
      for (const [key, series] of keys) c.set(key, { series, count: series.count });
      held.set(root, c);
    }
    return (this.#view = Object.freeze(new StoreView(held)));
  }
}

/** A series as a view holds it: the series and how many samples it had when the view was taken. */
interface Held {
  series: Series;
  count: number;
}

/** What a snapshot shows of the store: each series up to the count it had when the view was taken. */
class StoreView implements SamplesView {
  readonly #held: ReadonlyMap<string, ReadonlyMap<string, Held>>;

  constructor(held: ReadonlyMap<string, ReadonlyMap<string, Held>>) {
    this.#held = held;
  }

  roots(): string[] {
    return [...this.#held.keys()];
  }

  keys(rootSpanId: string): string[] {
    return [...(this.#held.get(rootSpanId)?.keys() ?? [])];
  }

  get(rootSpanId: string, key: string, range: SampleRange = {}): SampleSeries | undefined {
    const held = this.#held.get(rootSpanId)?.get(key);
    if (held === undefined) return undefined;
    const { series, count } = held;
    const from = typeof range?.from === 'number' && !Number.isNaN(range.from) ? range.from : -Infinity;
    const to = typeof range?.to === 'number' && !Number.isNaN(range.to) ? range.to : Infinity;
    return series.read(count, from, to);
  }
}

/** The view of a root without samples (made once, shared). */
let emptyView: SamplesView | undefined;
