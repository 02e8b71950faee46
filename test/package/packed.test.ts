// The package as npm publishes it: `npm pack` (which builds), installed into a scratch project next
// to the optional peers; every entry imported (ESM) and required (CJS), one TrackerError across
// entries, the core importing no other entry, a strict TypeScript consumer of every entry in both
// module systems, and the CLI.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENTRIES } from '../../tsup.config';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SUBPATHS = Object.keys(ENTRIES).map((name) => (name === 'index' ? 'workout-spans' : `workout-spans/${name}`));
/** Installed beside the package: its dependencies and optional peers, linked from this checkout. */
const LINKED = [
  'immer',
  'mitt',
  'nanoid',
  'react',
  'react-dom',
  'scheduler',
  '@opentelemetry/api',
  '@garmin/fitsdk',
  '@types/react',
  '@types/node',
  'typescript',
];

let project: string;
const node = (file: string): string => execFileSync(process.execPath, [file], { cwd: project, encoding: 'utf8' });

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'workout-spans-packed-'));
  // `npm pack` builds first (prepack); built here so that its output stays out of pack's JSON.
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', project], { cwd: root, encoding: 'utf8' }),
  ) as { filename: string }[];
  const modules = join(project, 'node_modules');
  mkdirSync(join(modules, 'workout-spans'), { recursive: true });
  execFileSync('tar', ['-xzf', join(project, packed[0]!.filename), '-C', join(modules, 'workout-spans'), '--strip-components=1']);
  for (const name of LINKED) {
    const target = join(root, 'node_modules', name);
    if (name.includes('/')) mkdirSync(join(modules, name.split('/')[0]!), { recursive: true });
    symlinkSync(target, join(modules, name), 'dir');
  }
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
}, 240_000);

describe('the packed package', () => {
  it('ships dist, README, CHANGELOG and LICENSE, and no sources or tests', () => {
    const files = readdirSync(join(project, 'node_modules', 'workout-spans'));
    expect(files.sort()).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'dist', 'package.json']);
  });

  it('every entry imports (ESM) and requires (CJS), and a TrackerError is one class across entries', () => {
    const checks = SUBPATHS.map((s) => `  ['${s}', await import('${s}'), require('${s}')],`).join('\n');
    writeFileSync(
      join(project, 'entries.mjs'),
      `import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const entries = [
${checks}
];
const out = {};
for (const [name, esm, cjs] of entries) out[name] = { esm: Object.keys(esm).sort(), cjs: Object.keys(cjs).filter((k) => k !== '__esModule').sort() };
const core = await import('workout-spans');
const { deserialize } = await import('workout-spans/persistence');
const coreCjs = require('workout-spans');
const persistenceCjs = require('workout-spans/persistence');
const codeOf = (fn) => { try { fn(); } catch (e) { return [e instanceof core.TrackerError, e instanceof coreCjs.TrackerError, e.code]; } };
out.identity = { esm: codeOf(() => deserialize('{')), cjs: codeOf(() => persistenceCjs.deserialize('{')) };
console.log(JSON.stringify(out));`,
    );
    const out = JSON.parse(node('entries.mjs')) as Record<string, { esm: string[]; cjs: string[] }> & {
      identity: Record<string, unknown[]>;
    };
    for (const name of SUBPATHS) {
      expect(out[name]!.esm.length, name).toBeGreaterThan(0);
      expect(out[name]!.cjs, name).toEqual(out[name]!.esm);
    }
    expect(out['workout-spans']!.esm).toContain('createTracker');
    expect(out['workout-spans/persistence']!.esm).toContain('serialize');
    expect(out['workout-spans/fit']!.esm).toContain('toFit');
    // ESM and CJS each load their own copy of the core; within one module system, one TrackerError.
    expect(out.identity.esm).toEqual([true, false, 'CORRUPT_DATA']);
    expect(out.identity.cjs).toEqual([false, true, 'CORRUPT_DATA']);
  });

  it('the core imports no other entry and no peer; the other entries import the core by name', () => {
    const dist = join(project, 'node_modules', 'workout-spans', 'dist');
    const importsOf = (file: string): string[] =>
      [...readFileSync(join(dist, file), 'utf8').matchAll(/(?:from|import\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
    expect(importsOf('index.js').filter((s) => !['nanoid', 'mitt'].includes(s))).toEqual([]);
    expect(importsOf('persistence.js')).toContain('workout-spans');
    expect(importsOf('react.js')).toEqual(expect.arrayContaining(['react', 'workout-spans/analysis']));
  });

  it('a strict TypeScript consumer of every entry type-checks, as ESM and as CommonJS', () => {
    const body = `
const tracker = createTracker({ strict: true });
const span: ExecutionSpan = tracker.startSpan({ key: 'fran', label: 'Fran', blockType: 'timer' });
const record: MetricRecord | undefined = tracker.recordMetric(span.id, 'reps', 21, 'reps');
const snapshot: TrackerSnapshot = tracker.getSnapshot();
const summary: WorkoutSummary = summarize(snapshot);
const text: string = serialize(snapshot) + toCSV(snapshot, 'spans') + renderTree(snapshot) + renderTimelineSvg(snapshot);
const action = new EmitMetricAction('reps', 1, 'reps');
const aggregator = createMetricAggregator([{ name: 'n', measure: 'count' }]);
const fit: Uint8Array = toFit(snapshot);
const hook: typeof useExecutionSpans = useExecutionSpans;
const otel = createOtelProcessor;
const compat = toExecutionRecord(span);
export const all = [record, summary, text, action, aggregator, fit, hook, otel, compat];
`;
    const imports = (
      from: (s: string) => string,
    ) => `import { createTracker, type ExecutionSpan, type MetricRecord, type TrackerSnapshot } from ${from('workout-spans')};
import { serialize } from ${from('workout-spans/persistence')};
import { summarize, type WorkoutSummary } from ${from('workout-spans/analysis')};
import { toCSV, renderTree, renderTimelineSvg } from ${from('workout-spans/export')};
import { EmitMetricAction } from ${from('workout-spans/runtime')};
import { createMetricAggregator } from ${from('workout-spans/aggregation')};
import { toFit } from ${from('workout-spans/fit')};
import { useExecutionSpans } from ${from('workout-spans/react')};
import { createOtelProcessor } from ${from('workout-spans/otel')};
import { toExecutionRecord } from ${from('workout-spans/compat')};`;
    writeFileSync(join(project, 'consumer.mts'), imports((s) => `'${s}'`) + body);
    writeFileSync(join(project, 'consumer.cts'), imports((s) => `'${s}'`) + body);
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'node16',
          moduleResolution: 'node16',
          target: 'es2022',
          noEmit: true,
          skipLibCheck: false,
          types: [],
          jsx: 'react-jsx',
        },
        files: ['consumer.mts', 'consumer.cts'],
      }),
    );
    expect(() =>
      execFileSync(process.execPath, [join(project, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project], {
        cwd: project,
        encoding: 'utf8',
      }),
    ).not.toThrow();
  });

  it('the CLI reports a saved session', () => {
    writeFileSync(
      join(project, 'save.mjs'),
      `import { createTracker, createManualClock } from 'workout-spans';
import { serialize } from 'workout-spans/persistence';
import { writeFileSync } from 'node:fs';
const clock = createManualClock(1_700_000_000_000);
const t = createTracker({ clock });
t.startSpan({ key: 'fran', label: 'Fran', blockType: 'timer' });
clock.advance(240_000);
t.endSpan('fran');
writeFileSync('session.json', serialize(t));`,
    );
    node('save.mjs');
    const out = execFileSync(
      process.execPath,
      [join(project, 'node_modules', 'workout-spans', 'dist', 'bin', 'workout-spans.js'), 'report', 'session.json'],
      {
        cwd: project,
        encoding: 'utf8',
      },
    );
    expect(out).toContain('Fran [timer] completed');
    expect(out).toContain('4:00');
  });
});
