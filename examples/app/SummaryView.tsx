/** The summary at the end: score, totals, splits, exercises, anomalies and heart rate (from `summarize`). */
import type { WorkoutSummary } from 'workout-spans/analysis';
import { formatDuration } from 'workout-spans/export';

export function SummaryView({ summary, title }: { summary: WorkoutSummary; title: string }) {
  const t = summary.totals;
  const heart = summary.samples.heartRate;
  return (
    <section className="summary" data-testid="summary">
      <h2>
        {title}: <span data-testid="score">{summary.score.display}</span>
      </h2>
      <dl className="totals">
        <dt>Running</dt>
        <dd data-testid="total-elapsed">{formatDuration(t.elapsedMs)}</dd>
        <dt>Work</dt>
        <dd data-testid="total-work">{formatDuration(t.workMs)}</dd>
        <dt>Rest</dt>
        <dd data-testid="total-rest">{formatDuration(t.restMs)}</dd>
        <dt>Paused</dt>
        <dd data-testid="total-paused">{formatDuration(t.pausedMs)}</dd>
        <dt>On the wall</dt>
        <dd data-testid="total-wall">{formatDuration(t.totalMs)}</dd>
      </dl>
      {summary.rounds.length > 0 && (
        <table data-testid="splits">
          <caption>
            Rounds
            {summary.splits.count > 1 && ` · median ${formatDuration(summary.splits.p50)}, spread ${Math.round(summary.splits.cv * 100)} %`}
          </caption>
          <thead>
            <tr>
              <th>Round</th>
              <th>Time</th>
              <th>Reps</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {summary.rounds.map((r) => (
              <tr key={r.index}>
                <td>{r.label}</td>
                <td>{formatDuration(r.elapsedMs)}</td>
                <td>{r.reps}</td>
                <td>{r.finished ? '' : 'partial'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {summary.minutes.length > 0 && (
        <table data-testid="minutes">
          <caption>Minutes</caption>
          <thead>
            <tr>
              <th>Minute</th>
              <th>Reps</th>
              <th>Work</th>
              <th>Rest</th>
            </tr>
          </thead>
          <tbody>
            {summary.minutes.map((m) => (
              <tr key={m.index}>
                <td>{m.label}</td>
                <td>{m.reps}</td>
                <td>{formatDuration(m.workMs)}</td>
                <td>{formatDuration(m.restMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <table data-testid="exercises">
        <caption>Exercises</caption>
        <thead>
          <tr>
            <th>Exercise</th>
            <th>Reps</th>
            <th>Volume</th>
            <th>Time</th>
          </tr>
        </thead>
        <tbody>
          {summary.exercises.map((e) => (
            <tr key={e.exerciseId}>
              <td>{e.exerciseId}</td>
              <td>
                {e.reps}
                {e.targetReps !== undefined && e.targetReps !== e.reps ? ` of ${e.targetReps}` : ''}
              </td>
              <td>{e.volume > 0 ? e.volume : ''}</td>
              <td>{formatDuration(e.durationMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {heart !== undefined && (
        <p className="heart" data-testid="heart-rate">
          Heart rate: mean {Math.round(heart.mean)} {heart.unit}, {heart.min}–{heart.max} ({heart.count} samples)
        </p>
      )}
      <ul className="anomalies" data-testid="anomalies">
        {summary.anomalies.length === 0 ? (
          <li>No anomalies: no slow round, no fatigue, no long pause.</li>
        ) : (
          summary.anomalies.map((a, i) => (
            <li key={i}>
              <strong>{a.kind}</strong> {a.label}: {a.detail}
            </li>
          ))
        )}
      </ul>
    </section>
  );
}
