import { removeItem } from '../model/list';
import type { SpanState } from './span-state';

/** A block key's place: its active span, if any. */
interface Slot {
  state: SpanState | undefined;
}

/** Empty slots kept before a sweep (a runtime's blocks are usually far fewer). */
const SWEEP_AT = 64;

/**
 * The active spans: at most one per block key, found by key, and listed in start order.
 *
 * A block's slot stays in the map after its span ends, so that starting and ending spans of the same
 * blocks over and over changes no map (a map that grows and shrinks by one entry allocates each
 * time). Empty slots are swept out once they are many, so unique keys cannot pile up.
 */
export class ActiveSpans {
  readonly #byBlock = new Map<string, Slot>();
  readonly #inOrder: SpanState[] = [];
  #empty = 0;

  get size(): number {
    return this.#inOrder.length;
  }

  /** In start order; read-only to the caller. */
  get inOrder(): readonly SpanState[] {
    return this.#inOrder;
  }

  get(blockId: string): SpanState | undefined {
    return this.#byBlock.get(blockId)?.state;
  }

  has(blockId: string): boolean {
    return this.get(blockId) !== undefined;
  }

  /** The block must have no active span. */
  add(state: SpanState): void {
    const slot = this.#byBlock.get(state.blockId);
    if (slot === undefined) this.#byBlock.set(state.blockId, { state });
    else {
      slot.state = state;
      this.#empty--;
    }
    this.#inOrder.push(state);
  }

  remove(state: SpanState): void {
    const slot = this.#byBlock.get(state.blockId);
    if (slot === undefined || slot.state !== state) return;
    slot.state = undefined;
    removeItem(this.#inOrder, state);
    if (++this.#empty > SWEEP_AT && this.#empty > this.#inOrder.length) this.#sweep();
  }

  #sweep(): void {
    for (const [key, slot] of this.#byBlock) if (slot.state === undefined) this.#byBlock.delete(key);
    this.#empty = 0;
  }
}
