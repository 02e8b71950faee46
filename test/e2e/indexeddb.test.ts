import { isDeepStrictEqual } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchWithProfile, pageScript, type ProfileBrowser } from './chromium';

/**
 * The IndexedDB storage in Debian's Chromium: a page saves a session with autosave, is closed while
 * a large write is in progress, and the next page of the same site loads the newest state that was
 * stored whole. The page's code is the package itself, bundled here with esbuild.
 */

const ORIGIN = 'http://workout-spans.test';

/** What the page exposes as `window.e2e`. */
const PAGE_MODULE = `
import { createTracker } from 'workout-spans';
import { createAutosave, indexedDbStorage, loadAutosave } from 'workout-spans/persistence';

const storage = indexedDbStorage({ database: 'e2e' });
let tracker;
let autosave;
const content = (s) => JSON.stringify({ spans: s.spans, metrics: s.metrics });

window.e2e = {
  start() {
    tracker = createTracker();
    autosave = createAutosave(tracker, { storage, key: 'w', throttleMs: 3600000 });
    tracker.startSpan({ key: 'w', label: 'Workout', blockType: 'rounds' });
  },
  async record(n) {
    for (let i = 0; i < n; i++) {
      tracker.startSpan({ key: 'e', label: 'Burpees', blockType: 'effort' });
      tracker.recordMetric('e', 'reps', 10 + (i % 5), 'reps');
      tracker.endSpan('e');
      await autosave.flush();
    }
    return content(tracker.getSnapshot());
  },
  // A large change (a note of \`chars\` characters), saved without waiting: the caller closes the page.
  startLargeWrite(chars) {
    tracker.recordMetric('w', 'note', 'x'.repeat(chars), '');
    window.e2eWrite = 'pending';
    autosave.flush().then(() => (window.e2eWrite = 'done'), (e) => (window.e2eWrite = String(e)));
    return window.e2eWrite;
  },
  // The records loaded, as [key, length of a string value or the value]: small enough to send back.
  async loadRecords() {
    const s = await loadAutosave(storage, 'w');
    return s === null ? null : s.metrics.map((r) => [r.key, typeof r.value === 'string' ? r.value.length : r.value]);
  },
  async load() {
    const s = await loadAutosave(storage, 'w');
    return s === null ? null : content(s);
  },
};
`;

/** The same spans and records (deep equality: key order aside). */
function same(a: unknown, b: unknown): boolean {
  return typeof a === 'string' && typeof b === 'string' && isDeepStrictEqual(JSON.parse(a), JSON.parse(b));
}

describe.skipIf(!hasChromium)('indexedDbStorage in Chromium', () => {
  let browser: ProfileBrowser | undefined;

  const openPage = async (): Promise<Page> => {
    const page = await browser!.context.newPage();
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => (window as unknown as { e2e?: unknown }).e2e !== undefined);
    return page;
  };

  beforeAll(async () => {
    const script = await pageScript({ source: PAGE_MODULE });
    browser = await launchWithProfile('workout-spans-idb-');
    // The site, served from memory: IndexedDB needs a real origin.
    await browser.context.route(`${ORIGIN}/**`, (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/app.js') return route.fulfill({ status: 200, contentType: 'text/javascript', body: script });
      return route.fulfill({
        status: 200,
        contentType: 'text/html',
        body: '<!doctype html><html><body><script src="/app.js"></script></body></html>',
      });
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('saves, is closed in the middle of a large write, and the next page loads the newest state stored whole', async () => {
    const first = await openPage();
    await first.evaluate(() => (window as any).e2e.start());
    const saved = (await first.evaluate(() => (window as any).e2e.record(20))) as string;
    expect(same(await first.evaluate(() => (window as any).e2e.load()), saved)).toBe(true);
    const records = (JSON.parse(saved) as { metrics: { key: string; value: unknown }[] }).metrics.map((r) => [r.key, r.value]);
    // A change of 32 MB, then the tab goes away while IndexedDB is writing it.
    const pending = await first.evaluate(() => (window as any).e2e.startLargeWrite(32_000_000));
    await first.close({ runBeforeUnload: false });

    const second = await openPage();
    const loaded = (await second.evaluate(() => (window as any).e2e.loadRecords())) as unknown[] | null;
    // The write either landed whole or not at all: never half a state, never the state before lost.
    const outcome = isDeepStrictEqual(loaded, records)
      ? 'before'
      : isDeepStrictEqual(loaded, [...records, ['note', 32_000_000]])
        ? 'after'
        : 'neither';
    expect(outcome).not.toBe('neither');
    if (process.env.WORKOUT_SPANS_E2E_LOG !== undefined)
      console.info(`write ${String(pending)} when the page closed; loaded the state ${outcome} it`);
    // The next page carries on and its saves read back.
    await second.evaluate(() => (window as any).e2e.start());
    const again = (await second.evaluate(() => (window as any).e2e.record(3))) as string;
    expect(same(await second.evaluate(() => (window as any).e2e.load()), again)).toBe(true);
    await second.close();
  }, 120_000);
});
