import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCindy } from '../../examples/workouts/cindy';
import { runEmom } from '../../examples/workouts/emom';
import { runFran } from '../../examples/workouts/fran';
import { renderTimelineSvg } from 'workout-spans/export';
import { SEGMENT_COLORS } from '../../src/export/render-timeline-svg';
import { countColour, darkShare, decodePng, distinctColours } from './png';

/** Debian's Chromium; CI installs it (`apt-get install -y chromium`), elsewhere the test is skipped. */
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

describe.skipIf(!existsSync(CHROMIUM))('renderTimelineSvg in Chromium', () => {
  let userDataDir = '';
  let context: BrowserContext | undefined;
  let page: Page;

  beforeAll(async () => {
    userDataDir = mkdtempSync(join(tmpdir(), 'workout-spans-chromium-'));
    // A fresh profile: Playwright passes --user-data-dir itself and refuses it in `args`.
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1000, height: 700 },
      offline: true,
    });
    page = context.pages()[0] ?? (await context.newPage());
    const timelines = [runFran, runCindy, runEmom].map((run, i) => renderTimelineSvg(run().tracker.getSnapshot(), { idPrefix: `w${i}` }));
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:#fff">${timelines.map((svg) => `<div>${svg}</div>`).join('')}</body></html>`,
    );
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (userDataDir !== '') rmSync(userDataDir, { recursive: true, force: true });
  });

  it('lays out one lane per depth and one bar per span, with real size', async () => {
    const drawn = await page.evaluate(() =>
      Array.from(document.querySelectorAll('svg')).map((svg) => ({
        lanes: Array.from(svg.querySelectorAll('rect.lane'))
          .map((r) => r.getBoundingClientRect())
          .filter((b) => b.width > 500 && b.height > 20).length,
        spans: Array.from(svg.querySelectorAll('rect.span')).filter((r) => r.getBoundingClientRect().width >= 1).length,
        rects: svg.querySelectorAll('rect').length,
        width: svg.getBoundingClientRect().width,
      })),
    );
    expect(drawn.map((d) => d.lanes)).toEqual([3, 2, 2]);
    expect(drawn.map((d) => d.spans)).toEqual([8, 28, 11]);
    for (const d of drawn) {
      expect(d.width).toBe(960);
      expect(d.rects).toBeGreaterThan(d.spans);
    }
  });

  it('keeps every label inside its box with the real font', async () => {
    const overflow = await page.evaluate(() => {
      const out: string[] = [];
      for (const text of Array.from(document.querySelectorAll<SVGTextElement>('text[clip-path]'))) {
        const id = /url\(#(.+)\)/.exec(text.getAttribute('clip-path') ?? '')?.[1] ?? '';
        const box = document.getElementById(id)?.querySelector('rect')?.getBBox();
        const t = text.getBBox();
        if (box === undefined || t.x < box.x - 0.5 || t.x + t.width > box.x + box.width + 0.5) out.push(text.textContent ?? '');
      }
      return out;
    });
    expect(overflow).toEqual([]);
  });

  it('paints the lanes: the screenshot shows segment colours and the hatching', async () => {
    const png = await page.screenshot({ fullPage: true });
    if (process.env.WORKOUT_SPANS_SCREENSHOT !== undefined) writeFileSync(process.env.WORKOUT_SPANS_SCREENSHOT, png);
    const image = decodePng(new Uint8Array(png));
    expect(image.width).toBeGreaterThan(0);
    expect(distinctColours(image)).toBeGreaterThan(20);
    // Large areas of flat colour: round (Fran, Cindy), minute and rest (EMOM) segments.
    expect(countColour(image, SEGMENT_COLORS.round)).toBeGreaterThan(5_000);
    expect(countColour(image, SEGMENT_COLORS.minute)).toBeGreaterThan(2_000);
    expect(countColour(image, SEGMENT_COLORS.rest)).toBeGreaterThan(1_000);
    // Cindy's pause is hatched: dark stripes on a light ground, where the rest of the bar is flat.
    const pauses = await page.evaluate(() =>
      Array.from(document.querySelectorAll('rect.pause')).map((r) => {
        const b = r.getBoundingClientRect();
        return { fill: r.getAttribute('fill'), box: { x: b.x + 2, y: b.y + 2, width: b.width - 4, height: b.height - 4 } };
      }),
    );
    expect(pauses.map((p) => p.fill)).toEqual(['url(#w1-hatch)', 'url(#w1-hatch)']);
    for (const { box } of pauses) {
      const share = darkShare(image, box);
      expect(share).toBeGreaterThan(0.05);
      expect(share).toBeLessThan(0.85);
    }
    const bar = await page.evaluate(() => {
      const b = document.querySelectorAll('svg')[0]!.querySelector('rect.span')!.getBoundingClientRect();
      return { x: b.x + b.width / 2, y: b.y + 4, width: 40, height: b.height - 8 }; // right of the label
    });
    expect(darkShare(image, bar)).toBe(0);
  });
});
