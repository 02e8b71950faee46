/**
 * Notifications wait here until the call that caused them has finished changing state, then run in
 * order. A handler that calls the tracker again (re-entrant) adds its own notifications at the end of
 * the queue: they run after the ones already waiting, never in the middle of a change.
 *
 * The queue's slots are reused from call to call (emptied as they run, never truncated): truncating
 * an array gives its storage back, and the next call would allocate it again.
 */
export class Outbox {
  readonly #queue: ((() => void) | undefined)[] = [];
  #count = 0;
  #draining = false;

  push(task: () => void): void {
    this.#queue[this.#count++] = task;
  }

  get pending(): number {
    return this.#count;
  }

  /** Runs every waiting task, including those added while draining. Tasks must not throw. */
  drain(): void {
    if (this.#draining || this.#count === 0) return;
    this.#draining = true;
    const queue = this.#queue;
    let i = 0;
    try {
      for (; i < this.#count; i++) {
        const task = queue[i]!;
        queue[i] = undefined;
        task();
      }
    } finally {
      // Tasks do not throw; if one did, those after it are dropped, as before, and not kept.
      if (i < this.#count) queue.fill(undefined, i, this.#count);
      this.#count = 0;
      this.#draining = false;
      // A burst (a large batch) does not keep its storage for good.
      if (queue.length > 1024) queue.length = 0;
    }
  }
}
