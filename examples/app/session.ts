/**
 * A live session: a tracker on the system clock, the block runtime driving it, an autosave to
 * localStorage, and the timer that wakes the runtime when one of its timers runs out. Nothing here
 * renders: the page reads the tracker through the React hooks.
 */
import { createTracker, ExecutionTracker, type TrackerError, type TrackerSnapshot } from 'workout-spans';
import { createAutosave, loadAutosave, watchPageLifecycle, webStorage, type AutosaveStorage } from 'workout-spans/persistence';
import { BlockRuntime, sessionOf, workoutOfSession, type WorkoutDefinition, type WorkoutId } from '../runtime/index';

/** Where the page keeps its session (two slots: `workout-spans:live:a` and `:b`). */
export const AUTOSAVE_KEY = 'workout-spans:live';

/** What the page's test reads: the tracker's changes and the renders of the component that shows them. */
export interface LiveStats {
  changes: number;
  renders: number;
}

export interface LiveSession {
  workout: WorkoutDefinition;
  tracker: ExecutionTracker;
  runtime: BlockRuntime;
  stats: LiveStats;
  /** Saves now (the page calls it when the workout ends; the tab hidden, frozen or closed saves by itself). */
  flush(): Promise<void>;
  /** Stops the timers, the autosave and the listeners (the page leaves the session). */
  close(): void;
}

/** The page's storage: localStorage, through the package's adapter. */
export function pageStorage(): AutosaveStorage {
  return webStorage(window.localStorage);
}

function onTrackerError(error: TrackerError): void {
  console.warn(`workout-spans: ${error.code}: ${error.message}`);
}

/**
 * Wakes the runtime when its next timer runs out: after every change of the tracker (a set done, a
 * pause), the runtime says how long until its next timer is due and one timeout is set for it.
 * Nothing runs between: no polling.
 */
function wakeOnTimers(runtime: BlockRuntime): () => void {
  let timeout: ReturnType<typeof setTimeout> | undefined;
  const plan = (): void => {
    clearTimeout(timeout);
    const due = runtime.dueIn();
    if (due !== undefined) timeout = setTimeout(() => runtime.tick(), due);
  };
  const unsubscribe = runtime.tracker.subscribe(plan);
  plan();
  return () => {
    clearTimeout(timeout);
    unsubscribe();
  };
}

function attach(workout: WorkoutDefinition, tracker: ExecutionTracker, runtime: BlockRuntime, storage: AutosaveStorage): LiveSession {
  const stats: LiveStats = { changes: 0, renders: 0 };
  const counting = tracker.subscribe(() => void stats.changes++);
  const autosave = createAutosave(tracker, { storage, key: AUTOSAVE_KEY, throttleMs: 500 });
  const flush = (): Promise<void> => autosave.flush().catch(() => undefined);
  // Saved when the tab is hidden, frozen or closed (a phone may discard a hidden tab without a
  // pagehide); back on screen, the clock is read at once, so a device that slept shows as a pause.
  const unwatch = watchPageLifecycle(tracker, { autosave });
  const sleep = wakeOnTimers(runtime);
  const session: LiveSession = {
    workout,
    tracker,
    runtime,
    stats,
    flush,
    close() {
      unwatch();
      sleep();
      counting();
      autosave.stop();
    },
  };
  exposeForTests(session);
  return session;
}

/** Starts a workout: a new tracker, the runtime, its session pushed. */
export function startSession(id: WorkoutId, storage: AutosaveStorage = pageStorage()): LiveSession {
  const tracker = createTracker({ onError: onTrackerError });
  tracker.on('metric:rejected', () => undefined); // the page shows refusals itself (see Notices)
  const runtime = new BlockRuntime(tracker);
  const session = attach(workoutOfSession(sessionOf(id).key)!, tracker, runtime, storage);
  runtime.start(sessionOf(id));
  void session.flush();
  return session;
}

/** What the page finds on load: a session to carry on, the last one finished, or nothing. */
export type Saved = { kind: 'live'; session: LiveSession } | { kind: 'finished'; snapshot: TrackerSnapshot } | { kind: 'none' };

/**
 * Reads the autosave. A session still running is restored (`ExecutionTracker.restore`: the time the
 * page was away is an 'Interrupted' pause) and its runtime rebuilt from the restored spans.
 */
export async function loadSaved(storage: AutosaveStorage = pageStorage()): Promise<Saved> {
  let snapshot: TrackerSnapshot | null;
  try {
    snapshot = await loadAutosave(storage, AUTOSAVE_KEY);
  } catch (error) {
    console.warn('workout-spans: the saved session could not be read', error);
    return { kind: 'none' };
  }
  if (snapshot === null) return { kind: 'none' };
  const root = snapshot.spans.find((s) => s.parentSpanId === null);
  const workout = root === undefined ? undefined : workoutOfSession(root.blockId);
  if (root === undefined || workout === undefined) return { kind: 'none' };
  if (root.status !== 'active') return { kind: 'finished', snapshot };
  const tracker = ExecutionTracker.restore(snapshot, { onError: onTrackerError });
  tracker.on('metric:rejected', () => undefined);
  const runtime = new BlockRuntime(tracker);
  const session = attach(workout, tracker, runtime, storage);
  if (!runtime.restore(sessionOf(workout.id))) {
    session.close();
    return { kind: 'finished', snapshot };
  }
  return { kind: 'live', session };
}

declare global {
  interface Window {
    /** The live session, for the page's browser test and for a look from the devtools. */
    __workoutSpans?: LiveSession;
  }
}

function exposeForTests(session: LiveSession): void {
  window.__workoutSpans = session;
}
