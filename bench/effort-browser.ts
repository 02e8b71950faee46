/**
 * Benchmark 1 again, in Chromium (for information): the full effort span and the contract floor, each
 * against OpenTelemetry's span, timed in the page in batches (bench/browser/cases.ts). Skipped when
 * /usr/bin/chromium is missing.
 */
import { fileURLToPath } from 'node:url';
import { CHROMIUM, withPages } from './browser/page';
import { fmtUs, type Row } from './harness';

interface PageComparison {
  a: number;
  b: number;
  ratio: number;
  meanRatio: number;
}

const PAIRS = ['ours', 'floor'] as const;

export function browserEffortFigures(): Promise<Record<(typeof PAIRS)[number], PageComparison> | undefined> {
  return withPages(PAIRS, (side, { page }) =>
    page.evaluate((s) => (globalThis as any).benchCases.compare(s, 'otel') as PageComparison, side),
  );
}

/** Row 1d: benchmark 1 in Chromium, with the floor beside it. */
export async function benchEffortBrowser(): Promise<Row> {
  const f = await browserEffortFigures();
  const benchmark = '(information) full effort span vs the OTel span in Chromium, and the contract floor vs the same';
  if (f === undefined) return { benchmark, ours: `skipped: no ${CHROMIUM}`, reference: '–', ratio: '–', goal: '–', met: undefined };
  return {
    benchmark,
    ours: fmtUs(f.ours.a),
    reference: `${fmtUs(f.ours.b)} (floor: ${fmtUs(f.floor.a)})`,
    ratio: `${f.ours.ratio.toFixed(2)}× (means: ${f.ours.meanRatio.toFixed(2)}×); floor ${f.floor.ratio.toFixed(2)}×`,
    goal: '–',
    met: undefined,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await browserEffortFigures()));
}
