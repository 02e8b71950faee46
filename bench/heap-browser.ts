/**
 * Benchmark 3 again, in Chromium: retained heap per completed span where a UI of this library runs.
 * Chromium's V8 compresses pointers (4-byte fields); Node's does not (8-byte fields), so the same
 * objects take about 40 % less room there. Skipped when /usr/bin/chromium is missing.
 *
 * `npx tsx bench/heap-browser.ts` prints the figures; `benchHeapBrowser()` gives the table row.
 */
import { fileURLToPath } from 'node:url';
import { CHROMIUM, withPages } from './browser/page';
import { fmtKb, type Row } from './harness';

const SPANS = 20_000;
const CASES = ['ours', 'floor', 'otel'] as const;

/** Bytes retained per span by each case, each in a fresh page. */
export function browserHeapFigures(): Promise<Record<(typeof CASES)[number], number> | undefined> {
  return withPages(CASES, async (name, { page, cdp }) => {
    const used = async (): Promise<number> => {
      for (let i = 0; i < 4; i++) await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    // Warm-up: code, shapes and one-off caches are not part of the figure.
    await page.evaluate(([n, spans]) => void (globalThis as any).benchCases.keep(n, spans), [name, SPANS] as const);
    const before = await used();
    await page.evaluate(([n, spans]) => void ((globalThis as any).kept = (globalThis as any).benchCases.keep(n, spans)), [
      name,
      SPANS,
    ] as const);
    const after = await used();
    return Math.round((after - before) / SPANS);
  });
}

/** Row 3b: benchmark 3 measured in Chromium. */
export async function benchHeapBrowser(): Promise<Row> {
  const figures = await browserHeapFigures();
  const benchmark = `retained heap per completed span in Chromium (pointer compression), same workload, ${SPANS.toLocaleString('en')} spans`;
  if (figures === undefined) {
    return { benchmark, ours: `skipped: no ${CHROMIUM}`, reference: '–', ratio: '–', goal: '≤ OTel', met: undefined };
  }
  return {
    benchmark,
    ours: fmtKb(figures.ours),
    reference: `${fmtKb(figures.otel)} (floor: ${fmtKb(figures.floor)})`,
    ratio: `${(figures.ours / figures.otel).toFixed(2)}× OTel`,
    goal: '≤ OTel',
    met: figures.ours <= figures.otel,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await browserHeapFigures()));
}
