/**
 * A list of registrations (listeners, subscribers, processors), copied on write so that a delivery
 * loop over `items` is never disturbed by an (un)subscribe made from inside it.
 */
export class Registrations<T> {
  /** The current registrations, in the order they were added. Replaced, never mutated. */
  items: readonly T[] = [];

  /**
   * Adds one registration; the function returned removes exactly that one (the same item added
   * twice stays registered once) and does nothing the second time.
   */
  add(item: T): () => void {
    this.items = [...this.items, item];
    let on = true;
    return () => {
      if (!on) return;
      on = false;
      const at = this.items.indexOf(item);
      this.items = [...this.items.slice(0, at), ...this.items.slice(at + 1)];
    };
  }
}
