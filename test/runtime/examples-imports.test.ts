// Examples a user can copy: every file in examples/ reaches the library by its package name
// (`workout-spans`, `workout-spans/<entry>`), never by a path into src/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLES = join(ROOT, 'examples');
const SRC = join(ROOT, 'src') + sep;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
/** The names the package answers to: `workout-spans` and one per subpath of its `exports`. */
const ENTRIES = new Set(
  Object.keys(pkg.exports)
    .filter((k) => k !== './package.json')
    .map((k) => (k === '.' ? 'workout-spans' : `workout-spans/${k.slice(2)}`)),
);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'dist' || name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx|mts|cts|js|mjs)$/.test(name)) out.push(path);
  }
  return out;
}

/** Every module specifier a file imports or re-exports (static and dynamic). */
function specifiers(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

describe('the examples import the package by name', () => {
  const files = sourceFiles(EXAMPLES);

  it('finds the examples (the runtime, the page, the demo)', () => {
    const names = files.map((f) => relative(EXAMPLES, f).split(sep).join('/'));
    expect(names).toEqual(expect.arrayContaining(['demo.ts', 'runtime/block-runtime.ts', 'app/App.tsx', 'app/vite.config.ts']));
  });

  it('no import reaches into src/, and every workout-spans name is an entry of the package', () => {
    const problems: string[] = [];
    let byName = 0;
    for (const file of files) {
      for (const spec of specifiers(file)) {
        const where = `${relative(ROOT, file)}: '${spec}'`;
        if (spec.startsWith('.')) {
          const target = resolve(dirname(file), spec);
          if (target.startsWith(SRC) || target === SRC.slice(0, -1)) problems.push(`${where} reaches into src/`);
          else if (!target.startsWith(EXAMPLES)) problems.push(`${where} leaves examples/`);
        } else if (spec === 'workout-spans' || spec.startsWith('workout-spans/')) {
          byName++;
          if (!ENTRIES.has(spec)) problems.push(`${where} is not an entry of the package`);
        } else if (spec.includes('/src/') || spec.startsWith('src/')) problems.push(`${where} names a source path`);
      }
    }
    expect(problems).toEqual([]);
    expect(byName).toBeGreaterThan(30);
  });

  it('each file that uses the library imports it (no file reaches it only through another copy)', () => {
    // A file that calls the tracker or an entry's functions imports them itself, by name.
    const usesLibrary = /\b(createTracker|ExecutionTracker|summarize|renderTimelineSvg|createAutosave|useExecutionSpans|RestBehavior)\b/;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      if (!usesLibrary.test(code)) continue;
      expect(
        specifiers(file).some((s) => s === 'workout-spans' || s.startsWith('workout-spans/')),
        relative(ROOT, file),
      ).toBe(true);
    }
  });
});
