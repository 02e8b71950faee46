import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createManualClock, createTracker, isTrackerError } from 'workout-spans';
import { deserialize, serialize } from 'workout-spans/persistence';
import { runCindy } from '../../examples/workouts/cindy';
import { runFran } from '../../examples/workouts/fran';
import { parseArgs } from '../../src/bin/args';
import { EXIT, main } from '../../src/bin/cli';
import { parseCsv } from '../export/rfc4180';
import { NASTY_TEXTS, T0, textArb, valueArb } from './io-snapshots';
import { numRuns, seed, timeout } from './runs';

/**
 * Issue 14, the CLI: whatever the file holds, `workout-spans report` exits 0, 1 or 2, every failure
 * is one line on stderr, and nothing it prints carries a control character a terminal would obey.
 */

const dir = mkdtempSync(join(tmpdir(), 'workout-spans-io-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a terminal would obey, LF (the CLI's own line breaks) aside. */
// eslint-disable-next-line no-control-regex
const TERMINAL_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const ONE_LINE = /^workout-spans: [^\n]+\n$/;

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Every text of a session is an escape sequence or another control: labels, segments, exercises, errors, units. */
function hostileDocument(): string {
  const clock = createManualClock(T0);
  const tracker = createTracker({ clock, onError: () => {} });
  tracker.startSpan({ key: 'w', label: '\x1b]0;owned\x07Fran\x1b[2J', blockType: 'rounds' });
  tracker.recordMetric('w', 'totalRounds', 3, 'rounds');
  NASTY_TEXTS.slice(0, 12).forEach((text, i) => {
    tracker.startSegment('w', 'round', `${text} round`, i);
    tracker.startSpan({ key: `e${i}`, label: text === '' ? 'x' : text, blockType: 'effort' });
    tracker.recordMetric(`e${i}`, 'exerciseId', `ex\x1b[31m${i}`, '');
    tracker.recordMetric(`e${i}`, 'reps', 5, `reps\x1b[0m`);
    tracker.recordMetric(`e${i}`, `key\x07${i}`, text === '' ? 'x' : text, '\u009b1m');
    clock.advance(20_000 + i * 1_000);
    tracker.endSpan(`e${i}`);
  });
  try {
    tracker.trace({ key: 'bad', label: 'Box\rjumps', blockType: 'effort' }, () => {
      clock.advance(1_000);
      throw new Error('missed\x1b]8;;https://evil.example\x07 the box\nreally');
    });
  } catch {
    // The failed span is what this session wants.
  }
  tracker.endSpan('w');
  return serialize(tracker);
}

describe('workout-spans report under hostile input', () => {
  it('prints no control character from the session: ESC, OSC, CR, BEL, C1 and bidi controls are shown, never sent', async () => {
    const { code, out, err } = await run('report', file('hostile.json', hostileDocument()));
    expect([code, err]).toEqual([0, '']);
    expect(out).not.toMatch(TERMINAL_UNSAFE);
    expect(out).toContain('␛]0;owned␇Fran␛[2J [rounds] completed');
    expect(out).toContain('Box jumps [effort] failed');
    expect(out).toContain('! missed␛]8;;https://evil.example␇ the box really');
    expect(out).toContain('Summary of ␛]0;owned␇Fran␛[2J');
    expect(out).toContain('ex␛[31m0:');
    expect(out).toContain('<U+009B>1m');
    expect(out).toContain('<U+202E>evil.exe');
  });

  it('writes the failure about a file whose name holds controls on one safe line', async () => {
    const name = join(dir, 'no\x1b]0;pwn\x07such\nfile.json');
    const { code, err } = await run('report', name);
    expect(code).toBe(EXIT.failed);
    expect(err).toMatch(ONE_LINE);
    expect(err).toContain('no␛]0;pwn␇such file.json');
    const usage = await run('report', '--\x1b[2J');
    expect(usage.code).toBe(EXIT.usage);
    expect(usage.err).toMatch(ONE_LINE);
    expect(usage.err).toContain("unknown option '--␛[2J'");
  });

  it('reads the issue example ({ "toString": 1 } as a custom value) and exits 0', async () => {
    const clock = createManualClock(T0);
    const tracker = createTracker({ clock });
    tracker.startSpan({ key: 'w', label: 'W' });
    tracker.recordMetric('w', 'evil', { toString: 1 }, 'x');
    clock.advance(1_000);
    tracker.endSpan('w');
    const csv = join(dir, 'evil.csv');
    const { code, out, err } = await run('report', file('evil.json', serialize(tracker)), '--csv', csv, '--csv-kind', 'metrics');
    expect([code, err]).toEqual([0, '']);
    expect(out).toContain('evil {"toString":1} x');
    expect(parseCsv(readFileSync(csv, 'utf8'))[1]).toContain('{"toString":1}');
  });

  it('reports a session 2 500 spans deep', async () => {
    const clock = createManualClock(T0);
    const tracker = createTracker({ clock });
    for (let i = 0; i < 2_500; i++) tracker.startSpan({ key: `k${i}`, label: `L${i}` });
    const { code, out, err } = await run('report', file('deep.json', serialize(tracker)));
    expect([code, err]).toEqual([0, '']);
    expect(out).toContain('(depth 2499) L2499');
  });

  it(
    'property: any corruption of a saved session gives exit 1 with one line naming deserialize’s code, or a clean report',
    async () => {
      const clock = createManualClock(T0);
      const small = createTracker({ clock });
      small.startSpan({ key: 'w', label: 'Small', blockType: 'amrap' });
      small.startSegment('w', 'round', 'Round 1', 0);
      small.recordMetric('w', 'reps', 5, 'reps');
      clock.advance(90_000);
      small.endSpan('w');
      const bases = [serialize(small), serialize(runFran().tracker), serialize(runCindy({}, 350).tracker), hostileDocument()];
      const path = join(dir, 'fuzz.json');
      const csv = join(dir, 'fuzz.csv');
      /** Small JSON values (the 'number' corruption below puts times anywhere, huge ones included). */
      const smallJson = fc.letrec<{ json: unknown }>((tie) => ({
        json: fc.oneof(
          { depthSize: 'small' },
          fc.integer({ min: -100_000, max: 100_000 }),
          fc.constantFrom(null, true, false, '', 'active', 'round', 'pause', '\x1b[2J', '=1+1'),
          fc.string({ unit: 'binary', maxLength: 8 }),
          fc.array(tie('json'), { maxLength: 3 }),
          fc.dictionary(fc.string({ maxLength: 4 }), tie('json'), { maxKeys: 3 }),
        ),
      })).json;
      const corruption = fc.oneof(
        fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
        fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
        fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }) }),
        fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), with: smallJson }),
        fc.record({ kind: fc.constant('bytes' as const), text: fc.string({ unit: 'binary', maxLength: 60 }) }),
        fc.record({
          kind: fc.constant('text' as const),
          at: fc.nat(),
          with: fc.oneof(fc.constantFrom(...NASTY_TEXTS), fc.string({ unit: 'binary' })),
        }),
        fc.record({ kind: fc.constant('version' as const), with: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.integer()) }),
        fc.record({
          kind: fc.constant('number' as const),
          at: fc.nat(),
          with: fc.oneof(
            fc.constantFrom(-1, 0.5, 1e12, -1e15, 1e15, 8.64e15, 1e300, -1e300, Number.MAX_SAFE_INTEGER),
            fc.double({ noNaN: true, noDefaultInfinity: true }),
          ),
        }),
      );
      await fc.assert(
        fc.asyncProperty(fc.nat(bases.length - 1), corruption, async (b, c) => {
          const base = bases[b]!;
          let text: string;
          switch (c.kind) {
            case 'truncate':
              text = base.slice(0, c.at % base.length);
              break;
            case 'delete': {
              const at = c.at % base.length;
              text = base.slice(0, at) + base.slice(at + 1);
              break;
            }
            case 'insert': {
              const at = c.at % (base.length + 1);
              text = base.slice(0, at) + c.text + base.slice(at);
              break;
            }
            case 'replace':
              text = replaceSomewhere(base, c.at, c.with);
              break;
            case 'text':
              text = replaceSomewhere(base, c.at, c.with, (v) => typeof v === 'string');
              break;
            case 'version':
              text = base.replace(/"version":\d+/, `"version":${c.with}`);
              break;
            case 'number':
              text = replaceSomewhere(base, c.at, c.with, (v) => typeof v === 'number');
              break;
            case 'bytes':
              text = c.text;
              break;
          }
          writeFileSync(path, text);
          let expected: string | null = null;
          try {
            deserialize(text);
          } catch (e) {
            expect(isTrackerError(e)).toBe(true);
            expected = (e as { code: string }).code;
          }
          const r = await run('report', path, '--csv', csv);
          if (expected === null) {
            expect([r.code, r.err]).toEqual([EXIT.ok, '']);
            expect(r.out).not.toMatch(TERMINAL_UNSAFE);
            expect(() => parseCsv(readFileSync(csv, 'utf8'))).not.toThrow();
          } else {
            expect(r.code).toBe(EXIT.failed);
            expect(r.err).toMatch(ONE_LINE);
            expect(r.err).toContain(`(${expected})`);
            expect(r.err.slice(0, -1)).not.toMatch(TERMINAL_UNSAFE);
            expect(r.out).toBe('');
          }
        }),
        { numRuns: numRuns(300), ...seed() },
      );
    },
    timeout(),
  );

  it(
    'property: any session a tracker accepted, with any texts and values, reports with exit 0 and nothing a terminal obeys',
    async () => {
      const path = join(dir, 'session.json');
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(textArb, textArb, textArb, valueArb), { minLength: 1, maxLength: 5 }), async (items) => {
          const clock = createManualClock(T0);
          const tracker = createTracker({ clock });
          tracker.on('error', () => {}); // lenient: what it refuses is dropped, the rest is saved
          tracker.startSpan({ key: 'root', label: 'Root', blockType: 'rounds' });
          items.forEach(([label, key, unit, value], i) => {
            tracker.startSegment('root', 'round', label, i);
            tracker.startSpan({ key: `k${i}`, label, blockType: 'effort' });
            tracker.recordMetric(`k${i}`, key, value, unit);
            tracker.recordMetric(`k${i}`, 'exerciseId', label, '');
            tracker.recordMetric(`k${i}`, 'reps', i + 1, 'reps');
            clock.advance(10_000);
            tracker.endSpan(`k${i}`);
          });
          tracker.endSpan('root');
          writeFileSync(path, serialize(tracker));
          const r = await run('report', path);
          expect([r.code, r.err]).toEqual([EXIT.ok, '']);
          expect(r.out).not.toMatch(TERMINAL_UNSAFE);
        }),
        { numRuns: numRuns(100), ...seed() },
      );
    },
    timeout(),
  );

  it('property: parseArgs never throws, and names on Object.prototype are never flags', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string({ unit: 'binary', maxLength: 6 }),
            fc.constantFrom(
              'report',
              '--svg',
              '--csv',
              '--fit',
              '--csv-kind',
              '--csv-kind=spans',
              '-h',
              'toString',
              '__proto__',
              'constructor',
              'hasOwnProperty',
              '--toString',
              '-',
            ),
          ),
          { maxLength: 6 },
        ),
        (argv) => {
          const parsed = parseArgs(argv);
          expect(['report', 'help', 'error']).toContain(parsed.command);
          if (parsed.command === 'report') {
            expect(typeof parsed.file).toBe('string');
            for (const key of Object.keys(parsed)) expect(['command', 'file', 'svg', 'csv', 'csvKind', 'fit']).toContain(key);
          }
        },
      ),
      { numRuns: numRuns(1000), ...seed() },
    );
    expect(parseArgs(['report', 'toString'])).toEqual({ command: 'report', file: 'toString', csvKind: 'spans' });
    expect(parseArgs(['report', 'f.json', 'constructor'])).toMatchObject({ command: 'error' });
  });

  it('as a program: a file that used to crash it exits 0, a corrupt one 1 with one line, never 70; a closed pipe is no failure', async () => {
    const evil = file('evil-program.json', hostileDocument());
    const corrupt = file('corrupt-program.json', '{"format":"workout-spans","version":1,"savedAt":\x1b[2J');
    // A reader that stops after the first chunk (`| head`): the rest is dropped, the CSV still written.
    const clock = createManualClock(T0);
    const long = createTracker({ clock });
    for (let i = 0; i < 3_000; i++) {
      long.startSpan({ key: `k${i}`, label: `Set ${i} ${'x'.repeat(60)}` }, null);
      long.endSpan(`k${i}`);
    }
    const csv = join(dir, 'piped.csv');
    const [ok, bad, piped] = await Promise.all([
      program(['report', evil]),
      program(['report', corrupt]),
      program(['report', file('long-program.json', serialize(long)), '--csv', csv], { closeStdoutEarly: true }),
    ]);
    expect([piped.code, piped.stderr]).toEqual([0, '']);
    expect(parseCsv(readFileSync(csv, 'utf8'))).toHaveLength(3_001);
    expect([ok.code, ok.stderr]).toEqual([0, '']);
    expect(ok.stdout).not.toMatch(TERMINAL_UNSAFE);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(ONE_LINE);
    expect(bad.stderr).toContain('(CORRUPT_DATA)');
    expect(bad.stderr).not.toContain('\x1b');
  });
});

/** Replaces the n-th value of the document that `which` accepts (any depth, counted modulo their number) by `value`. */
function replaceSomewhere(text: string, n: number, value: unknown, which: (v: unknown) => boolean = () => true): string {
  type Slot = { parent: Record<string | number, unknown>; key: string | number };
  const doc = JSON.parse(text) as unknown;
  const slots: Slot[] = [];
  const stack: unknown[] = [doc];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    const parent = v as Record<string | number, unknown>;
    const keys: (string | number)[] = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
    for (const key of keys) {
      if (which(parent[key])) slots.push({ parent, key });
      stack.push(parent[key]);
    }
  }
  if (slots.length === 0) return text;
  const { parent, key } = slots[n % slots.length]!;
  parent[key] = value;
  return JSON.stringify(doc);
}

function program(
  argv: string[],
  options: { closeStdoutEarly?: boolean } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/bin/workout-spans.ts', ...argv], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (options.closeStdoutEarly) child.stdout.destroy();
    });
    child.stderr.on('data', (chunk: string) => void (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
