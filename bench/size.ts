/**
 * Benchmark 6: the core entry bundled for the browser (esbuild, minified, every dependency included,
 * gzip -9), by the same script CI runs (scripts/size-check.mjs), and OpenTelemetry's tracing SDK
 * (BasicTracerProvider + SimpleSpanProcessor + InMemorySpanExporter) bundled the same way.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import type { Row } from './harness';

const root = fileURLToPath(new URL('..', import.meta.url));
const fmtKb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;

async function otelSize(): Promise<number> {
  const result = await build({
    stdin: {
      contents: "export { BasicTracerProvider, SimpleSpanProcessor, InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return gzipSync(result.outputFiles[0]!.contents, { level: 9 }).length;
}

export async function benchSize(): Promise<Row> {
  const child = spawnSync(process.execPath, ['scripts/size-check.mjs', '--json'], { cwd: root, encoding: 'utf8' });
  const line = child.stdout.trim().split('\n').pop();
  if (line === undefined || line === '') throw new Error(`size-check failed: ${child.stderr}`);
  const { gzip, budget } = JSON.parse(line) as { gzip: number; budget: number };
  const otel = await otelSize();
  return {
    benchmark: 'core entry (src/index.ts) for the browser: esbuild, minified, dependencies bundled, gzip -9 (reference: OTel sdk-trace-base, same way)',
    ours: fmtKb(gzip),
    reference: fmtKb(otel),
    ratio: fmtKb(gzip),
    goal: `≤ ${fmtKb(budget)}`,
    met: gzip <= budget,
  };
}
