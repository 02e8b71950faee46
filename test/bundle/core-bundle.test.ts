// The core entry must bundle without any optional peer, and each subpath entry must leave its peer
// to the host (API.md §11, issue 6). Bundled here with esbuild, as a browser app would.
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const PEERS = [/(^|\/)node_modules\/react(-dom)?\//, /(^|\/)node_modules\/@opentelemetry\//, /(^|\/)node_modules\/@garmin\//];
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

async function bundle(entry: string, external: string[] = []): Promise<Metafile> {
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'browser',
    format: 'esm',
    external,
    logLevel: 'silent',
  });
  return result.metafile;
}

const importsOf = (meta: Metafile) => Object.values(meta.outputs).flatMap((o) => o.imports);

describe('core bundle (src/index.ts)', () => {
  it('pulls in no react, @opentelemetry/*, @garmin/fitsdk, node built-in or subpath entry', async () => {
    const meta = await bundle('src/index.ts');
    const inputs = Object.keys(meta.inputs);
    expect(inputs).toContain('src/index.ts');
    for (const peer of PEERS) expect(inputs.filter((p) => peer.test(p))).toEqual([]);
    expect(inputs.filter((p) => p.startsWith('node:') || NODE_BUILTINS.has(p))).toEqual([]);
    expect(inputs.filter((p) => /^src\/(react|otel|compat|fit|bin)\//.test(p))).toEqual([]);
    // Everything it needs is bundled: no import is left for the host to resolve.
    expect(importsOf(meta).filter((i) => i.external)).toEqual([]);
  });
});

// A subpath bundle never holds a copy of the tracker (nor immer, mitt, nanoid): a host importing
// the core and an entry must not end up with two trackers. react, otel and compat import the core's
// types only (react also the pure `summarize`); otel and compat bundle nothing but their own folder.
const TRACKER = /^(src\/(tracker|memory|events|context|persistence|runtime)\/|node_modules\/(immer|mitt|nanoid)\/)/;

const ENTRIES = [
  { entry: 'src/react/index.ts', peers: ['react', 'react-dom'], only: undefined },
  { entry: 'src/otel/index.ts', peers: ['@opentelemetry/api'], only: /^src\/otel\// },
  { entry: 'src/compat/index.ts', peers: [], only: /^src\/compat\// },
  { entry: 'src/fit/index.ts', peers: ['@garmin/fitsdk'], only: undefined },
];

describe.each(ENTRIES)('subpath entry $entry', ({ entry, peers, only }) => {
  it.skipIf(!existsSync(`${root}/${entry}`))('leaves its peer external, inlines no peer and no tracker', async () => {
    const meta = await bundle(
      entry,
      peers.flatMap((p) => [p, `${p}/*`]),
    );
    const inputs = Object.keys(meta.inputs);
    expect(inputs).toContain(entry);
    for (const peer of PEERS) expect(inputs.filter((p) => peer.test(p))).toEqual([]);
    expect(inputs.filter((p) => p.startsWith('node:') || NODE_BUILTINS.has(p))).toEqual([]);
    const external = importsOf(meta)
      .filter((i) => i.external)
      .map((i) => i.path);
    expect(external.every((p) => peers.some((peer) => p === peer || p.startsWith(`${peer}/`)))).toBe(true);
    if (peers.length > 0) expect(external).toContain(peers[0]);
    expect(inputs.filter((p) => TRACKER.test(p))).toEqual([]);
    if (only !== undefined) expect(inputs.filter((p) => !only.test(p))).toEqual([]);
  });
});
