import type { SpanState } from './span-state';

/** This span or an ancestor has an open rest segment. */
export function inRestPeriod(state: SpanState): boolean {
  for (let s: SpanState | null = state; s !== null; s = s.parent) {
    if (s.openOfType('rest') !== undefined) return true;
  }
  return false;
}

/** The span and its descendants, parents before children, siblings in start order. */
export function* subtree(state: SpanState): Generator<SpanState> {
  yield state;
  for (const child of state.children) yield* subtree(child);
}
