/** Runs one benchmark by name, e.g. `npx tsx bench/run-one.ts effort` (to profile a single one). */
import { table, type Row } from './harness';

const load: Record<string, () => Promise<Row | Row[]>> = {
  effort: async () => (await import('./effort')).benchEffortSpan(),
  allocation: async () => (await import('./allocation')).benchAllocation(),
  'effort-browser': async () => (await import('./effort-browser')).benchEffortBrowser(),
  flat: async () => (await import('./flat-cost')).benchFlatCost(),
  heap: async () => (await import('./heap')).benchHeap(),
  'heap-browser': async () => (await import('./heap-browser')).benchHeapBrowser(),
  persistence: async () => (await import('./persistence')).benchPersistence(),
  autosave: async () => (await import('./autosave')).benchAutosave(),
  'long-session': async () => (await import('./long-session')).benchLongSession(),
  snapshot: async () => (await import('./snapshot')).benchSnapshot(),
  size: async () => (await import('./size')).benchSize(),
  segments: async () => (await import('./segments')).benchSegments(),
  samples: async () => (await import('./samples')).benchSamples(),
};
const name = process.argv[2];
const run = name === undefined ? undefined : load[name];
if (run === undefined) {
  console.error(`usage: tsx bench/run-one.ts ${Object.keys(load).join('|')}`);
  process.exit(2);
}
console.log(table([await run()].flat()));
