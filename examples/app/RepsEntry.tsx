/** Reps for the current effort: "Done" finishes the set with the reps typed, "Log" adds reps without moving on. */
import { useState } from 'react';
import type { ExecutionSpan } from 'workout-spans';
import type { BlockRuntime } from '../runtime/index';

export function RepsEntry({ effort, repsDone, runtime }: { effort: ExecutionSpan; repsDone: number; runtime: BlockRuntime }) {
  const target = effort.metrics.targetReps;
  const timed = effort.timer?.durationMs !== undefined;
  const left = target === undefined ? 0 : Math.max(0, target - repsDone);
  const [value, setValue] = useState(String(timed ? '' : left));
  const reps = Number(value);
  const valid = value.trim() !== '' && Number.isInteger(reps) && reps >= 0;
  return (
    <form
      className="reps"
      onSubmit={(e) => {
        e.preventDefault();
        if (timed) {
          if (valid && reps > 0) runtime.logReps(reps);
        } else runtime.next(valid ? { reps } : {});
      }}
    >
      <label>
        Reps
        <input
          data-testid="reps-input"
          inputMode="numeric"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder={timed ? 'count' : String(left)}
        />
      </label>
      {!timed && (
        <button type="submit" data-testid="done" className="primary">
          Done
        </button>
      )}
      <button
        type={timed ? 'submit' : 'button'}
        data-testid="log"
        disabled={!valid || reps === 0}
        onClick={timed ? undefined : () => runtime.logReps(reps)}
      >
        Log reps
      </button>
    </form>
  );
}
