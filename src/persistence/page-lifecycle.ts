import { TrackerError } from 'workout-spans';
import type { TrackerLike } from 'workout-spans';
import type { Autosave } from './autosave';

/** What the watcher listens on: a DOM `document` or `window`, or anything shaped so. */
export interface LifecycleEventTarget {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/** A `document`: an event target with its visibility. */
export interface LifecycleDocument extends LifecycleEventTarget {
  readonly visibilityState?: string;
}

export interface PageLifecycleOptions {
  /** The autosave to flush when the page may be about to go (from `createAutosave`). */
  autosave?: Pick<Autosave, 'flush'>;
  /** Where `visibilitychange`, `freeze` and `resume` fire. Default: the global `document`; `null`: none. */
  document?: LifecycleDocument | null;
  /** Where `pagehide` and `pageshow` fire. Default: the global `window`; `null`: none. */
  window?: LifecycleEventTarget | null;
}

function isTarget(value: unknown): value is LifecycleEventTarget {
  const t = value as LifecycleEventTarget | null;
  return (
    t !== null &&
    (typeof t === 'object' || typeof t === 'function') &&
    typeof t.addEventListener === 'function' &&
    typeof t.removeEventListener === 'function'
  );
}

/** The given target, the global one when none was given, or none (`null`, or no global: Node). */
function targetOf<T extends LifecycleEventTarget>(given: T | null | undefined, global: unknown, name: string): T | null {
  if (given === null) return null;
  const target = given === undefined ? global : given;
  if (target === undefined || target === null) return null;
  if (!isTarget(target)) throw new TypeError(`watchPageLifecycle: ${name} must have addEventListener and removeEventListener`);
  return target as T;
}

/**
 * Watches the page's lifecycle for a tracker (see docs/time.md): when the page may be about to go
 * (hidden, `pagehide`, `freeze`: after any of them a browser may discard it without another word)
 * it flushes the autosave, and when it comes back (visible, `pageshow`, `resume`) it reads the
 * tracker's clock, so that a clock that reports jumps (`systemClock`) notices a sleep at once
 * rather than at the next change. With a synchronous storage (localStorage) the copy is written
 * before the event handler returns.
 *
 * Where there is no `document` or `window` (Node, a worker) it watches nothing. A failure inside a
 * handler is reported through the tracker (`onError` and its `error` event), never thrown: a
 * TrackerError from `flush()` was already reported by the autosave; anything else is reported as
 * HANDLER_FAILED. Returns a function that removes every listener it added.
 */
export function watchPageLifecycle(tracker: TrackerLike, options: PageLifecycleOptions = {}): () => void {
  const t = tracker as Partial<TrackerLike> | null;
  if (t === null || typeof t !== 'object' || typeof t.now !== 'function' || typeof t.reportError !== 'function') {
    throw new TypeError('watchPageLifecycle: expected a tracker (now() and reportError())');
  }
  if (options === null || typeof options !== 'object') throw new TypeError('watchPageLifecycle: options must be an object');
  const { autosave } = options;
  if (autosave !== undefined && (autosave === null || typeof autosave.flush !== 'function')) {
    throw new TypeError('watchPageLifecycle: autosave must have flush()');
  }
  const scope = globalThis as { document?: unknown; window?: unknown };
  const doc = targetOf(options.document, scope.document, 'document');
  const win = targetOf(options.window, scope.window, 'window');

  const failed = (where: string, cause: unknown): void => {
    try {
      const text = cause instanceof Error ? cause.message : String(cause);
      tracker.reportError(new TrackerError('HANDLER_FAILED', `watchPageLifecycle: ${where} threw: ${text}`, { where, cause }));
    } catch {
      // The host's onError threw as well: there is nowhere left to report to, and throwing from a
      // lifecycle handler would only stop the browser's other handlers.
    }
  };

  const save = (): void => {
    if (autosave === undefined) return;
    const flushFailed = (cause: unknown): void => {
      // The autosave reports its own failures (STORAGE_FAILED) before rejecting with them.
      if (!(cause instanceof TrackerError)) failed('autosave.flush()', cause);
    };
    try {
      Promise.resolve(autosave.flush()).catch(flushFailed);
    } catch (cause) {
      flushFailed(cause);
    }
  };

  const check = (): void => {
    try {
      tracker.now();
    } catch (cause) {
      failed('tracker.now()', cause);
    }
  };

  const onVisibility = (): void => {
    const state = doc?.visibilityState;
    if (state === 'hidden') save();
    else if (state === 'visible') check();
  };

  const listeners: [LifecycleEventTarget | null, string, () => void][] = [
    [doc, 'visibilitychange', onVisibility],
    [doc, 'freeze', save],
    [doc, 'resume', check],
    [win, 'pagehide', save],
    [win, 'pageshow', check],
  ];
  for (const [target, type, listener] of listeners) target?.addEventListener(type, listener);
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    for (const [target, type, listener] of listeners) target?.removeEventListener(type, listener);
  };
}
