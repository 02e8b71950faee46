import { removeAt } from '../model/list';
import type { ExecutionSpan } from '../model/types';

/** Below this depth the stack is searched; from it on, a set of its ids answers membership. */
const DEEP = 16;

/**
 * The stack of active spans. It holds ids; when built by a tracker, spans are read through the
 * tracker so they are always current.
 *
 * The stack is a pair of arrays (ids, and the spans as they were entered), searched from the top: it
 * is usually a few spans deep, and a set would allocate on every enter and exit. A deep stack (a tree
 * thousands of levels deep) also keeps a set of its ids, so that membership stays O(1).
 */
export class SpanContext {
  readonly #stack: string[] = [];
  /** The ids on the stack, kept only while it is deep. */
  #ids: Set<string> | null = null;
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
    if (this.#has(span.id)) return;
    this.#ids?.add(span.id);
    this.#stack.push(span.id);
    if (this.#ids === null && this.#stack.length >= DEEP) this.#ids = new Set(this.#stack);
    this.#entered.push(span);
    this.#onChange?.(span.id);
  }

  /** Removes that span and everything entered after it; returns false when it was not there. */
  exitSpan(spanId: string): boolean {
    if (!this.#has(spanId)) return false;
    const at = this.#stack.lastIndexOf(spanId);
    if (this.#ids !== null) for (let i = at; i < this.#stack.length; i++) this.#ids.delete(this.#stack[i]!);
    this.#stack.length = at;
    this.#entered.length = at;
    this.#shallow();
    this.#changed();
    return true;
  }

  /** Removes exactly these spans, wherever they stand (what the tracker does on endSpan). */
  removeSpans(spanIds: Iterable<string>): void {
    let removed = false;
    for (const id of spanIds) {
      const at = this.#stack.lastIndexOf(id);
      if (at < 0) continue;
      this.#ids?.delete(id);
      removeAt(this.#stack, at);
      removeAt(this.#entered, at);
      removed = true;
    }
    if (!removed) return;
    this.#shallow();
    this.#changed();
  }

  getSpanById(id: string): ExecutionSpan | undefined {
    if (!this.#has(id)) return undefined;
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

  #has(id: string): boolean {
    return this.#ids !== null ? this.#ids.has(id) : this.#stack.lastIndexOf(id) >= 0;
  }

  /** A stack no longer deep drops its set. */
  #shallow(): void {
    if (this.#ids !== null && this.#stack.length < DEEP / 2) this.#ids = null;
  }

  #changed(): void {
    this.#onChange?.(this.getCurrentSpanId());
  }
}
