// Each entry bundled from the sources as a browser app would (esbuild): the core pulls in no other
// entry and no optional peer; every other entry leaves the core, the other entries and its peer to
// the host, so that a host importing several entries gets one tracker and one TrackerError.
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ENTRIES } from '../../tsup.config';

const root = fileURLToPath(new URL('../..', import.meta.url));
const PEERS = ['react', 'react-dom', '@opentelemetry/api', '@garmin/fitsdk'];
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
/** The core's own folders: the tracker and what it needs. */
const CORE = /^src\/(tracker|memory|context|events|errors|clock)\//;
const OTHER_ENTRIES = /^src\/(persistence|analysis|export|runtime|aggregation|react|otel|fit|compat|bin)\//;

async function bundle(entry: string): Promise<Metafile> {
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'browser',
    format: 'esm',
    external: [...PEERS, 'workout-spans', 'workout-spans/*'],
    logLevel: 'silent',
  });
  return result.metafile;
}

const externalImports = (meta: Metafile): string[] =>
  Object.values(meta.outputs)
    .flatMap((o) => o.imports)
    .filter((i) => i.external)
    .map((i) => i.path);

describe('the core entry (workout-spans)', () => {
  it('bundles the tracker and its dependencies only: no other entry, no peer, no Node built-in, no immer', async () => {
    const meta = await bundle(ENTRIES.index);
    const inputs = Object.keys(meta.inputs);
    expect(inputs.filter((p) => OTHER_ENTRIES.test(p))).toEqual([]);
    expect(inputs.filter((p) => /node_modules\/immer\//.test(p))).toEqual([]);
    expect(externalImports(meta)).toEqual([]);
  });
});

const NON_CORE = Object.entries(ENTRIES).filter(([name]) => name !== 'index');

describe.each(NON_CORE)('the entry workout-spans/%s', (name, entry) => {
  it('holds no copy of the core and leaves the other entries and its peer to the host', async () => {
    const meta = await bundle(entry);
    const inputs = Object.keys(meta.inputs);
    expect(inputs).toContain(entry);
    expect(inputs.filter((p) => CORE.test(p))).toEqual([]);
    expect(inputs.filter((p) => /node_modules\/(mitt|nanoid)\//.test(p))).toEqual([]);
    expect(inputs.filter((p) => OTHER_ENTRIES.test(p) && !p.startsWith(`src/${name}/`))).toEqual([]);
    for (const path of externalImports(meta)) {
      expect(NODE_BUILTINS.has(path), path).toBe(false);
      expect(path === 'workout-spans' || path.startsWith('workout-spans/') || PEERS.includes(path), path).toBe(true);
    }
  });
});

describe('workout-spans/react', () => {
  it('imports summarize from workout-spans/analysis instead of inlining it', async () => {
    const meta = await bundle(ENTRIES.react);
    expect(externalImports(meta)).toContain('workout-spans/analysis');
    expect(Object.keys(meta.inputs).filter((p) => p.startsWith('src/analysis/'))).toEqual([]);
  });
});
