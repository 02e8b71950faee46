/**
 * The live workout page: pick a workout and run it on the system clock through the example block
 * runtime; the session is saved to localStorage as it runs, and a reload carries on where it stood.
 */
import { useEffect, useMemo, useState } from 'react';
import type { TrackerSnapshot } from 'workout-spans';
import { summarize } from 'workout-spans/analysis';
import { WORKOUTS, workoutOfSession, type WorkoutId } from '../runtime/index';
import { LiveWorkout } from './LiveWorkout';
import { loadSaved, startSession, type LiveSession } from './session';
import { SummaryView } from './SummaryView';

type Screen = { kind: 'loading' } | { kind: 'pick'; last?: TrackerSnapshot } | { kind: 'live'; session: LiveSession };

export function App() {
  const [screen, setScreen] = useState<Screen>({ kind: 'loading' });
  useEffect(() => {
    let cancelled = false;
    void loadSaved().then((saved) => {
      if (cancelled) {
        if (saved.kind === 'live') saved.session.close();
        return;
      }
      setScreen(
        saved.kind === 'live'
          ? { kind: 'live', session: saved.session }
          : { kind: 'pick', last: saved.kind === 'finished' ? saved.snapshot : undefined },
      );
    });
    return () => {
      cancelled = true;
    };
  }, []);
  const session = screen.kind === 'live' ? screen.session : undefined;
  useEffect(() => (session === undefined ? undefined : () => session.close()), [session]);

  if (screen.kind === 'loading') return <p className="loading">Loading…</p>;
  if (screen.kind === 'live')
    return (
      <LiveWorkout
        key={screen.session.tracker.getSnapshot().spans[0]?.id}
        session={screen.session}
        onLeave={() => setScreen({ kind: 'pick', last: screen.session.tracker.getSnapshot() })}
      />
    );
  return <Picker last={screen.last} onStart={(id) => setScreen({ kind: 'live', session: startSession(id) })} />;
}

function Picker({ last, onStart }: { last: TrackerSnapshot | undefined; onStart: (id: WorkoutId) => void }) {
  const lastSummary = useMemo(() => (last === undefined ? undefined : summarize(last)), [last]);
  const lastTitle = last === undefined ? undefined : workoutOfSession(last.spans[0]?.blockId ?? '')?.title;
  return (
    <main className="picker">
      <header>
        <h1>Live workout</h1>
        <p>Pick a workout. It runs on this device’s clock and is saved as it goes: reload the page and it carries on.</p>
      </header>
      <ul className="workouts">
        {WORKOUTS.map((w) => (
          <li key={w.id}>
            <button className="primary" data-testid={`start-${w.id}`} onClick={() => onStart(w.id)}>
              {w.title}
            </button>
            <span>{w.summary}</span>
          </li>
        ))}
      </ul>
      {lastSummary !== undefined && lastTitle !== undefined && (
        <section className="last">
          <h2>Last workout</h2>
          <SummaryView summary={lastSummary} title={lastTitle} />
        </section>
      )}
    </main>
  );
}
