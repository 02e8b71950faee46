/**
 * `npm run bench`: the benchmarks in one process, printed as a markdown table (docs/performance.md
 * explains each row).
 * Timings are medians per operation; each ratio is the median of per-round ratios measured side by
 * side, so that the noise of the machine cancels out as far as it can. The heap figures come from
 * child processes run with --expose-gc (bench/heap.ts); rows 1d and 3b come from Chromium
 * (bench/effort-browser.ts, bench/heap-browser.ts) when it is installed.
 */
import { cpus } from 'node:os';
import { benchAllocation } from './allocation';
import { benchAutosave } from './autosave';
import { benchEffortSpan } from './effort';
import { benchEffortBrowser } from './effort-browser';
import { benchFlatCost } from './flat-cost';
import { table, type Row } from './harness';
import { benchHeap } from './heap';
import { benchHeapBrowser } from './heap-browser';
import { benchLongSession } from './long-session';
import { benchPersistence } from './persistence';
import { benchSamples } from './samples';
import { benchSegments } from './segments';
import { benchSnapshot } from './snapshot';
import { benchSize } from './size';

const steps: [string, () => Promise<Row | Row[]>][] = [
  ['1 full effort span vs OpenTelemetry', async () => [...(await benchEffortSpan()), await benchAllocation(), await benchEffortBrowser()]],
  ['2 hot path with 100 000 completed spans', benchFlatCost],
  ['3 retained heap per span', async () => [await benchHeap(), await benchHeapBrowser()]],
  ['4 serialize + deserialize', benchPersistence],
  ['5 getSnapshot after one change', benchSnapshot],
  ['6 core bundle size', benchSize],
  ['7 change + read on a span with 10 000 segments', benchSegments],
  ['8 retained heap per sensor sample', benchSamples],
  ['9 two-hour session: document size, serialize, deserialize', benchLongSession],
  ['10 one autosave: two-hour vs one-minute session', benchAutosave],
];

const started = performance.now();
const rows: Row[] = [];
for (const [name, run] of steps) {
  const t = performance.now();
  process.stderr.write(`bench ${name} … `);
  const got = [await run()].flat();
  got.forEach((row, i) =>
    rows.push({ ...row, id: `${steps.findIndex((s) => s[0] === name) + 1}${i === 0 ? '' : String.fromCharCode(97 + i)}` }),
  );
  process.stderr.write(`${((performance.now() - t) / 1000).toFixed(1)} s\n`);
}
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `\nworkout-spans benchmarks — Node ${process.version}, ${cpus().length} × ${cpu}, ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
);
console.log(table(rows));
