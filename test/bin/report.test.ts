import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Decoder, Stream } from '@garmin/fitsdk';
import { afterAll, describe, expect, it } from 'vitest';
import { runCindy } from '../../examples/workouts/cindy';
import { runFran } from '../../examples/workouts/fran';
import { runCindyThroughRuntime } from '../../examples/runtime/sample-runs';
import { main } from '../../src/bin/cli';
import { serialize } from 'workout-spans/persistence';
import { parseCsv } from '../export/rfc4180';
import { parseXml } from '../export/xml';

const dir = mkdtempSync(join(tmpdir(), 'workout-spans-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

describe('workout-spans report', () => {
  const fran = join(dir, 'fran.json');
  writeFileSync(fran, serialize(runFran().tracker));

  it('prints the tree and the summary of a saved session', async () => {
    const { code, out, err } = await run('report', fran);
    expect([code, err]).toEqual([0, '']);
    expect(out).toContain('For Time [timer] completed · 4:00');
    expect(out).toContain('Summary of For Time');
    expect(out).toMatch(/Score\s+4:00 \(for time\)/);
    expect(out).toContain('thruster: 45 reps of 45 · volume 4275 · 2:10');
    expect(out).toMatch(/Splits\s+3 rounds · mean 1:20 · p50 1:15/);
  });

  it("summarises the workout inside a runtime's session wrapper, as summarize does", async () => {
    const wrapped = join(dir, 'cindy-session.json');
    writeFileSync(wrapped, serialize(runCindyThroughRuntime().executionTracker));
    const { code, out, err } = await run('report', wrapped);
    expect([code, err]).toEqual([0, '']);
    expect(out).toContain('Session [group] completed');
    expect(out).toContain('Summary of Cindy');
    expect(out).toMatch(/Score\s+8\+26 \(rounds \+ reps\)/);
  });

  it('writes the SVG, CSV and FIT files asked for', async () => {
    const cindy = join(dir, 'cindy.json');
    writeFileSync(cindy, serialize(runCindy().tracker));
    const [svg, csv, fit] = ['t.svg', 't.csv', 't.fit'].map((f) => join(dir, f)) as [string, string, string];
    const { code, out } = await run('report', cindy, '--svg', svg, `--csv=${csv}`, '--csv-kind', 'segments', '--fit', fit);
    expect(code).toBe(0);
    expect(out).toMatch(/Score\s+8\+26 \(rounds \+ reps\)/);
    expect(parseXml(readFileSync(svg, 'utf8')).name).toBe('svg');
    const rows = parseCsv(readFileSync(csv, 'utf8'));
    expect(rows[0]).toContain('plannedMs');
    expect(rows.filter((r) => r[rows[0]!.indexOf('type')] === 'round')).toHaveLength(9);
    const bytes = new Uint8Array(readFileSync(fit));
    expect(new Decoder(Stream.fromByteArray(bytes)).checkIntegrity()).toBe(true);
    expect(new Decoder(Stream.fromByteArray(bytes)).read().messages.sessionMesgs![0]).toMatchObject({ totalTimerTime: 1200 });
  });

  it('fails with a clear message and exit 1 on a missing or corrupt file', async () => {
    const missing = await run('report', join(dir, 'nope.json'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^workout-spans: cannot read '.*nope\.json': no such file\n$/);
    const corrupt = join(dir, 'corrupt.json');
    writeFileSync(corrupt, '{"format":"workout-spans","version":1,"savedAt":');
    const bad = await run('report', corrupt);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('is not a readable saved session (CORRUPT_DATA)');
    const future = join(dir, 'future.json');
    writeFileSync(future, JSON.stringify({ format: 'workout-spans', version: 99, savedAt: 0, spans: [], metrics: [] }));
    expect((await run('report', future)).err).toContain('(UNSUPPORTED_VERSION)');
    expect((await run('report', dir)).err).toContain('it is a directory');
  });

  it('exits 2 with one line pointing to --help on a wrong command line, 0 with --help', async () => {
    for (const argv of [
      ['report'],
      ['show', fran],
      ['report', fran, '--svg'],
      ['report', fran, '--csv-kind', 'laps'],
      ['report', fran, '--zip', 'x'],
      ['report', fran, fran],
    ]) {
      const r = await run(...argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^workout-spans: [^\n]+ \(see workout-spans --help\)\n$/);
    }
    const help = await run('--help');
    expect([help.code, help.out.startsWith('Usage:')]).toEqual([0, true]);
  });

  it('sets the process exit code when run as a program', async () => {
    const corrupt = join(dir, 'corrupt2.json');
    writeFileSync(corrupt, '{');
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'src/bin/workout-spans.ts', 'report', corrupt],
        { cwd: fileURLToPath(new URL('../..', import.meta.url)) },
        (error, _stdout, stderr) => {
          resolve({ code: error === null ? 0 : (error.code as number | null), stderr });
        },
      );
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('CORRUPT_DATA');
  });
});
