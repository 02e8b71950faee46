/**
 * The workout as it runs. This component reads the tracker only through the package's React hooks
 * (`useExecutionSpans`, `useWorkoutSummary`): it renders once per change of the tracker (one per
 * runtime turn: a set done, a pause, a timer that ran out) and never polls. Clock digits tick in
 * components of their own.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useExecutionSpans, useWorkoutSummary } from 'workout-spans/react';
import { BigClock, Countdown, MinuteClock } from './Ticking';
import { liveState } from './live-state';
import { Notices } from './Notices';
import { RepsEntry } from './RepsEntry';
import type { LiveSession } from './session';
import { Strap, type Effort } from './Strap';
import { SummaryView } from './SummaryView';
import { Timeline } from './Timeline';

export function LiveWorkout({ session, onLeave }: { session: LiveSession; onLeave: () => void }) {
  const { tracker, runtime, workout: definition } = session;
  const view = useExecutionSpans(tracker);
  const summary = useWorkoutSummary(tracker);
  useEffect(() => {
    session.stats.renders++;
  });
  const live = useMemo(() => liveState(view.snapshot), [view.snapshot]);
  const effortRef = useRef<Effort>('work');
  effortRef.current = live.paused ? 'paused' : live.rest !== undefined ? 'rest' : 'work';
  useEffect(() => {
    if (live.finished) void session.flush();
  }, [live.finished, session]);

  const { workout, effort, rest, round, minute, top } = live;
  if (workout === undefined || live.session === undefined) return null;
  const totalRounds = workout.metrics.totalRounds ?? view.snapshot.spans.find((s) => s.parentSpanId === workout.id)?.metrics.totalRounds;
  return (
    <main className="live" data-state={live.finished ? 'finished' : live.paused ? 'paused' : 'running'}>
      <header>
        <h1>{definition.title}</h1>
        <p>{definition.summary}</p>
      </header>
      {live.finished && summary !== undefined ? (
        <>
          <SummaryView summary={summary} title={definition.title} />
          <button className="primary" data-testid="new" onClick={onLeave}>
            New workout
          </button>
        </>
      ) : (
        <>
          <BigClock workout={workout} />
          <section className="now">
            {round !== undefined && (
              <div className="round" data-testid="round">
                {round.label}
                {totalRounds !== undefined ? ` of ${totalRounds}` : ''}
              </div>
            )}
            {minute !== undefined && workout.type === 'emom' && (
              <MinuteClock
                emom={workout}
                minute={minute}
                of={workout.timer?.durationMs === undefined ? undefined : workout.timer.durationMs / 60_000}
              />
            )}
            {effort !== undefined && (
              <div className="effort" data-testid="effort">
                <span className="what">{effort.label}</span>
                {effort.metrics.targetReps !== undefined && <span className="target"> × {effort.metrics.targetReps}</span>}
                {effort.metrics.weight !== undefined && (
                  <span className="load">
                    {' '}
                    @ {effort.metrics.weight.value} {effort.metrics.weight.unit}
                  </span>
                )}
                <span className="done" data-testid="reps-done">
                  {live.repsDone} done
                </span>
              </div>
            )}
            {rest !== undefined && <Countdown span={rest} label="Rest" />}
            {effort !== undefined && effort.timer?.durationMs !== undefined && <Countdown span={effort} label="Work" />}
            {effort !== undefined && (
              <RepsEntry key={`${effort.id}:${live.repsDone}`} effort={effort} repsDone={live.repsDone} runtime={runtime} />
            )}
          </section>
          <nav className="controls">
            {live.paused ? (
              <button className="primary" data-testid="resume" onClick={() => runtime.resume()}>
                Resume
              </button>
            ) : (
              <button data-testid="pause" onClick={() => runtime.pause()}>
                Pause
              </button>
            )}
            <button data-testid="skip" disabled={top === undefined || top.id === workout.id} onClick={() => runtime.skip()}>
              Skip
            </button>
            <button data-testid="end" onClick={() => runtime.abort()}>
              End workout
            </button>
          </nav>
        </>
      )}
      <Notices tracker={tracker} />
      {!live.finished && <Strap tracker={tracker} rootKey={live.session.blockId} effort={effortRef} running />}
      <Timeline snapshot={view.snapshot} rootSpanId={workout.id} title={definition.title} />
    </main>
  );
}
