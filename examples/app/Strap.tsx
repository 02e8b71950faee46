/**
 * A simulated heart-rate strap: once a second, a heart rate that climbs while the athlete works and
 * settles while resting or paused, recorded as a sensor sample (`recordSample`). Samples are not
 * changes of spans or records: they re-render nothing but this readout.
 */
import { useEffect, useState, type RefObject } from 'react';
import type { ExecutionTracker } from 'workout-spans';

export type Effort = 'work' | 'rest' | 'paused';

const TARGET: Record<Effort, number> = { work: 164, rest: 128, paused: 96 };

export function Strap({
  tracker,
  rootKey,
  effort,
  running,
}: {
  tracker: ExecutionTracker;
  rootKey: string;
  effort: RefObject<Effort>;
  running: boolean;
}) {
  const [on, setOn] = useState(false);
  const [bpm, setBpm] = useState<number | undefined>(undefined);
  useEffect(() => {
    if (!on || !running) return;
    let heart = 92;
    const id = setInterval(() => {
      heart += (TARGET[effort.current ?? 'work'] - heart) * 0.12 + (Math.random() - 0.5) * 3;
      const value = Math.round(heart);
      if (tracker.recordSample(rootKey, 'heartRate', value, 'bpm')) setBpm(value);
    }, 1000);
    return () => clearInterval(id);
  }, [on, running, tracker, rootKey, effort]);
  return (
    <div className="strap">
      <label>
        <input type="checkbox" data-testid="strap" checked={on} onChange={(e) => setOn(e.target.checked)} /> Heart-rate strap (simulated)
      </label>
      {on && bpm !== undefined && <span className="bpm">♥ {bpm} bpm</span>}
    </div>
  );
}
