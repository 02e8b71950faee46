/**
 * Notifications wait here until the call that caused them has finished changing state, then run in
 * order. A handler that calls the tracker again (re-entrant) adds its own notifications at the end of
 * the queue: they run after the ones already waiting, never in the middle of a change.
 */
export class Outbox {
  readonly #queue: (() => void)[] = [];
  #draining = false;

  push(task: () => void): void {
    this.#queue.push(task);
  }

  get pending(): number {
    return this.#queue.length;
  }

  /** Runs every waiting task, including those added while draining. Tasks must not throw. */
  drain(): void {
    if (this.#draining || this.#queue.length === 0) return;
    this.#draining = true;
    try {
      for (let i = 0; i < this.#queue.length; i++) this.#queue[i]!();
    } finally {
      this.#queue.length = 0;
      this.#draining = false;
    }
  }
}
