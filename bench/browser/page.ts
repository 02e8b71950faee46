/**
 * Debian's Chromium driven by playwright-core, for the benchmarks that also run where a UI of this
 * library runs. `withPages` is undefined when /usr/bin/chromium is missing.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type CDPSession, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** bench/browser/cases.ts bundled for the page. */
async function pageScript(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./cases.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

export interface BenchPage {
  page: Page;
  cdp: CDPSession;
}

/** Runs `use` once per name, each in a fresh page holding `globalThis.benchCases`; undefined without Chromium. */
export async function withPages<N extends string, T>(
  names: readonly N[],
  use: (name: N, page: BenchPage) => Promise<T>,
): Promise<Record<N, T> | undefined> {
  if (!existsSync(CHROMIUM)) return undefined;
  const script = await pageScript();
  const userDataDir = mkdtempSync(join(tmpdir(), 'workout-spans-bench-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    offline: true,
  });
  try {
    const out = {} as Record<N, T>;
    for (const name of names) {
      const page = await context.newPage();
      await page.setContent('<!doctype html><title>bench</title>');
      await page.addScriptTag({ content: script });
      out[name] = await use(name, { page, cdp: await context.newCDPSession(page) });
      await page.close();
    }
    return out;
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}
