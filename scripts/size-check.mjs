#!/usr/bin/env node
// The browser bundle budgets (issue 7): src/index.ts, and a runtime's import of it, bundled with esbuild,
// minified, every dependency included, then gzip -9. Exits 1 when one is over its budget.
//   node scripts/size-check.mjs          prints the sizes
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** Issue 7's goal for the core entry (not met yet: see README "Performance"). */
export const GOAL_BYTES = 10_240;
/**
 * What CI enforces today: regression budgets a little above the measured sizes, so that growth is
 * a decision, not an accident. Lower them as the core shrinks towards GOAL_BYTES.
 */
export const BUDGETS = {
  'core entry (everything in src/index.ts)': { contents: null, bytes: 35_500 },
  "a runtime's import (createTracker, createManualClock)": {
    contents: "export { createTracker, createManualClock } from './src/index.ts';",
    bytes: 18_500,
  },
};

/** Bundles an entry as a browser app would and returns its minified and gzip -9 sizes in bytes. */
export async function measureBundle(entry = 'src/index.ts', options = {}) {
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: fileURLToPath(new URL('..', import.meta.url)),
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
    ...options,
  });
  const code = result.outputFiles[0].contents;
  const inputs = Object.entries(result.metafile.outputs)[0][1].inputs;
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length, inputs };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  let over = false;
  for (const [name, { contents, bytes }] of Object.entries(BUDGETS)) {
    const options = contents === null ? {} : { entryPoints: undefined, stdin: { contents, resolveDir: root, loader: 'ts' } };
    const { minified, gzip, inputs } = await measureBundle('src/index.ts', options);
    const top = Object.entries(inputs)
      .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
      .slice(0, 8)
      .map(([file, { bytesInOutput }]) => `  ${String(bytesInOutput).padStart(7)}  ${file}`);
    console.log(
      `${name}, browser, minified: ${minified} B, gzip -9: ${gzip} B (CI budget ${bytes} B; issue 7 goal ${GOAL_BYTES} B: ${gzip <= GOAL_BYTES ? 'met' : 'missed'})`,
    );
    console.log(`largest inputs (minified bytes in output):\n${top.join('\n')}`);
    if (gzip > bytes) {
      console.error(`size-check: ${name} is over its budget by ${gzip - bytes} B`);
      over = true;
    }
  }
  if (over) process.exit(1);
}
