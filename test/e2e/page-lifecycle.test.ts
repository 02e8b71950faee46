import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type CDPSession } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAutosave, memoryStorage } from 'workout-spans/persistence';
import { CHROMIUM, CHROMIUM_ARGS, hasChromium, pageScript } from './chromium';

/**
 * watchPageLifecycle in Debian's Chromium: a page with a tracker on the system clock and an
 * autosave on localStorage is hidden and frozen through the DevTools protocol
 * (`Page.setWebLifecycleState`), the machine "sleeps" 8 h meanwhile (the test moves the wall clock
 * the page reads), and the page is resumed, shown again and navigated away.
 *
 * The page is opened through a browser-level DevTools session rather than as a Playwright page:
 * Playwright turns on focus emulation for its own pages, which keeps them visible, and Chromium
 * does not freeze a visible page.
 */

const HOUR = 3_600_000;
const SLEEP = 8 * HOUR;

/**
 * The page's script. Everything that matters lands in `log`, in order (mirrored to sessionStorage,
 * which outlives a navigation in the same tab): the page's lifecycle events (listened to before
 * the watcher's, so each appears before what the watcher did about it), the autosave's flushes and
 * storage writes, the tracker's clock readings, and the jumps the clock reported.
 */
const HARNESS = `
import { createSystemClock, createTracker, type Clock } from 'workout-spans';
import { createAutosave, webStorage, watchPageLifecycle } from 'workout-spans/persistence';

const log: string[] = [];
const note = (entry: string): void => {
  log.push(entry);
  sessionStorage.setItem('test:log', JSON.stringify(log));
};
for (const type of ['visibilitychange', 'freeze', 'resume']) {
  document.addEventListener(type, () => note(type === 'visibilitychange' ? 'visibilitychange:' + document.visibilityState : type));
}
for (const type of ['pagehide', 'pageshow']) window.addEventListener(type, () => note(type));

// The wall clock this page reads: the real one, plus what the test sets while the page is frozen
// (a sleep it plays).
const skew = (): number => (window as unknown as { testSkew?: number }).testSkew ?? 0;
const system = createSystemClock({ wallNow: () => Date.now() + skew() });
system.onJump((jump) => note('jump ' + jump.cause + ' ' + (jump.to - jump.from)));
const clock: Clock = {
  now: () => {
    note('clock read');
    return system.now();
  },
  onJump: (listener) => system.onJump(listener),
};

const tracker = createTracker({ clock });
const storage = webStorage({
  getItem: (key) => localStorage.getItem(key),
  setItem: (key, value) => {
    note('setItem ' + key);
    localStorage.setItem(key, value);
  },
  removeItem: (key) => localStorage.removeItem(key),
});
// Saves only when flushed within the test's time: what lands in storage is the watcher's doing.
const autosave = createAutosave(tracker, { storage, key: 'workout', throttleMs: 3_600_000 });
watchPageLifecycle(tracker, {
  autosave: {
    flush: () => {
      note('flush');
      return autosave.flush();
    },
  },
});

(window as unknown as { harness: unknown }).harness = {
  log,
  start(): void {
    tracker.startSpan({ key: 'run', label: 'Run' });
    tracker.recordMetric('run', 'heartRate', 120, 'bpm');
  },
  metric(): void {
    tracker.recordMetric('run', 'heartRate', 150, 'bpm');
  },
  now: (): number => tracker.now(),
};
`;

/** A page driven through the browser's DevTools session (`Target.sendMessageToTarget`). */
interface RawPage {
  targetId: string;
  send(method: string, params?: Record<string, unknown>): Promise<Record<string, unknown>>;
  evaluate<T>(expression: string): Promise<T>;
}

async function openPage(browserSession: CDPSession, url: string): Promise<RawPage> {
  const { targetId } = (await browserSession.send('Target.createTarget', { url })) as { targetId: string };
  const { sessionId } = (await browserSession.send('Target.attachToTarget', { targetId, flatten: false })) as { sessionId: string };
  let nextId = 0;
  const pending = new Map<number, { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void }>();
  browserSession.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
    const waiting = message.id === undefined ? undefined : pending.get(message.id);
    if (waiting === undefined) return;
    pending.delete(message.id!);
    if (message.error !== undefined) waiting.reject(new Error(message.error.message));
    else waiting.resolve(message.result ?? {});
  });
  const send = (method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve, reject });
      browserSession.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    });
  const evaluate = async <T>(expression: string): Promise<T> => {
    const r = (await send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true })) as {
      result: { value: T };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    };
    if (r.exceptionDetails !== undefined) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    return r.result.value;
  };
  return { targetId, send, evaluate };
}

/** Waits (polling the page, 10 s at most) until `expression` is truthy. */
async function until(page: RawPage, expression: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await page.evaluate<boolean>(`Boolean(${expression})`).catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${expression}`);
}

/** What the page logged after the last `entry` (exclusive) and before the next lifecycle event. */
function after(log: string[], entry: string): string[] {
  const start = log.lastIndexOf(entry);
  expect(start, `${entry} in ${JSON.stringify(log)}`).toBeGreaterThanOrEqual(0);
  const rest = log.slice(start + 1);
  const next = rest.findIndex((e) => /^(visibilitychange|freeze|resume|pagehide|pageshow)/.test(e));
  return next === -1 ? rest : rest.slice(0, next);
}

/** The autosaved copy in the page's localStorage, read back in Node. */
async function savedCopy(page: RawPage): Promise<{ spans: number; metrics: number } | null> {
  const items = await page.evaluate<Record<string, string | null>>(
    `({ 'workout:a': localStorage.getItem('workout:a'), 'workout:b': localStorage.getItem('workout:b') })`,
  );
  const storage = memoryStorage();
  for (const [key, value] of Object.entries(items)) if (value !== null) storage.setItem(key, value);
  const snapshot = await loadAutosave(storage, 'workout');
  return snapshot === null ? null : { spans: snapshot.spans.length, metrics: snapshot.metrics.length };
}

describe.skipIf(!hasChromium)('watchPageLifecycle in Chromium', () => {
  let dir = '';
  let browser: Browser | undefined;
  let session: CDPSession;
  let page: RawPage;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'workout-spans-lifecycle-'));
    writeFileSync(join(dir, 'harness.js'), await pageScript({ source: HARNESS }));
    writeFileSync(join(dir, 'app.html'), '<!doctype html><title>app</title><script src="harness.js"></script>');
    writeFileSync(join(dir, 'other.html'), '<!doctype html><title>other</title>');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    session = await browser.newBrowserCDPSession();
    page = await openPage(session, `file://${join(dir, 'app.html')}`);
    await until(page, `window.harness && document.readyState === 'complete'`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('saves before the page is frozen, and reads the clock (seeing the 8 h sleep) as soon as it resumes', async () => {
    await page.evaluate('harness.start()');
    expect(await savedCopy(page)).toBeNull(); // nothing saved yet: the autosave waits an hour
    expect(await page.evaluate<string>('document.visibilityState')).toBe('visible');

    await page.send('Page.setWebLifecycleState', { state: 'frozen' });
    await until(page, `harness.log.includes('freeze')`);
    // Frozen: the page's timers do not run (a timer set now has not fired by the time it resumes).
    await page.evaluate(`(window.ticks = 0, setTimeout(() => window.ticks++, 0))`);
    const log = await page.evaluate<string[]>('harness.log');
    // Chromium hides the page before it freezes it: the copy is written on hidden, and freeze flushes
    // again (nothing new to write).
    expect(after(log, 'visibilitychange:hidden')[0]).toBe('flush');
    expect(after(log, 'visibilitychange:hidden')).toContain('setItem workout:a');
    expect(after(log, 'freeze')[0]).toBe('flush');

    // Another page of the same origin sees the copy while this one is frozen.
    const other = await openPage(session, `file://${join(dir, 'other.html')}`);
    await until(other, `document.readyState === 'complete'`);
    expect(await savedCopy(other)).toEqual({ spans: 1, metrics: 1 });
    // The machine sleeps 8 h: the wall clock the frozen page reads moves on, its monotonic clock
    // does not. (Set through the DevTools protocol, which runs even in a frozen page, and no page
    // code runs for it; a storage write from another page could reach this one after `resume`.)
    await page.evaluate(`window.testSkew = ${SLEEP}`);
    expect(await page.evaluate<number>('window.ticks')).toBe(0);

    const before = Date.now();
    await page.send('Page.setWebLifecycleState', { state: 'active' });
    await until(page, `harness.log.includes('resume')`);
    const resumed = after(await page.evaluate<string[]>('harness.log'), 'resume');
    expect(resumed[0]).toBe('clock read');
    const jump = /^jump suspend (\d+)$/.exec(resumed[1] ?? '');
    expect(jump, JSON.stringify(resumed)).not.toBeNull();
    expect(Math.abs(Number(jump![1]) - SLEEP)).toBeLessThan(2_000);
    expect(await page.evaluate<number>('harness.now()')).toBeGreaterThanOrEqual(before + SLEEP);
  });

  it('reads the clock when the page is shown again', async () => {
    await session.send('Target.activateTarget', { targetId: page.targetId });
    await until(page, `harness.log.includes('visibilitychange:visible')`);
    expect(after(await page.evaluate<string[]>('harness.log'), 'visibilitychange:visible')[0]).toBe('clock read');
  });

  it('saves on pagehide when the page is navigated away', async () => {
    await page.evaluate('harness.metric()');
    expect(await savedCopy(page)).toEqual({ spans: 1, metrics: 1 }); // the new metric is not saved yet
    await page.send('Page.navigate', { url: `file://${join(dir, 'other.html')}` });
    await until(page, `document.title === 'other' && document.readyState === 'complete'`);
    const log = JSON.parse((await page.evaluate<string | null>(`sessionStorage.getItem('test:log')`)) ?? '[]') as string[];
    const saved = [...after(log, 'pagehide'), ...(log.includes('visibilitychange:hidden') ? after(log, 'visibilitychange:hidden') : [])];
    expect(after(log, 'pagehide')[0], JSON.stringify(log)).toBe('flush');
    expect(saved).toContain('setItem workout:b');
    expect(await savedCopy(page)).toEqual({ spans: 1, metrics: 2 });
  });
});
