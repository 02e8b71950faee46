/**
 * For information beside benchmark 1: bytes allocated per full effort span, the tracker's and the
 * contract floor's (bench/contract-floor.ts). Unlike a time, this is exact: each case runs in a child
 * process whose young generation is large enough that no collection runs while it is measured, and
 * `heapUsed` is read before and after.
 *
 * `node --expose-gc --min-semi-space-size=1024 --max-semi-space-size=1024 --import tsx bench/allocation.ts ours|floor`
 * prints one JSON line; `allocationFigures()` runs both.
 */
import { fileURLToPath } from 'node:url';
import { runCase } from './child';
import { FloorStore } from './contract-floor';
import { fmtKb, type Row } from './harness';
import { fullEffortSpan, subscribedTracker } from './workloads';

const SPANS = 20_000;
const FLAGS = ['--expose-gc', '--min-semi-space-size=1024', '--max-semi-space-size=1024'];

const cases: Record<string, () => () => void> = {
  ours: () => {
    const tracker = subscribedTracker();
    return () => fullEffortSpan(tracker);
  },
  floor: () => {
    const store = new FloorStore();
    return () => store.add();
  },
};

function measure(setup: () => () => void): number {
  const warm = setup();
  for (let i = 0; i < 2_000; i++) warm();
  const run = setup();
  (globalThis as { gc?: () => void }).gc!();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < SPANS; i++) run();
  return (process.memoryUsage().heapUsed - before) / SPANS;
}

export function allocationFigures(): Record<string, number> {
  const self = fileURLToPath(import.meta.url);
  const out: Record<string, number> = {};
  for (const name of Object.keys(cases)) out[name] = runCase<{ bytesPerSpan: number }>(self, FLAGS, name).bytesPerSpan;
  return out;
}

export async function benchAllocation(): Promise<Row> {
  const f = allocationFigures();
  return {
    benchmark: 'bytes allocated per full effort span (no collection while measured), vs the contract floor building the same records',
    ours: fmtKb(f.ours!),
    reference: `floor: ${fmtKb(f.floor!)}`,
    ratio: `${(f.ours! / f.floor!).toFixed(2)}× the floor`,
    goal: '(information)',
    met: undefined,
  };
}

const which = process.argv[2];
if (process.argv[1] === fileURLToPath(import.meta.url) && which !== undefined) {
  const setup = cases[which];
  if (setup === undefined) throw new Error(`unknown case '${which}': ${Object.keys(cases).join(', ')}`);
  console.log(JSON.stringify({ case: which, spans: SPANS, bytesPerSpan: Math.round(measure(setup)) }));
}
