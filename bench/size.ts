/**
 * Benchmark 6: the core entry bundled for the browser (esbuild, minified, every dependency included,
 * gzip -9), by the same script CI runs (scripts/size-check.mjs), and OpenTelemetry's tracing SDK
 * (BasicTracerProvider + SimpleSpanProcessor + InMemorySpanExporter) bundled the same way.
 */
import { fileURLToPath } from 'node:url';
import { GOAL_BYTES, measureBundle } from '../scripts/size-check.mjs';
import type { Row } from './harness';

const root = fileURLToPath(new URL('..', import.meta.url));
const fmtKb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;

/** OpenTelemetry's tracing SDK, measured the way the size check measures ours. */
async function otelSize(): Promise<number> {
  const contents = "export { BasicTracerProvider, SimpleSpanProcessor, InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';";
  const { gzip } = await measureBundle(undefined, { entryPoints: undefined, stdin: { contents, resolveDir: root, loader: 'ts' } });
  return gzip;
}

export async function benchSize(): Promise<Row> {
  const { gzip } = await measureBundle();
  const budget = GOAL_BYTES;
  const otel = await otelSize();
  return {
    benchmark:
      'core entry (src/index.ts) for the browser: esbuild, minified, dependencies bundled, gzip -9 (reference: OTel sdk-trace-base, same way)',
    ours: fmtKb(gzip),
    reference: fmtKb(otel),
    ratio: fmtKb(gzip),
    goal: `≤ ${fmtKb(budget)}`,
    met: gzip <= budget,
  };
}
