import { type TrackerOptions } from 'workout-spans';
import { EmitMetricAction, RestBehavior } from 'workout-spans/runtime';
import { block, effortBehavior, minutesBehavior } from './behaviors';
import { T0 } from './fran';
import { TinyRuntime } from './tiny-runtime';

/**
 * An EMOM 10 driven through actions only: at the top of each minute 10 burpees (35 s), then a
 * `Rest` block carrying `RestBehavior(20 000)` from 40 s to 60 s. In minute 4 a sensor sends 3 reps
 * at 45 s, while the current block is resting: the tracker rejects them with reason 'rest'.
 * `prepare` runs before the first block is pushed (to plug processors or listeners in).
 */
export function runEmomThroughActions(options: TrackerOptions = {}, prepare?: (rt: TinyRuntime) => void): TinyRuntime {
  const rt = new TinyRuntime(T0, options);
  prepare?.(rt);
  rt.push(block('emom', 'EMOM 10', 'emom', [minutesBehavior()], { timer: { direction: 'down', durationMs: 600_000 } }));
  for (let m = 1; m <= 10; m++) {
    rt.clock.set(T0 + (m - 1) * 60_000);
    rt.next();
    rt.push(block(`emom-burpees-${m}`, 'Burpees', 'effort', [effortBehavior({ exerciseId: 'burpee', reps: 10 })]));
    rt.advance(35_000);
    rt.pop();
    rt.advance(5_000);
    rt.push(block(`emom-rest-${m}`, 'Rest', 'group', [new RestBehavior(20_000)]));
    if (m === 4) {
      rt.advance(5_000);
      rt.run([new EmitMetricAction('reps', 3, 'reps', 'sensor')]);
    }
    rt.clock.set(T0 + m * 60_000);
    rt.pop();
  }
  rt.pop();
  return rt;
}
