import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCindy } from '../../examples/workouts/cindy';
import { runEmom } from '../../examples/workouts/emom';
import { runFran } from '../../examples/workouts/fran';
import type { TrackerSnapshot } from 'workout-spans';
import { renderTimelineSvg, SEGMENT_COLORS } from 'workout-spans/export';
import { countColour, darkShare, decodePng, distinctColours, samePixels } from './png';
import { CHROMIUM, CHROMIUM_ARGS, hasChromium } from './chromium';

/** Debian's Chromium; CI installs it (`apt-get install -y chromium`), elsewhere the test is skipped. */

/**
 * The pictures in docs/images are these screenshots. `WORKOUT_SPANS_UPDATE_IMAGES=1 npx vitest run
 * test/e2e/timeline-svg.test.ts` writes them again, each only when its pixels changed.
 */
const IMAGES = fileURLToPath(new URL('../../docs/images/', import.meta.url));
const UPDATE_IMAGES = process.env.WORKOUT_SPANS_UPDATE_IMAGES === '1';

const WORKOUTS: { name: string; run: () => TrackerSnapshot; heading: string; cap?: string; lanes: number }[] = [
  { name: 'fran', run: () => runFran().tracker.getSnapshot(), heading: 'For Time · 4:00', lanes: 3 },
  { name: 'cindy', run: () => runCindy().tracker.getSnapshot(), heading: 'AMRAP 20 · 8+26', cap: '20:00 cap', lanes: 2 },
  { name: 'emom', run: () => runEmom().tracker.getSnapshot(), heading: 'EMOM 10 · 10:00', cap: '10:00 cap', lanes: 2 },
];
const WIDTHS = [1200, 390];

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What the page measured of one timeline, with the font Chromium really uses. */
interface Measured {
  /** Labels drawn in a box, with their bounding box, their clip box and the box they label. */
  boxed: { text: string; cls: string; spanId: string; bbox: Box; clip: Box; labelled: Box }[];
  /** Text outside boxes: heading, axis, cap labels, legend. */
  free: { text: string; where: string; bbox: Box }[];
  pauses: Box[];
  efforts: { spanId: string; box: Box }[];
  lanes: number;
  spans: number;
  capLines: number;
  size: { width: number; height: number };
  heading: string;
}

/** Measures the timeline on the page (runs in the browser). */
function measure(): Measured {
  const svg = document.querySelector('svg')!;
  const box = (b: DOMRect | SVGRect): Box => ({ x: b.x, y: b.y, width: b.width, height: b.height });
  const bbox = (e: Element): Box => box((e as SVGGraphicsElement).getBBox());
  const boxed: Measured['boxed'] = [];
  for (const text of Array.from(svg.querySelectorAll('text[clip-path]'))) {
    const id = /url\(#(.+)\)/.exec(text.getAttribute('clip-path') ?? '')?.[1] ?? '';
    const clip = document.getElementById(id)!.querySelector('rect')!;
    const group = text.closest('g.span-group')!;
    const segmentId = text.getAttribute('data-segment-id');
    const labelled = segmentId === null ? group.querySelector('rect.span')! : group.querySelector(`rect[data-segment-id="${segmentId}"]`)!;
    boxed.push({
      text: text.textContent ?? '',
      cls: text.getAttribute('class') ?? '',
      spanId: group.getAttribute('data-span-id') ?? '',
      bbox: bbox(text),
      clip: bbox(clip),
      labelled: bbox(labelled),
    });
  }
  const free: Measured['free'] = [];
  for (const text of Array.from(svg.querySelectorAll('text:not([clip-path])'))) {
    const where = text.closest('.heading, .axis, .cap, .legend')?.getAttribute('class') ?? 'elsewhere';
    free.push({ text: text.textContent ?? '', where, bbox: bbox(text) });
  }
  return {
    boxed,
    free,
    pauses: Array.from(svg.querySelectorAll('rect.pause')).map(bbox),
    efforts: Array.from(svg.querySelectorAll('rect.span.exercise:not(.continued)')).map((r) => ({
      spanId: r.closest('g.span-group')!.getAttribute('data-span-id') ?? '',
      box: bbox(r),
    })),
    lanes: Array.from(svg.querySelectorAll('rect.lane')).filter((r) => r.getBoundingClientRect().height > 20).length,
    spans: Array.from(svg.querySelectorAll('rect.span:not(.continued)')).filter((r) => r.getBoundingClientRect().width >= 1).length,
    capLines: svg.querySelectorAll('line.cap-line').length,
    size: { width: svg.getBoundingClientRect().width, height: svg.getBoundingClientRect().height },
    heading: svg.querySelector('.heading-title')?.textContent ?? '',
  };
}

/** `inner` lies within `outer`, give or take `slack` px. */
const inside = (inner: Box, outer: Box, slack = 0.5): boolean =>
  inner.x >= outer.x - slack &&
  inner.y >= outer.y - slack &&
  inner.x + inner.width <= outer.x + outer.width + slack &&
  inner.y + inner.height <= outer.y + outer.height + slack;

/** Whether two boxes share more than a hairline. */
const overlap = (a: Box, b: Box, slack = 0.5): boolean =>
  a.x < b.x + b.width - slack && b.x < a.x + a.width - slack && a.y < b.y + b.height - slack && b.y < a.y + a.height - slack;

describe.skipIf(!hasChromium)('renderTimelineSvg in Chromium', () => {
  let userDataDir = '';
  let context: BrowserContext | undefined;
  let page: Page;
  /** Per workout and width: what the page measured and its screenshot. */
  const seen = new Map<string, { measured: Measured; png: Buffer; snapshot: TrackerSnapshot }>();

  beforeAll(async () => {
    userDataDir = mkdtempSync(join(tmpdir(), 'workout-spans-chromium-'));
    // A fresh profile: Playwright passes --user-data-dir itself and refuses it in `args`.
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1200, height: 800 },
      offline: true,
    });
    page = context.pages()[0] ?? (await context.newPage());
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      for (const w of WORKOUTS) {
        const snapshot = w.run();
        const svg = renderTimelineSvg(snapshot, { width, idPrefix: `${w.name}-${width}` });
        await page.setContent(`<!doctype html><html><body style="margin:0;background:#fff">${svg}</body></html>`);
        const measured = await page.evaluate(measure);
        const png = await page.locator('svg').screenshot();
        seen.set(`${w.name}-${width}`, { measured, png, snapshot });
      }
    }
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    if (userDataDir !== '') rmSync(userDataDir, { recursive: true, force: true });
  });

  const cases = WORKOUTS.flatMap((w) => WIDTHS.map((width) => ({ ...w, width, key: `${w.name}-${width}` })));

  it.each(cases)('$key: lays out every lane in every row and one bar per span, at its width', ({ key, width, lanes }) => {
    const { measured, snapshot } = seen.get(key)!;
    expect(measured.size.width).toBe(width);
    expect(measured.lanes % lanes).toBe(0);
    expect(measured.lanes).toBeGreaterThanOrEqual(lanes);
    expect(measured.spans).toBe(snapshot.spans.length);
  });

  it.each(cases)('$key: every label fits the box it labels, measured with getBBox', ({ key }) => {
    const { measured } = seen.get(key)!;
    expect(measured.boxed.length).toBeGreaterThan(0);
    const outside = measured.boxed.filter((l) => !inside(l.bbox, l.clip) || !inside(l.bbox, l.labelled)).map((l) => l.text);
    expect(outside).toEqual([]);
  });

  it.each(cases)('$key: no round label is covered by a pause', ({ key }) => {
    const { measured } = seen.get(key)!;
    const covered = measured.boxed.filter((l) => l.cls.includes('segment-label') && measured.pauses.some((p) => overlap(l.bbox, p)));
    expect(covered.map((l) => l.text)).toEqual([]);
  });

  it.each(cases)('$key: every effort shows its reps and time, and no text leaves the picture or overlaps another', ({ key }) => {
    const { measured, snapshot } = seen.get(key)!;
    for (const { spanId } of measured.efforts) {
      const lines = measured.boxed.filter((l) => l.spanId === spanId && l.cls.includes('effort-label')).map((l) => l.text);
      const reps = snapshot.metrics.filter((r) => r.spanId === spanId && r.key === 'reps').reduce((n, r) => n + (r.value as number), 0);
      expect(
        lines.some((l) => new RegExp(`^${reps}( reps| ×|$)`).test(l)),
        lines.join(' / '),
      ).toBe(true);
      expect(
        lines.some((l) => /\d:\d\d$/.test(l)),
        lines.join(' / '),
      ).toBe(true);
    }
    const picture = { x: 0, y: 0, ...measured.size };
    expect(measured.free.filter((t) => !inside(t.bbox, picture)).map((t) => t.text)).toEqual([]);
    const clashes: string[] = [];
    const all = [...measured.free, ...measured.boxed.map((l) => ({ text: l.text, where: 'box', bbox: l.bbox }))];
    for (const [i, a] of measured.free.entries())
      for (const b of all.slice(i + 1)) if (overlap(a.bbox, b.bbox)) clashes.push(`${a.text} / ${b.text}`);
    expect(clashes).toEqual([]);
  });

  it.each(cases)('$key: heads the picture with the score, and marks the cap', ({ key, heading, cap }) => {
    const { measured } = seen.get(key)!;
    expect(measured.heading).toBe(heading);
    expect(measured.capLines).toBe(cap === undefined ? 0 : 1);
    if (cap !== undefined) expect(measured.free.filter((t) => t.where === 'cap').map((t) => t.text)).toEqual([cap]);
  });

  it('paints the lanes: exercise colours, segment tints and the hatching', () => {
    const image = (key: string) => decodePng(new Uint8Array(seen.get(key)!.png));
    const cindy = image('cindy-1200');
    expect(distinctColours(cindy)).toBeGreaterThan(20);
    expect(countColour(cindy, SEGMENT_COLORS.round)).toBeGreaterThan(5_000);
    const emom = image('emom-1200');
    expect(countColour(emom, SEGMENT_COLORS.minute)).toBeGreaterThan(2_000);
    expect(countColour(emom, SEGMENT_COLORS.rest)).toBeGreaterThan(1_000);
    // Each exercise's colour covers a good area of its efforts.
    const svg = renderTimelineSvg(seen.get('cindy-1200')!.snapshot, { width: 1200 });
    const colours = [
      ...new Set([...svg.matchAll(/class="span exercise" data-exercise="[^"]+"[^>]* fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]!)),
    ];
    expect(colours).toHaveLength(3);
    for (const colour of colours) expect(countColour(cindy, colour)).toBeGreaterThan(3_000);
    // Cindy's pause is hatched: dark stripes on a light ground, where the rest of the bar is flat.
    for (const p of seen.get('cindy-1200')!.measured.pauses) {
      const share = darkShare(cindy, { x: p.x + 2, y: p.y + 2, width: p.width - 4, height: p.height - 4 });
      expect(share).toBeGreaterThan(0.05);
      expect(share).toBeLessThan(0.85);
    }
  });

  it('keeps the pictures in docs/images, written again only when asked and only when they changed', () => {
    if (UPDATE_IMAGES) mkdirSync(IMAGES, { recursive: true });
    const stale: string[] = [];
    for (const c of cases) {
      const file = join(IMAGES, `timeline-${c.key}.png`);
      const png = seen.get(c.key)!.png;
      const same = existsSync(file) && samePixels(decodePng(new Uint8Array(readFileSync(file))), decodePng(new Uint8Array(png)));
      if (UPDATE_IMAGES && !same) writeFileSync(file, png);
      else if (!same) stale.push(file);
      expect(existsSync(file), `${file}: run with WORKOUT_SPANS_UPDATE_IMAGES=1`).toBe(true);
      const committed = decodePng(new Uint8Array(readFileSync(file)));
      expect(committed.width).toBe(c.width);
    }
    // Another Chromium or other fonts draw other pixels, so a difference is a hint, not a failure.
    if (stale.length > 0) console.warn(`These pictures differ from what this Chromium draws now: ${stale.join(', ')}`);
  });
});
