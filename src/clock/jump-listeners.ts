import type { ClockJump } from './clock';

export type JumpListener = (jump: ClockJump) => void;

/** The listeners of one clock's `onJump`, told in the order they subscribed. */
export interface JumpListeners {
  add(listener: JumpListener): () => void;
  emit(jump: ClockJump): void;
}

/**
 * A clock cannot report a failure anywhere, and a listener that throws must not stop the reading
 * nor the other listeners: its error is rethrown on its own, later, where the host's global error
 * handler sees it (as an event listener's would be).
 */
function rethrowLater(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}

export function createJumpListeners(): JumpListeners {
  // One entry per subscription, so that the same function subscribed twice is told twice and each
  // unsubscribe removes its own.
  const entries = new Set<{ listener: JumpListener }>();
  return {
    add(listener: JumpListener): () => void {
      if (typeof listener !== 'function') throw new TypeError('onJump: expected a function');
      const entry = { listener };
      entries.add(entry);
      return () => void entries.delete(entry);
    },
    emit(jump: ClockJump): void {
      for (const entry of [...entries]) {
        if (!entries.has(entry)) continue; // removed by an earlier listener of this report
        try {
          entry.listener(jump);
        } catch (error) {
          rethrowLater(error);
        }
      }
    },
  };
}
