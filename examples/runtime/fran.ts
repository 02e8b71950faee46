import type { TrackerOptions } from 'workout-spans';
import { block, effortBehavior, roundsBehavior } from './behaviors';
import { TinyRuntime } from './tiny-runtime';

export const T0 = 1_700_000_000_000;

const SCHEME = [21, 15, 9];
const THRUSTER_MS = [60_000, 40_000, 30_000];
const PULLUP_MS = [45_000, 35_000, 30_000];

/** S1 Fran (21-15-9 thrusters at 95 lb and pull-ups) driven by a block runtime through actions only.
 * `prepare` runs before the first block is pushed (to plug processors or listeners in). */
export function runFranThroughActions(options: TrackerOptions = {}, prepare?: (rt: TinyRuntime) => void): TinyRuntime {
  const rt = new TinyRuntime(T0, options);
  prepare?.(rt);
  rt.push(block('fran-timer', 'For Time', 'timer', [], { timer: { direction: 'up' } }));
  rt.push(block('fran-rounds', '21-15-9', 'rounds', [roundsBehavior(SCHEME)]));
  SCHEME.forEach((reps, i) => {
    const r = i + 1;
    rt.next();
    rt.push(block(`fran-thrusters-${r}`, 'Thrusters', 'effort', [effortBehavior({ exerciseId: 'thruster', reps, weightLb: 95 })]));
    rt.advance(THRUSTER_MS[i]!);
    rt.pop();
    rt.push(block(`fran-pullups-${r}`, 'Pull-ups', 'effort', [effortBehavior({ exerciseId: 'pull-up', reps })]));
    rt.advance(PULLUP_MS[i]!);
    rt.pop();
  });
  rt.pop();
  rt.pop();
  return rt;
}
