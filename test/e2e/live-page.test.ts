// The live workout page (examples/app) in Debian's Chromium: built with Vite, served from a
// temporary folder, driven as an athlete would, and read back against the library's own figures.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTOSAVE_KEY } from '../../examples/app/session';
import { CINDY_PAUSE, cindyAthlete, runWorkout, type ScriptedEvent } from '../../examples/runtime/index';
import type { TrackerSnapshot } from 'workout-spans';
import { summarize, type WorkoutSummary } from 'workout-spans/analysis';
import { formatDuration } from 'workout-spans/export';
import { createAutosave, loadAutosave, type AutosaveStorage } from 'workout-spans/persistence';
import { CHROMIUM, CHROMIUM_ARGS, hasChromium } from './chromium';

const CONFIG = fileURLToPath(new URL('../../examples/app/vite.config.ts', import.meta.url));
/** `WORKOUT_SPANS_UPDATE_IMAGES=1` writes the screenshots docs/live-page.md shows. */
const IMAGES = fileURLToPath(new URL('../../docs/images/', import.meta.url));
const UPDATE_IMAGES = process.env.WORKOUT_SPANS_UPDATE_IMAGES === '1';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/** Serves a built folder on a free port of 127.0.0.1. */
async function serve(root: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]!)).replace(/^(\.\.[/\\])+/, '');
    const file = join(root, path === '/' ? 'index.html' : path);
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { server, url: `http://127.0.0.1:${address.port}/` };
}

/** A storage whose items can be read back (what the page's localStorage held, copied to Node). */
function recordingStorage(items = new Map<string, string>()): AutosaveStorage & { items: Map<string, string> } {
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

interface Stats {
  changes: number;
  renders: number;
}

const stats = (page: Page): Promise<Stats> => page.evaluate(() => ({ ...window.__workoutSpans!.stats }));

/** Settles: no render pending (React renders a change in a microtask; one frame is plenty). */
const settle = (page: Page): Promise<void> => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 50))));

/** Runs a user action and returns how many tracker changes and renders of the live view it caused. */
async function act(page: Page, action: () => Promise<void>): Promise<Stats> {
  await settle(page);
  const before = await stats(page);
  await action();
  await settle(page);
  const after = await stats(page);
  return { changes: after.changes - before.changes, renders: after.renders - before.renders };
}

/** The session as the page saved it to localStorage, read back with the library. */
async function savedByPage(page: Page): Promise<TrackerSnapshot> {
  const items = await page.evaluate((key) => {
    const out: [string, string][] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i)!;
      if (k.startsWith(key)) out.push([k, localStorage.getItem(k)!]);
    }
    return out;
  }, AUTOSAVE_KEY);
  const snapshot = await loadAutosave(recordingStorage(new Map(items)), AUTOSAVE_KEY);
  if (snapshot === null) throw new Error('the page saved nothing');
  return snapshot;
}

/** The figures the page shows in its summary. */
async function shownSummary(page: Page) {
  const text = async (id: string) => (await page.getByTestId(id).textContent())?.trim();
  return {
    score: await text('score'),
    elapsed: await text('total-elapsed'),
    work: await text('total-work'),
    rest: await text('total-rest'),
    paused: await text('total-paused'),
    wall: await text('total-wall'),
  };
}

function expectedSummary(s: WorkoutSummary) {
  const t = s.totals;
  return {
    score: s.score.display,
    elapsed: formatDuration(t.elapsedMs),
    work: formatDuration(t.workMs),
    rest: formatDuration(t.restMs),
    paused: formatDuration(t.pausedMs),
    wall: formatDuration(t.totalMs),
  };
}

describe.skipIf(!hasChromium)('the live workout page in Chromium', () => {
  let dist: string;
  let server: Server;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'workout-spans-app-'));
    // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build: build what
    // `vite build` would, a production bundle.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ configFile: CONFIG, mode: 'production', logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    ({ server, url } = await serve(dist));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
    if (dist !== undefined) rmSync(dist, { recursive: true, force: true });
  });

  it('Fran: start, log reps, pause, reload, resume, finish; one render per change, figures as the library’s', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);

    await page.getByTestId('start-fran').click();
    await expect.poll(() => page.getByTestId('effort').textContent()).toContain('Thrusters');
    expect(await page.getByTestId('round').textContent()).toBe('Round 1 of 3');
    await settle(page);
    expect(await stats(page)).toEqual({ changes: 1, renders: 1 }); // the start, shown by the first render

    // No polling: the clock digits move, the live view does not render.
    const clockBefore = await page.getByTestId('clock-elapsed').textContent();
    const idle = await act(page, () => page.waitForTimeout(1_300));
    expect(idle).toEqual({ changes: 0, renders: 0 });
    expect(await page.getByTestId('clock-elapsed').textContent()).not.toBe(clockBefore);

    // 21 thrusters: one change, one render; the timeline holds the set.
    const done = await act(page, async () => {
      await page.getByTestId('reps-input').fill('21');
      await page.getByTestId('done').click();
      await expect.poll(() => page.getByTestId('effort').textContent()).toContain('Pull-ups');
    });
    expect(done).toEqual({ changes: 1, renders: 1 });
    expect(await page.locator('[data-testid="timeline"] svg').count()).toBe(1);

    // 10 pull-ups logged, the set not finished: the input offers the 11 left.
    const logged = await act(page, async () => {
      await page.getByTestId('reps-input').fill('10');
      await page.getByTestId('log').click();
      await expect.poll(() => page.getByTestId('reps-done').textContent()).toBe('10 done');
    });
    expect(logged).toEqual({ changes: 1, renders: 1 });
    expect(await page.getByTestId('reps-input').inputValue()).toBe('11');

    const paused = await act(page, async () => {
      await page.getByTestId('pause').click();
      await page.locator('main[data-state="paused"]').waitFor();
    });
    expect(paused).toEqual({ changes: 1, renders: 1 });

    // Reload: the session comes back from localStorage, paused, on the pull-ups, 10 done.
    await page.reload();
    await page.locator('main[data-state="paused"]').waitFor();
    expect(await page.getByTestId('effort').textContent()).toContain('Pull-ups');
    expect(await page.getByTestId('reps-done').textContent()).toBe('10 done');
    await settle(page);
    expect(await stats(page)).toEqual({ changes: 0, renders: 1 }); // restored before the first render

    const resumed = await act(page, async () => {
      await page.getByTestId('resume').click();
      await page.locator('main[data-state="running"]').waitFor();
    });
    expect(resumed).toEqual({ changes: 1, renders: 1 });

    // The 11 pull-ups left, then rounds 2 and 3: each set one change and one render.
    const expected = ['Thrusters', 'Pull-ups', 'Thrusters', 'Pull-ups'];
    for (const next of [...expected, undefined]) {
      const step = await act(page, async () => {
        await page.getByTestId('done').click();
        if (next === undefined) await page.getByTestId('summary').waitFor();
        else await expect.poll(() => page.getByTestId('effort').textContent()).toContain(next);
      });
      expect(step).toEqual({ changes: 1, renders: 1 });
    }
    expect(await page.getByTestId('round').count()).toBe(0);

    // What the page shows is what the library makes of what the page saved...
    await settle(page);
    const saved = await savedByPage(page);
    const summary = summarize(saved);
    const shown = await shownSummary(page);
    expect(shown).toEqual(expectedSummary(summary));
    expect(summary.score.type).toBe('time');
    expect(summary.exercises.map((e) => [e.exerciseId, e.reps])).toEqual([
      ['thruster', 45],
      ['pull-up', 45],
    ]);
    expect(summary.rounds.map((r) => [r.reps, r.finished])).toEqual([
      [42, true],
      [30, true],
      [18, true],
    ]);
    expect(summary.totals.pausedMs).toBeGreaterThan(0);
    // ... and what the page's own tracker says.
    const live = await page.evaluate(() => {
      const { tracker } = window.__workoutSpans!;
      const fran = tracker.getSpans().find((s) => s.blockId === 'fran')!;
      return { totals: tracker.totals(fran.id), spans: tracker.getSnapshot().spans.length };
    });
    expect(live.totals).toEqual(summary.totals);
    expect(live.spans).toBe(saved.spans.length);
    expect(await page.getByTestId('splits').locator('tbody tr').count()).toBe(3);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('Cindy saved at 19:50 carries on after a load, with the strap on; the cap ends it and the summary is the library’s', async () => {
    // A session saved elsewhere (here by Node on a manual clock), 19:50 into Cindy with a minute's
    // pause and a heart rate every 15 s, as if this page had saved it a moment ago.
    const untilMs = 19 * 60_000 + 50_000 + 60_000; // wall clock: the pause is a minute
    const heart: ScriptedEvent[] = Array.from({ length: Math.floor(untilMs / 15_000) }, (_, i) => ({
      at: (i + 1) * 15_000,
      run: (rt) => void rt.tracker.recordSample('session/cindy', 'heartRate', 120 + ((i * 7) % 45), 'bpm'),
    }));
    const run = runWorkout('cindy', cindyAthlete, { events: [...CINDY_PAUSE, ...heart], start: Date.now() - untilMs, untilMs });
    const storage = recordingStorage();
    const autosave = createAutosave(run.executionTracker, { storage, key: AUTOSAVE_KEY });
    await autosave.flush();
    autosave.stop();
    const atSave = summarize(run.executionTracker.getSnapshot());

    const context = await browser.newContext({ viewport: { width: 1100, height: 1000 } });
    await context.addInitScript(
      (items: [string, string][]) => {
        if (sessionStorage.getItem('seeded') === null) {
          for (const [k, v] of items) localStorage.setItem(k, v);
          sessionStorage.setItem('seeded', '1');
        }
      },
      [...storage.items],
    );
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.locator('main[data-state="running"]').waitFor();
    const round = atSave.rounds[atSave.rounds.length - 1]!;
    expect(await page.getByTestId('round').textContent()).toBe(round.label);
    expect(await page.getByTestId('effort').textContent()).toContain('Air squats');
    const clock = (await page.getByTestId('clock').textContent())!;
    expect(['0:10', '0:09', '0:08']).toContain(clock); // 10 s of the cap left, less the load

    await page.getByTestId('strap').check();
    await page.getByText(/♥ \d+ bpm/).waitFor({ timeout: 5_000 });
    await page.getByTestId('reps-input').fill('9');
    await page.getByTestId('log').click();
    await expect.poll(() => page.getByTestId('reps-done').textContent()).toBe('9 done');
    if (UPDATE_IMAGES) await page.screenshot({ path: join(IMAGES, 'live-page-cindy.png'), fullPage: true });

    // The cap: the runtime's timer wakes it at 20:00 of running time, with no click.
    await page.getByTestId('summary').waitFor({ timeout: 15_000 });
    await settle(page);
    const saved = await savedByPage(page);
    const summary = summarize(saved);
    expect(await shownSummary(page)).toEqual(expectedSummary(summary));
    expect(summary.score).toMatchObject({ type: 'rounds+reps', rounds: atSave.score.type === 'rounds+reps' ? atSave.score.rounds : -1 });
    expect(summary.totals.elapsedMs).toBeGreaterThanOrEqual(1_200_000);
    expect(summary.totals.elapsedMs).toBeLessThan(1_200_000 + 1_000);
    const cindy = saved.spans.find((s) => s.blockId === 'cindy')!;
    expect([cindy.status, cindy.endReason]).toEqual(['completed', 'timer-expired']);
    expect(cindy.segments.some((s) => s.label === 'Interrupted')).toBe(true);
    // heart rate: the samples of the page's tracker (the strap's, and those saved with the session
    // when the saved format carries samples), as the summary counts them
    const samples = await page.evaluate(() => {
      const { tracker } = window.__workoutSpans!;
      const root = tracker.getSpans({ parentSpanId: null })[0]!; // ended: found by its span id
      return tracker.getSamples(root.id, 'heartRate')?.t.length ?? 0;
    });
    expect(samples).toBeGreaterThan(0);
    expect(await page.getByTestId('heart-rate').textContent()).toContain(`(${samples} samples)`);
    expect(await page.getByTestId('splits').locator('tbody tr').count()).toBe(summary.rounds.length);
    if (UPDATE_IMAGES) await page.screenshot({ path: join(IMAGES, 'live-page-summary.png'), fullPage: true });

    // Reloaded once more, the finished session is the picker's "Last workout".
    await page.reload();
    await page.getByTestId('start-fran').waitFor();
    expect((await page.getByTestId('score').textContent())?.trim()).toBe(summary.score.display);
    expect(errors).toEqual([]);
    await context.close();
  });
});
