import { removeAt } from '../model/list';
import type { ExecutionSpan } from '../model/types';

/**
 * The stack of active spans (API.md §4). It holds ids; when built by a tracker, spans are read
 * through the tracker so they are always current.
 *
 * The stack is a pair of arrays (ids, and the spans as they were entered), searched from the top: it
 * is a few spans deep, and a map would allocate on every enter and exit.
 */
export class SpanContext {
  readonly #stack: string[] = [];
  /** The ids on the stack, for membership in O(1). */
  readonly #ids = new Set<string>();
  readonly #entered: ExecutionSpan[] = [];
  readonly #resolve: ((id: string) => ExecutionSpan | undefined) | undefined;
  readonly #onChange: ((currentId: string | null) => void) | undefined;

  constructor(resolve?: (id: string) => ExecutionSpan | undefined, onChange?: (currentId: string | null) => void) {
    this.#resolve = resolve;
    this.#onChange = onChange;
  }

  /** The top of the stack, or undefined. */
  getCurrentSpan(): ExecutionSpan | undefined {
    const id = this.#stack[this.#stack.length - 1];
    return id === undefined ? undefined : this.getSpanById(id);
  }

  /** Pushes a span (a span already on the stack is not pushed twice). */
  enterSpan(span: ExecutionSpan): void {
    if (span === null || typeof span !== 'object' || typeof span.id !== 'string') {
      throw new TypeError('SpanContext.enterSpan: expected an ExecutionSpan');
    }
    if (this.#ids.has(span.id)) return;
    this.#ids.add(span.id);
    this.#stack.push(span.id);
    this.#entered.push(span);
    this.#onChange?.(span.id);
  }

  /** Removes that span and everything entered after it; returns false when it was not there. */
  exitSpan(spanId: string): boolean {
    if (!this.#ids.has(spanId)) return false;
    const at = this.#stack.lastIndexOf(spanId);
    for (let i = at; i < this.#stack.length; i++) this.#ids.delete(this.#stack[i]!);
    this.#stack.length = at;
    this.#entered.length = at;
    this.#changed();
    return true;
  }

  /** Removes exactly these spans, wherever they stand (what the tracker does on endSpan). */
  removeSpans(spanIds: Iterable<string>): void {
    let removed = false;
    for (const id of spanIds) {
      if (!this.#ids.delete(id)) continue;
      const at = this.#stack.lastIndexOf(id);
      removeAt(this.#stack, at);
      removeAt(this.#entered, at);
      removed = true;
    }
    if (removed) this.#changed();
  }

  getSpanById(id: string): ExecutionSpan | undefined {
    if (!this.#ids.has(id)) return undefined;
    const resolved = this.#resolve?.(id);
    return resolved ?? this.#entered[this.#stack.lastIndexOf(id)];
  }

  /** Active spans in the order they were entered. */
  getActiveSpans(): ExecutionSpan[] {
    const out: ExecutionSpan[] = [];
    for (const id of this.#stack) {
      const span = this.getSpanById(id);
      if (span !== undefined) out.push(span);
    }
    return out;
  }

  /** Ids on the stack, bottom first (cheap; no snapshot is built). */
  getActiveSpanIds(): string[] {
    return [...this.#stack];
  }

  /** Id at the top of the stack, or null (cheap; no snapshot is built). */
  getCurrentSpanId(): string | null {
    return this.#stack[this.#stack.length - 1] ?? null;
  }

  get depth(): number {
    return this.#stack.length;
  }

  #changed(): void {
    this.#onChange?.(this.getCurrentSpanId());
  }
}
