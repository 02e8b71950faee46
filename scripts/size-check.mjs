#!/usr/bin/env node
// The core entry's size budget (issue 7): src/index.ts bundled for the browser with esbuild,
// minified, every dependency included, then gzip -9. Exits 1 when it is over the budget.
//   node scripts/size-check.mjs          prints the sizes
//   node scripts/size-check.mjs --json   prints one JSON line (for bench/)
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export const BUDGET_BYTES = 10_240;

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
  const { minified, gzip, inputs } = await measureBundle();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ minified, gzip, budget: BUDGET_BYTES }));
  } else {
    const top = Object.entries(inputs)
      .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
      .slice(0, 12)
      .map(([file, { bytesInOutput }]) => `  ${String(bytesInOutput).padStart(7)}  ${file}`);
    console.log(`core entry (src/index.ts, browser, minified): ${minified} B, gzip -9: ${gzip} B (budget ${BUDGET_BYTES} B)`);
    console.log(`largest inputs (minified bytes in output):\n${top.join('\n')}`);
    if (gzip > BUDGET_BYTES) console.error(`size-check: over budget by ${gzip - BUDGET_BYTES} B`);
  }
  if (gzip > BUDGET_BYTES) process.exit(1);
}
