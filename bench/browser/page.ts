/**
 * Debian's Chromium driven by playwright-core (launched as the browser tests launch it), for the
 * benchmarks that also run where a UI of this library runs. `withPages` is undefined when
 * /usr/bin/chromium is missing.
 */
import { fileURLToPath } from 'node:url';
import type { CDPSession, Page } from 'playwright-core';
import { hasChromium, launchWithProfile, pageScript } from '../../test/e2e/chromium';

export { CHROMIUM } from '../../test/e2e/chromium';

export interface BenchPage {
  page: Page;
  cdp: CDPSession;
}

/** Runs `use` once per name, each in a fresh page holding `globalThis.benchCases`; undefined without Chromium. */
export async function withPages<N extends string, T>(
  names: readonly N[],
  use: (name: N, page: BenchPage) => Promise<T>,
): Promise<Record<N, T> | undefined> {
  if (!hasChromium) return undefined;
  // bench/browser/cases.ts bundled for the page.
  const script = await pageScript({ entry: fileURLToPath(new URL('./cases.ts', import.meta.url)) });
  const browser = await launchWithProfile('workout-spans-bench-', { offline: true });
  try {
    const out = {} as Record<N, T>;
    for (const name of names) {
      const page = await browser.context.newPage();
      await page.setContent('<!doctype html><title>bench</title>');
      await page.addScriptTag({ content: script });
      out[name] = await use(name, { page, cdp: await browser.context.newCDPSession(page) });
      await page.close();
    }
    return out;
  } finally {
    await browser.close();
  }
}
