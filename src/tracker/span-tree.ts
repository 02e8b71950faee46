import type { SpanState } from './span-state';

/**
 * The span and its descendants, parents before children, siblings in start order. Walked with a
 * stack of its own, not by recursion: a tree thousands of levels deep cannot overflow the call stack.
 */
export function subtree(state: SpanState): SpanState[] {
  if (state.children.length === 0) return [state];
  const out: SpanState[] = [];
  const stack: SpanState[] = [state];
  while (stack.length > 0) {
    const s = stack.pop()!;
    out.push(s);
    for (let i = s.children.length - 1; i >= 0; i--) stack.push(s.children[i]!);
  }
  return out;
}

/** The active spans of the subtree, innermost (latest in tree order) first: the order spans end in. */
export function activeInnermostFirst(state: SpanState): SpanState[] {
  if (state.children.length === 0) return [state];
  return subtree(state)
    .filter((s) => s.active)
    .reverse();
}
