import { TrackerError, type TrackerErrorCode } from '../errors/tracker-error';
import { readBlockKey } from '../model/block-key';
import type { ActiveSpans } from './active-spans';
import type { SpanState } from './span-state';

/**
 * How a call names a span: every method that takes a target accepts either the key of a block with
 * an active span, or any span's id. A string that is both names the span whose id it is.
 */
export class Targets {
  readonly #byId: ReadonlyMap<string, SpanState>;
  readonly #active: ActiveSpans;

  constructor(byId: ReadonlyMap<string, SpanState>, active: ActiveSpans) {
    this.#byId = byId;
    this.#active = active;
  }

  /** The span the target names, active or not (a block key names its active span). */
  any(target: unknown): SpanState | undefined {
    if (typeof target === 'string') {
      const span = this.#byId.get(target);
      if (span !== undefined) return span;
    }
    const key = readBlockKey(target);
    return key === undefined ? undefined : this.#active.get(key);
  }

  /**
   * The active span the target names, or the error that refuses the call: NO_ACTIVE_SPAN for a span
   * that has ended, and `unknownCode` (default NO_ACTIVE_SPAN) for a target that names nothing.
   */
  active(target: unknown, unknownCode: TrackerErrorCode = 'NO_ACTIVE_SPAN'): SpanState | TrackerError {
    const span = this.any(target);
    if (span === undefined) {
      const shown = typeof target === 'string' ? target : (readBlockKey(target) ?? typeof target);
      return new TrackerError(unknownCode, `no active span for '${shown}' (neither an active block's key nor a span id)`, {
        target: shown,
      });
    }
    if (!span.active)
      return new TrackerError('NO_ACTIVE_SPAN', `span '${span.id}' of block '${span.blockId}' has ended`, {
        spanId: span.id,
        blockId: span.blockId,
      });
    return span;
  }
}
