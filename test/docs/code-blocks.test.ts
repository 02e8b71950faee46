// Every TypeScript block of the README and of docs/ compiles as written (each block a module of its
// own, importing the package by name), and every block that prints runs in Node to the end without
// an error (a block that prints is a runnable example).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = join(root, '.docs-check');

interface Block {
  doc: string;
  line: number;
  lang: 'ts' | 'tsx';
  code: string;
  file: string;
}

/** The ```ts and ```tsx blocks of a markdown file, with the line each starts on. */
function blocksOf(doc: string): Block[] {
  const text = readFileSync(join(root, doc), 'utf8');
  const blocks: Block[] = [];
  const re = /^```(tsx|typescript|ts)\b[^\n]*\n([\s\S]*?)^```/gm;
  for (const m of text.matchAll(re)) {
    const line = text.slice(0, m.index).split('\n').length;
    const lang = m[1] === 'tsx' ? 'tsx' : 'ts';
    const name = `${doc.replace(/[^a-z0-9]+/gi, '-')}-${line}.${lang}`;
    blocks.push({ doc, line, lang, code: m[2]!, file: join(out, name) });
  }
  return blocks;
}

const docs = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const blocks = docs.flatMap(blocksOf);

function compile(): Map<string, string[]> {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  // `export {}` makes each block a module: names never clash between blocks.
  for (const b of blocks) writeFileSync(b.file, `${b.code}\nexport {};\n`);
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  )!;
  const program = ts.createProgram(
    blocks.map((b) => b.file),
    { ...config.options, noEmit: true, noUnusedLocals: false },
  );
  const errors = new Map<string, string[]>();
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const file = d.file?.fileName ?? '(global)';
    const where = d.file !== undefined && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    const list = errors.get(file) ?? [];
    list.push(`line ${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    errors.set(file, list);
  }
  return errors;
}

describe('code blocks in the README and docs/', () => {
  const errors = compile();

  it('there are blocks to check in the README and in docs/', () => {
    expect(blocks.filter((b) => b.doc === 'README.md').length).toBeGreaterThan(3);
    expect(new Set(blocks.map((b) => b.doc)).size).toBeGreaterThan(3);
  });

  it.each(blocks.map((b) => [`${b.doc}:${b.line}`, b] as const))('%s compiles as written', (_where, block) => {
    expect(errors.get(block.file) ?? [], relative(root, block.file)).toEqual([]);
  });

  const printing = blocks.filter((b) => b.lang === 'ts' && /console\.log\(/.test(b.code));
  const run = promisify(execFile);
  // Concurrent: each block is a process of its own, mostly waiting for tsx to start.
  it.concurrent.each(printing.map((b) => [`${b.doc}:${b.line}`, b] as const))('%s runs to the end', async (_where, block) => {
    // execFile rejects when the process exits with an error: its stderr is in the message.
    await expect(
      run(process.execPath, ['--import', 'tsx', block.file], { cwd: root, encoding: 'utf8', timeout: 60_000 }),
    ).resolves.toBeDefined();
  });
});
