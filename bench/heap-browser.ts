/**
 * Benchmark 3 again, in Chromium: retained heap per completed span where a UI of this library runs.
 * Chromium's V8 compresses pointers (4-byte fields); Node's does not (8-byte fields), so the same
 * objects take about 40 % less room there. Skipped when /usr/bin/chromium is missing.
 *
 * `npx tsx bench/heap-browser.ts` prints the figures; `benchHeapBrowser()` gives the table row.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { fmtKb, type Row } from './harness';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const SPANS = 20_000;
const CASES = ['ours', 'floor', 'otel'] as const;

async function pageScript(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./browser/heap-cases.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** Bytes retained per span by each case, each in a fresh page. */
export async function browserHeapFigures(): Promise<Record<(typeof CASES)[number], number> | undefined> {
  if (!existsSync(CHROMIUM)) return undefined;
  const script = await pageScript();
  const userDataDir = mkdtempSync(join(tmpdir(), 'workout-spans-bench-'));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: ARGS, offline: true });
  try {
    const out = {} as Record<(typeof CASES)[number], number>;
    for (const name of CASES) {
      const page = await context.newPage();
      await page.setContent('<!doctype html><title>heap</title>');
      await page.addScriptTag({ content: script });
      const cdp = await context.newCDPSession(page);
      const used = async (): Promise<number> => {
        for (let i = 0; i < 4; i++) await cdp.send('HeapProfiler.collectGarbage');
        return (await cdp.send('Runtime.getHeapUsage')).usedSize;
      };
      // Warm-up: code, shapes and one-off caches are not part of the figure.
      await page.evaluate(([n, spans]) => void (globalThis as any).heapCases[n](spans), [name, SPANS] as const);
      const before = await used();
      await page.evaluate(([n, spans]) => void ((globalThis as any).kept = (globalThis as any).heapCases[n](spans)), [name, SPANS] as const);
      const after = await used();
      out[name] = Math.round((after - before) / SPANS);
      await page.close();
    }
    return out;
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

/** Row 3b: benchmark 3 measured in Chromium. */
export async function benchHeapBrowser(): Promise<Row> {
  const figures = await browserHeapFigures();
  const benchmark = `retained heap per completed span in Chromium (pointer compression), same workload, ${SPANS.toLocaleString('en')} spans`;
  if (figures === undefined) {
    return { benchmark, ours: `skipped: no ${CHROMIUM}`, reference: '–', ratio: '–', goal: '≤ 2.5 KB', met: undefined };
  }
  return {
    benchmark,
    ours: fmtKb(figures.ours),
    reference: `${fmtKb(figures.otel)} (floor: ${fmtKb(figures.floor)})`,
    ratio: fmtKb(figures.ours),
    goal: '≤ 2.5 KB',
    met: figures.ours <= 2.5 * 1024,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await browserHeapFigures()));
}
