/**
 * Clock digits. They are the one thing on the page that changes while the tracker does not, so they
 * have a timer of their own, and re-render only themselves: the time is read from the span they are
 * given (`spanTotals` at the system clock's now), never by asking the tracker.
 */
import { useEffect, useState } from 'react';
import { systemClock, type ExecutionSpan, type TimeSegment } from 'workout-spans';
import { spanTotals } from 'workout-spans/analysis';
import { formatDuration } from 'workout-spans/export';

/** Re-renders the calling component every `everyMs` while `running`. */
function useTicking(running: boolean, everyMs = 200): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!running) return;
    const id = setInterval(() => setTick((n) => n + 1), everyMs);
    return () => clearInterval(id);
  }, [running, everyMs]);
}

/** A countdown shows whole seconds rounded up: 0:01 until the last millisecond. */
export function formatCountdown(ms: number): string {
  return formatDuration(Math.ceil(Math.max(0, ms) / 1000) * 1000);
}

/** The span's running time now (pauses excluded). */
function elapsedNow(span: ExecutionSpan): number {
  return spanTotals(span, span.endTime ?? systemClock.now()).elapsedMs;
}

/** The big clock: time left of a capped workout, else time elapsed; the wall-clock total below it. */
export function BigClock({ workout }: { workout: ExecutionSpan }) {
  useTicking(workout.status === 'active' && !workout.paused);
  const at = workout.endTime ?? systemClock.now();
  const totals = spanTotals(workout, at);
  const cap = workout.timer?.direction === 'down' ? workout.timer.durationMs : undefined;
  const main = cap === undefined ? formatDuration(totals.elapsedMs) : formatCountdown(cap - totals.elapsedMs);
  return (
    <section className={`clock${workout.paused ? ' paused' : ''}`} aria-label="clock">
      <div className="digits" data-testid="clock">
        {main}
      </div>
      <div className="under">
        {cap === undefined ? 'elapsed' : `left of ${formatDuration(cap)}`}
        {' · '}
        <span data-testid="clock-elapsed">{formatDuration(totals.elapsedMs)}</span> running
        {totals.pausedMs > 0 ? ` · ${formatDuration(totals.pausedMs)} paused` : ''}
      </div>
    </section>
  );
}

/** Time left on a block's own timer (a rest, a timed set). */
export function Countdown({ span, label }: { span: ExecutionSpan; label: string }) {
  useTicking(span.status === 'active' && !span.paused);
  const planned = span.timer?.durationMs;
  if (planned === undefined) return null;
  return (
    <div className="countdown" data-testid="countdown">
      <span>{label}</span> <strong>{formatCountdown(planned - elapsedNow(span))}</strong>
    </div>
  );
}

/** An EMOM's minute: which, and the time left in it. */
export function MinuteClock({ emom, minute, of }: { emom: ExecutionSpan; minute: TimeSegment; of: number | undefined }) {
  useTicking(emom.status === 'active' && !emom.paused);
  const index = (minute.index ?? 0) + 1;
  const left = index * 60_000 - elapsedNow(emom);
  return (
    <div className="countdown" data-testid="minute">
      <span>
        Minute {index}
        {of === undefined ? '' : ` of ${of}`}
      </span>{' '}
      <strong>{formatCountdown(left)}</strong> left
    </div>
  );
}
