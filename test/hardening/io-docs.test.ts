import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ERROR_CODES } from 'workout-spans';

/**
 * docs/hardening.md is read by users who copy its examples: every TypeScript block compiles as
 * written (imports included) and prints what its comments say.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const doc = readFileSync(join(root, 'docs/hardening.md'), 'utf8');
const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
// Inside the project, so that packages and the `workout-spans` paths resolve as they do for a user;
// a dot folder, so that neither tsc nor vitest picks the files up on their own.
const dir = join(root, 'test/hardening', `.doc-blocks-${process.pid}`);
mkdirSync(dir, { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const files = blocks.map((code, i) => {
  const file = join(dir, `block${i}.ts`);
  writeFileSync(file, `${code}\nexport {};\n`);
  return file;
});

/** What each block prints, one entry per console.log, in order. */
const PRINTS: ((lines: string[]) => void)[] = [
  (lines) => expect(lines).toEqual(['NO_ACTIVE_SPAN', 'undefined', 'NO_ACTIVE_SPAN']),
  (lines) => expect(lines).toEqual(['CORRUPT_DATA $']),
  (lines) => expect(lines).toEqual(['Fran␛]0;owned␇ [group] completed · 4:00']),
  (lines) => {
    expect(lines[0]).toContain(`,"'=HYPERLINK(""https://example.com"",""Fran"")",completed,`);
    expect(lines[1]).toMatch(/\.m0,offset,-3,s,/);
    expect(lines[2]).toContain(`,"=HYPERLINK(""https://example.com"",""Fran"")",completed,`);
  },
  (lines) => expect(lines).toEqual([]),
];

describe('docs/hardening.md', () => {
  it('lists every error code the package has, in its table', () => {
    const listed = new Set([...doc.matchAll(/^\| ([^|]+)\|/gm)].flatMap((m) => [...m[1]!.matchAll(/`([A-Z_]+)`/g)].map((c) => c[1]!)));
    expect(ERROR_CODES.filter((code) => !listed.has(code))).toEqual([]);
  });

  it('holds the blocks this test knows', () => {
    expect(blocks).toHaveLength(PRINTS.length);
  });

  it('every TypeScript block compiles as written', () => {
    const config = ts.getParsedCommandLineOfConfigFile(
      join(root, 'tsconfig.json'),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
        },
      },
    )!;
    const program = ts.createProgram(files, { ...config.options, noEmit: true });
    const problems = files.flatMap((file) =>
      ts
        .getPreEmitDiagnostics(program, program.getSourceFile(file))
        .map((d) => `${file}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`),
    );
    expect(problems).toEqual([]);
  }, 60_000);

  it.each(files.map((file, i) => [i, file] as const))('block %i prints what its comments say', async (i, file) => {
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    });
    try {
      await import(file);
    } finally {
      log.mockRestore();
    }
    PRINTS[i]!(lines);
  });
});
