#!/usr/bin/env node
// Bundle budgets, per entry: each bundled for the browser with esbuild, minified, then gzip -9.
//   node scripts/size-check.mjs     prints the sizes; exits 1 when one is over its budget
// - "a runtime's import": createTracker + recordMetric with every dependency bundled (what a block
//   runtime pays for the tracker), against the goal GOAL_BYTES;
// - the core entry whole, with its dependencies;
// - every other entry alone: the core, the other entries and the optional peers left external, as
//   the build leaves them (what importing that entry adds on top of the core).
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** The goal for a runtime's import of the tracker (OpenTelemetry's web tracing with a span processor: 13.7 kB). */
export const GOAL_BYTES = 10_240;

const EXTERNAL = ['workout-spans', 'workout-spans/*', 'react', 'react-dom', '@opentelemetry/api', '@garmin/fitsdk'];

/**
 * name → [what is bundled, budget in gzip bytes]: regression budgets a little above the sizes
 * measured, so that growth is a decision. The runtime's import is reported against GOAL_BYTES too.
 */
export const BUDGETS = {
  // 0.2: the tracker's methods cannot be left out of a bundle one by one, so a runtime's import holds
  // all of the core (restore, samples, the memory, the compact form of ended spans): 21.5 kB
  // measured, above the 10 kB goal (docs/performance.md says why).
  "a runtime's import (createTracker + recordMetric, deps bundled)": [
    "import { createTracker } from 'workout-spans'; export const t = createTracker(); t.recordMetric('b', 'reps', 1, 'reps');",
    21_800,
  ],
  'workout-spans (core entry, deps bundled)': ["export * from 'workout-spans';", 22_300],
  // 0.2: format version 2 (writer and decoder), version 1 read through its checks, the change log, IndexedDB.
  'workout-spans/persistence': ['src/persistence/index.ts', 22_000],
  'workout-spans/analysis': ['src/analysis/index.ts', 6_500],
  'workout-spans/export': ['src/export/index.ts', 13_500],
  'workout-spans/runtime': ['src/runtime/index.ts', 7_500],
  'workout-spans/aggregation': ['src/aggregation/index.ts', 4_000],
  'workout-spans/react': ['src/react/index.ts', 1_200],
  'workout-spans/otel': ['src/otel/index.ts', 2_000],
  'workout-spans/fit': ['src/fit/index.ts', 3_000],
  'workout-spans/compat': ['src/compat/index.ts', 2_500],
};

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Bundles `what` (a file, or module text when it holds a space) as a browser app would; returns the
 * minified and gzip -9 sizes in bytes and the inputs. Entries other than the core are measured alone.
 */
export async function measureBundle(what) {
  const isText = what.includes(' ');
  const result = await build({
    ...(isText ? { stdin: { contents: what, resolveDir: root, loader: 'ts' } } : { entryPoints: [what] }),
    absWorkingDir: root,
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
    external: isText ? [] : EXTERNAL,
  });
  const code = result.outputFiles[0].contents;
  const inputs = Object.entries(result.metafile.outputs)[0][1].inputs;
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length, inputs };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let over = false;
  for (const [name, [what, budget]] of Object.entries(BUDGETS)) {
    const { minified, gzip, inputs } = await measureBundle(what);
    const top = Object.entries(inputs)
      .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
      .slice(0, 6)
      .map(([file, { bytesInOutput }]) => `    ${String(bytesInOutput).padStart(7)}  ${file}`);
    const goal = name.startsWith("a runtime's import") ? `; goal ${GOAL_BYTES} B: ${gzip <= GOAL_BYTES ? 'met' : 'missed'}` : '';
    console.log(`${name}: ${minified} B minified, ${gzip} B gzip -9 (budget ${budget} B${goal})\n${top.join('\n')}`);
    if (gzip > budget) {
      console.error(`size-check: ${name} is over its budget by ${gzip - budget} B`);
      over = true;
    }
  }
  if (over) process.exit(1);
}
