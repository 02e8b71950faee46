/**
 * Benchmark 6: a runtime's import of the tracker (createTracker + recordMetric) bundled for the
 * browser (esbuild, minified, every dependency included, gzip -9), by the same script CI runs
 * (scripts/size-check.mjs), and OpenTelemetry's tracing SDK (BasicTracerProvider +
 * SimpleSpanProcessor + InMemorySpanExporter) bundled the same way.
 */
import { BUDGETS, GOAL_BYTES, measureBundle } from '../scripts/size-check.mjs';
import type { Row } from './harness';

const fmtKb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;

/** OpenTelemetry's tracing SDK, measured the way the size check measures ours. */
async function otelSize(): Promise<number> {
  const contents = "export { BasicTracerProvider, SimpleSpanProcessor, InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';";
  const { gzip } = await measureBundle(contents);
  return gzip;
}

export async function benchSize(): Promise<Row> {
  const [what] = Object.values(BUDGETS)[0]!;
  const { gzip } = await measureBundle(what);
  const budget = GOAL_BYTES;
  const otel = await otelSize();
  return {
    benchmark:
      "a runtime's import (createTracker + recordMetric) for the browser: esbuild, minified, dependencies bundled, gzip -9 (reference: OTel sdk-trace-base, same way)",
    ours: fmtKb(gzip),
    reference: fmtKb(otel),
    ratio: fmtKb(gzip),
    goal: `≤ ${fmtKb(budget)}`,
    met: gzip <= budget,
  };
}
