/**
 * Debian's Chromium for the browser tests and benchmarks, driven by playwright-core, and the
 * package's sources bundled into a script for its pages. The flags keep Chromium off the network
 * this machine does not have (without them it keeps trying to reach Google's services).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Browser tests are skipped where Chromium is not installed (CI installs it). */
export const hasChromium = existsSync(CHROMIUM);

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A file (`entry`) or TypeScript source bundled into one classic script for a page, for ES2022 as
 * the package's build targets. `workout-spans` and its entries resolve to `src/` through
 * tsconfig.json's paths.
 */
export async function pageScript(from: { entry: string } | { source: string }): Promise<string> {
  const input =
    'entry' in from ? { entryPoints: [from.entry] } : { stdin: { contents: from.source, loader: 'ts' as const, resolveDir: ROOT } };
  const result = await build({
    ...input,
    absWorkingDir: ROOT,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** Chromium with a profile of its own (storage, IndexedDB) in a new temporary directory. */
export interface ProfileBrowser {
  context: BrowserContext;
  /** Closes the browser and deletes its profile. */
  close(): Promise<void>;
}

/** Launches Chromium on a fresh profile; `prefix` names its temporary directory. */
export async function launchWithProfile(prefix: string, options: { offline?: boolean } = {}): Promise<ProfileBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), prefix));
  try {
    const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, ...options });
    return {
      context,
      close: async () => {
        try {
          await context.close();
        } finally {
          rmSync(userDataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (e) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw e;
  }
}
