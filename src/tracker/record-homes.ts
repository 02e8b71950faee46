import type { MetricRecord } from '../model/types';

/**
 * Keeps a record the same object for as long as anybody holds it, once its span has ended and the
 * span keeps only a compact copy of it (see `ended-span`).
 *
 * The records of a span live in one list, and the lists of spans that start recording one after the
 * other share a home: an array of those lists. The tracker holds the current home; an ended span
 * holds only a weak reference to its home and its place in it. Each record reaches its home through
 * its `spanIds` list: a WeakMap keyed by that list holds the home for as long as the list is alive
 * (nothing is added to the list itself). So while anybody holds a record, its home and the records
 * of its span are alive and read back as they are; once nobody does, they are collected and built
 * again from the compact copy when read.
 *
 * One weak reference per home, not per record: V8 keeps the target of a new weak reference alive
 * until the end of the current job, and a weak reference per record made a long synchronous run
 * twice as slow.
 */

/** The home of a span's records, by its `spanIds` list: never read, it keeps the home alive with the list. */
const homeOf = new WeakMap<readonly string[], Home>();

/** Spans per home: a record held keeps the records of at most this many spans alive. */
const SPANS_PER_HOME = 64;

export type Home = MetricRecord[][];

export class RecordHomes {
  #home: Home = [];
  #weak = new WeakRef(this.#home);

  /**
   * A new list for a span's records, in the current home, and the span's `spanIds` list linked to
   * it (`ids` is frozen here). Returns the list's place; `weak` is the home's weak reference.
   */
  open(ids: string[], list: MetricRecord[]): number {
    if (this.#home.length >= SPANS_PER_HOME) {
      this.#home = [];
      this.#weak = new WeakRef(this.#home);
    }
    link(ids, this.#home);
    return this.#home.push(list) - 1;
  }

  get weak(): WeakRef<Home> {
    return this.#weak;
  }
}

/** Links a `spanIds` list to a home and freezes it. */
export function link(ids: string[], home: Home): readonly string[] {
  homeOf.set(ids, home);
  return Object.freeze(ids);
}
