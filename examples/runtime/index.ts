import { type MetricRejectedEvent } from 'workout-spans';
import { createMetricAggregator } from 'workout-spans/aggregation';
import { renderTree } from 'workout-spans/export';
import { runEmomThroughActions } from './emom';
import { runFranThroughActions } from './fran';

export { TinyRuntime, StartSpanAction, EndSpanAction } from './tiny-runtime';
export type { Behavior, Block } from './tiny-runtime';
export { spanBehavior, effortBehavior, roundsBehavior, minutesBehavior, block } from './behaviors';
export { runFranThroughActions, T0 } from './fran';
export { runEmomThroughActions } from './emom';

const seconds = (ms: number): string => `${Math.round(ms / 1000)} s`;

/**
 * Runs Fran and an EMOM 10 with RestBehavior through a tiny block runtime (actions only), with a
 * metric aggregator plugged in as a processor, and prints each tree. Returns what it printed.
 */
export function main(print: (text: string) => void = (text) => console.log(text)): string {
  const out: string[] = [];
  const say = (text: string): void => {
    out.push(text);
    print(text);
  };

  const franStats = createMetricAggregator([
    { name: 'thrusters', match: { spanType: 'effort', exerciseId: 'thruster' }, measure: 'duration' },
    { name: 'reps', match: { key: 'reps' }, measure: 'value' },
  ]);
  const fran = runFranThroughActions({}, (rt) => rt.executionTracker.addProcessor(franStats));
  say('Fran, driven by a block runtime through actions only:');
  say(renderTree(fran.executionTracker.getSnapshot()));
  const thrusters = franStats.read('thrusters');
  say(
    `  thruster sets ${thrusters.count}, median ${seconds(thrusters.p50)}, total ${seconds(thrusters.sum)}; reps ${franStats.read('reps').sum}`,
  );
  say(`  actions run: ${fran.log.length}`);
  say('');

  const rejected: MetricRejectedEvent[] = [];
  const emomStats = createMetricAggregator([
    { name: 'rest', match: { label: 'Rest' }, measure: 'duration' },
    { name: 'burpees', match: { exerciseId: 'burpee', key: 'reps' }, measure: 'value' },
  ]);
  const emom = runEmomThroughActions({}, (rt) => {
    rt.executionTracker.addProcessor(emomStats);
    rt.executionTracker.on('metric:rejected', (e) => rejected.push(e));
  });
  say('EMOM 10 with RestBehavior, driven through actions only:');
  say(renderTree(emom.executionTracker.getSnapshot(), { segments: false }));
  const rest = emomStats.read('rest');
  say(`  rest blocks ${rest.count} × ${seconds(rest.p50)}; burpee reps ${emomStats.read('burpees').sum}`);
  for (const r of rejected) say(`  rejected: ${String(r.value)} ${r.key} on '${r.blockId}' (${r.reason})`);
  return out.join('\n');
}
