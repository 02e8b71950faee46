import { Window } from 'happy-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createManualClock, createSystemClock, createTracker, type TrackerError, type Clock, type ClockJump } from 'workout-spans';
import {
  createAutosave,
  loadAutosave,
  memoryStorage,
  watchPageLifecycle,
  type AutosaveStorage,
  type LifecycleEventTarget,
} from 'workout-spans/persistence';

/**
 * watchPageLifecycle on happy-dom's document and window, and on bare event targets: it saves when
 * the page may be about to go (hidden, pagehide, freeze), reads the clock when it comes back
 * (visible, pageshow, resume), and never throws from an event handler.
 */

const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;

/** Autosaves to stop after each test (their throttle timers would outlive it). */
const autosaves: { stop(): void }[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  for (const a of autosaves.splice(0)) a.stop();
});

/** happy-dom's document with a visibility the test sets; `fire` dispatches a real DOM event. */
function page() {
  const window = new Window();
  const document = window.document;
  let visibility: 'visible' | 'hidden' = 'visible';
  Object.defineProperty(document, 'visibilityState', { get: () => visibility, configurable: true });
  return {
    window,
    document,
    fire(target: 'document' | 'window', type: string): void {
      const t = target === 'document' ? document : window;
      t.dispatchEvent(new window.Event(type));
    },
    setVisibility(v: 'visible' | 'hidden'): void {
      visibility = v;
      document.dispatchEvent(new window.Event('visibilitychange'));
    },
    close: () => window.happyDOM.close(),
  };
}

/** A clock that counts its readings. */
function countingClock(start = T0): Clock & { reads: number; set(t: number): void } {
  const manual = createManualClock(start);
  const clock = {
    reads: 0,
    now(): number {
      clock.reads++;
      return manual.now();
    },
    set: (t: number): void => void manual.set(t),
  };
  return clock;
}

/** A tracker with something unsaved in it, an autosave that only saves when flushed, and its storage. */
function session(clock: Clock = createManualClock(T0)) {
  const errors: TrackerError[] = [];
  const tracker = createTracker({ clock, onError: (e) => errors.push(e) });
  const storage = memoryStorage();
  const autosave = createAutosave(tracker, { storage, key: 'w', throttleMs: 3_600_000 });
  autosaves.push(autosave);
  tracker.startSpan({ key: 'a', label: 'A' });
  const saved = async (): Promise<string[]> => (await loadAutosave(storage, 'w'))?.spans.map((s) => s.blockId) ?? [];
  return { tracker, storage, autosave, errors, saved };
}

/** A bare event target: calls listeners directly, so a listener that throws would throw out of `fire`. */
class BareTarget implements LifecycleEventTarget {
  visibilityState = 'visible';
  readonly listeners = new Map<string, Set<() => void>>();
  addEventListener(type: string, listener: () => void): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(listener);
  }
  removeEventListener(type: string, listener: () => void): void {
    this.listeners.get(type)?.delete(listener);
  }
  fire(type: string): void {
    for (const l of [...(this.listeners.get(type) ?? [])]) l();
  }
  count(): number {
    return [...this.listeners.values()].reduce((n, s) => n + s.size, 0);
  }
}

describe('watchPageLifecycle saves when the page may be about to go', () => {
  it.each([
    ['the page is hidden', (p: ReturnType<typeof page>) => p.setVisibility('hidden')],
    ['pagehide', (p: ReturnType<typeof page>) => p.fire('window', 'pagehide')],
    ['freeze', (p: ReturnType<typeof page>) => p.fire('document', 'freeze')],
  ])('on %s, before the event returns (a synchronous storage)', async (_name, event) => {
    const p = page();
    const s = session();
    const stop = watchPageLifecycle(s.tracker, { autosave: s.autosave, document: p.document, window: p.window });
    expect(await s.saved()).toEqual([]);
    const writes = vi.spyOn(s.storage, 'setItem');
    event(p);
    expect(writes).toHaveBeenCalledTimes(1); // written inside the event, not later
    expect(await s.saved()).toEqual(['a']);
    expect(s.errors).toEqual([]);
    stop();
    p.close();
  });

  it('a page made visible again saves nothing (there is no reason to)', () => {
    const p = page();
    const flush = vi.fn(() => Promise.resolve());
    const stop = watchPageLifecycle(createTracker(), { autosave: { flush }, document: p.document, window: p.window });
    p.setVisibility('visible');
    p.fire('document', 'resume');
    p.fire('window', 'pageshow');
    expect(flush).not.toHaveBeenCalled();
    p.setVisibility('hidden');
    expect(flush).toHaveBeenCalledTimes(1);
    stop();
    p.close();
  });

  it('without an autosave it only watches the clock', () => {
    const p = page();
    const clock = countingClock();
    const tracker = createTracker({ clock });
    const stop = watchPageLifecycle(tracker, { document: p.document, window: p.window });
    p.setVisibility('hidden');
    p.fire('document', 'freeze');
    p.fire('window', 'pagehide');
    const before = clock.reads;
    p.fire('document', 'resume');
    expect(clock.reads).toBe(before + 1);
    stop();
    p.close();
  });
});

describe('watchPageLifecycle reads the clock when the page comes back', () => {
  it.each([
    ['resume', (p: ReturnType<typeof page>) => p.fire('document', 'resume')],
    ['pageshow', (p: ReturnType<typeof page>) => p.fire('window', 'pageshow')],
    ['the page is visible', (p: ReturnType<typeof page>) => p.setVisibility('visible')],
  ])('on %s', (_name, event) => {
    const p = page();
    const clock = countingClock();
    const tracker = createTracker({ clock });
    const stop = watchPageLifecycle(tracker, { document: p.document, window: p.window });
    const before = clock.reads;
    clock.set(T0 + 5_000);
    event(p);
    expect(clock.reads).toBe(before + 1);
    expect(tracker.now()).toBe(T0 + 5_000);
    stop();
    p.close();
  });

  it('so a system clock notices a sleep as soon as the page resumes, not at the next change', () => {
    const p = page();
    let wall = T0;
    let mono = 0;
    const clock = createSystemClock({ wallNow: () => wall, monotonicNow: () => mono });
    const jumps: ClockJump[] = [];
    clock.onJump((j) => jumps.push(j));
    const s = session(clock);
    const stop = watchPageLifecycle(s.tracker, { autosave: s.autosave, document: p.document, window: p.window });
    mono += 60_000;
    wall += 60_000;
    p.fire('document', 'freeze');
    wall += 8 * HOUR; // the laptop slept while the page was frozen
    expect(jumps).toEqual([]);
    p.fire('document', 'resume');
    expect(jumps).toEqual([{ from: T0 + 60_000, to: T0 + 60_000 + 8 * HOUR, cause: 'suspend' }]);
    stop();
    p.close();
  });
});

describe('watchPageLifecycle: stopping', () => {
  it('removes every listener it added, once; a second call does nothing', () => {
    const doc = new BareTarget();
    const win = new BareTarget();
    const flush = vi.fn(() => Promise.resolve());
    const stop = watchPageLifecycle(createTracker(), { autosave: { flush }, document: doc, window: win });
    expect(doc.count()).toBe(3); // visibilitychange, freeze, resume
    expect(win.count()).toBe(2); // pagehide, pageshow
    stop();
    expect(doc.count() + win.count()).toBe(0);
    stop();
    doc.visibilityState = 'hidden';
    doc.fire('visibilitychange');
    win.fire('pagehide');
    expect(flush).not.toHaveBeenCalled();
  });

  it('two watchers are independent', () => {
    const doc = new BareTarget();
    const flushA = vi.fn(() => Promise.resolve());
    const flushB = vi.fn(() => Promise.resolve());
    const stopA = watchPageLifecycle(createTracker(), { autosave: { flush: flushA }, document: doc, window: null });
    watchPageLifecycle(createTracker(), { autosave: { flush: flushB }, document: doc, window: null });
    stopA();
    doc.fire('freeze');
    expect(flushA).not.toHaveBeenCalled();
    expect(flushB).toHaveBeenCalledTimes(1);
  });
});

describe('watchPageLifecycle where there is no page', () => {
  it('in Node (no document, no window) it adds nothing, throws nothing, and its stop does nothing', () => {
    expect(typeof globalThis.document).toBe('undefined');
    const s = session();
    const stop = watchPageLifecycle(s.tracker, { autosave: s.autosave });
    expect(() => stop()).not.toThrow();
    expect(s.errors).toEqual([]);
  });

  it('null document and window say the same', () => {
    const stop = watchPageLifecycle(createTracker(), { document: null, window: null });
    stop();
  });

  it('uses the global document and window by default', () => {
    const doc = new BareTarget();
    const win = new BareTarget();
    vi.stubGlobal('document', doc);
    vi.stubGlobal('window', win);
    const flush = vi.fn(() => Promise.resolve());
    const stop = watchPageLifecycle(createTracker(), { autosave: { flush } });
    expect(doc.count()).toBe(3);
    expect(win.count()).toBe(2);
    win.fire('pagehide');
    expect(flush).toHaveBeenCalledTimes(1);
    stop();
    expect(doc.count() + win.count()).toBe(0);
  });

  it('a document alone: the window events are simply not watched', () => {
    const doc = new BareTarget();
    const stop = watchPageLifecycle(createTracker(), { document: doc, window: null });
    expect(doc.count()).toBe(3);
    stop();
  });
});

describe('watchPageLifecycle reports failures through the tracker, never throws from a handler', () => {
  it('a storage that fails: reported once, as the autosave reports it (STORAGE_FAILED)', async () => {
    const doc = new BareTarget();
    const errors: TrackerError[] = [];
    const tracker = createTracker({ clock: createManualClock(T0), onError: (e) => errors.push(e) });
    const broken: AutosaveStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => undefined,
    };
    const autosave = createAutosave(tracker, { storage: broken, key: 'w', throttleMs: 3_600_000 });
    autosaves.push(autosave);
    tracker.startSpan({ key: 'a', label: 'A' });
    watchPageLifecycle(tracker, { autosave, document: doc, window: null });
    expect(() => doc.fire('freeze')).not.toThrow();
    await new Promise((r) => setTimeout(r, 0));
    expect(errors.map((e) => e.code)).toEqual(['STORAGE_FAILED']);
  });

  it('a flush that throws: reported as HANDLER_FAILED with the cause', () => {
    const doc = new BareTarget();
    const errors: TrackerError[] = [];
    const tracker = createTracker({ onError: (e) => errors.push(e) });
    const boom = new Error('no flush today');
    watchPageLifecycle(tracker, {
      autosave: {
        flush: () => {
          throw boom;
        },
      },
      document: doc,
      window: null,
    });
    expect(() => doc.fire('freeze')).not.toThrow();
    expect(errors).toHaveLength(1);
    expect(errors[0]!.code).toBe('HANDLER_FAILED');
    expect(errors[0]!.details.cause).toBe(boom);
  });

  it('a flush that rejects with something else than a TrackerError: reported as HANDLER_FAILED', async () => {
    const doc = new BareTarget();
    const errors: TrackerError[] = [];
    const tracker = createTracker({ onError: (e) => errors.push(e) });
    watchPageLifecycle(tracker, { autosave: { flush: () => Promise.reject(new Error('later')) }, document: doc, window: null });
    doc.fire('freeze');
    await new Promise((r) => setTimeout(r, 0));
    expect(errors.map((e) => e.code)).toEqual(['HANDLER_FAILED']);
    expect(errors[0]!.message).toContain('later');
  });

  it('a clock that throws: reported as HANDLER_FAILED', () => {
    const doc = new BareTarget();
    const errors: TrackerError[] = [];
    const tracker = createTracker({ onError: (e) => errors.push(e) });
    vi.spyOn(tracker, 'now').mockImplementation(() => {
      throw new Error('clock broke');
    });
    watchPageLifecycle(tracker, { document: doc, window: null });
    expect(() => doc.fire('resume')).not.toThrow();
    expect(errors.map((e) => e.code)).toEqual(['HANDLER_FAILED']);
  });

  it('an onError that throws too: the handler still does not throw', () => {
    const doc = new BareTarget();
    const tracker = createTracker({
      onError: () => {
        throw new Error('onError broke');
      },
    });
    vi.spyOn(tracker, 'now').mockImplementation(() => {
      throw new Error('clock broke');
    });
    watchPageLifecycle(tracker, { document: doc, window: null });
    expect(() => doc.fire('resume')).not.toThrow();
  });
});

describe('watchPageLifecycle refuses what it cannot use', () => {
  const doc = new BareTarget();
  it.each([
    ['no tracker', undefined],
    ['an object without now()', { reportError: () => undefined }],
    ['an object without reportError()', { now: () => 0 }],
  ])('%s', (_name, tracker) => {
    expect(() => watchPageLifecycle(tracker as never, { document: doc, window: null })).toThrow(TypeError);
  });

  it.each([
    ['options that are not an object', 5],
    ['an autosave without flush()', { autosave: {} }],
    ['a document without addEventListener()', { document: {} }],
    ['a window without removeEventListener()', { window: { addEventListener: () => undefined } }],
  ])('%s', (_name, options) => {
    expect(() => watchPageLifecycle(createTracker(), options as never)).toThrow(TypeError);
  });
});
