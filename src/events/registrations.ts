/** One registration: removed ones stay in a delivery already under way, marked so it skips them. */
interface Registration<T> {
  readonly item: T;
  live: boolean;
}

/**
 * A list of registrations (listeners, subscribers, processors), copied on write so that a delivery
 * loop is never disturbed by an (un)subscribe made from inside it. Deliver with `forEach`: an item
 * removed by an earlier one during the same delivery is not called.
 */
export class Registrations<T> {
  #list: readonly Registration<T>[] = [];

  get size(): number {
    return this.#list.length;
  }

  /**
   * Adds one registration; the function returned removes exactly that one (the same item added
   * twice stays registered once) and does nothing the second time.
   */
  add(item: T): () => void {
    const registration: Registration<T> = { item, live: true };
    this.#list = [...this.#list, registration];
    return () => {
      if (!registration.live) return;
      registration.live = false;
      this.#list = this.#list.filter((r) => r !== registration);
    };
  }

  /** Calls `fn` with each item registered now, skipping one removed before its turn. */
  forEach(fn: (item: T) => void): void {
    const list = this.#list;
    for (let i = 0; i < list.length; i++) {
      const r = list[i]!;
      if (r.live) fn(r.item);
    }
  }
}
