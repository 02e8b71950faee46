import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { serialize } from 'workout-spans/persistence';
import type * as Analysis from 'workout-spans/analysis';
import type * as Export from 'workout-spans/export';
import { runFran } from '../../examples/workouts/fran';
import { EXIT, main, reason } from '../../src/bin/cli';

/**
 * A step of the report that throws (a fault in the analysis or an exporter, or a thrown value that
 * is not even an Error) still ends in one line on stderr and exit 1, never a crash: the CLI's
 * promise does not depend on every entry being free of faults.
 */

/** What each mocked step throws, when set (`{ thrown }`, so that even `undefined` can be thrown). */
type Fault = { thrown: unknown } | null;
const fault = vi.hoisted(() => ({ summarize: null as Fault, renderTree: null as Fault, toCSV: null as Fault }));

vi.mock('workout-spans/analysis', async (importOriginal) => {
  const original = await importOriginal<typeof Analysis>();
  return {
    ...original,
    summarize: (...args: Parameters<typeof original.summarize>) => {
      if (fault.summarize !== null) throw fault.summarize.thrown;
      return original.summarize(...args);
    },
  };
});

vi.mock('workout-spans/export', async (importOriginal) => {
  const original = await importOriginal<typeof Export>();
  return {
    ...original,
    renderTree: (...args: Parameters<typeof original.renderTree>) => {
      if (fault.renderTree !== null) throw fault.renderTree.thrown;
      return original.renderTree(...args);
    },
    toCSV: (...args: Parameters<typeof original.toCSV>) => {
      if (fault.toCSV !== null) throw fault.toCSV.thrown;
      return original.toCSV(...args);
    },
  };
});

const dir = mkdtempSync(join(tmpdir(), 'workout-spans-io-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fran = join(dir, 'fran.json');
writeFileSync(fran, serialize(runFran().tracker));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

beforeEach(() => {
  fault.summarize = fault.renderTree = fault.toCSV = null;
});

describe('a step that throws', () => {
  it('summarize throwing a RangeError: exit 1, one line naming the step and the error, nothing on stdout', async () => {
    fault.summarize = { thrown: new RangeError('Invalid array length') };
    const r = await run('report', fran);
    expect(r).toEqual({ code: EXIT.failed, out: '', err: `workout-spans: cannot summarise '${fran}': RangeError: Invalid array length\n` });
  });

  it('renderTree throwing something that is not an Error, or an Error whose message is hostile', async () => {
    const getter = Object.defineProperty({}, 'message', {
      get() {
        throw new Error('no');
      },
    });
    for (const thrown of ['a string', 42, null, undefined, { toString: 1 }, getter, new Error('line one\nline two \x1b[2J')]) {
      fault.renderTree = { thrown };
      const r = await run('report', fran);
      expect(r.code).toBe(EXIT.failed);
      expect(r.err).toMatch(/^workout-spans: cannot draw the span tree of '[^']+': [^\n]*\n$/);
      expect(r.err).not.toContain('\x1b');
    }
  });

  it('toCSV throwing after the report was printed: the report stays, exit 1 with one line', async () => {
    fault.toCSV = { thrown: new TypeError('boom') };
    const r = await run('report', fran, '--csv', join(dir, 'out.csv'));
    expect(r.code).toBe(EXIT.failed);
    expect(r.out).toContain('Summary of For Time');
    expect(r.err).toBe(`workout-spans: cannot write the spans CSV of '${fran}': TypeError: boom\n`);
  });

  it('a file that cannot be written: exit 1, one line', async () => {
    const r = await run('report', fran, '--svg', join(dir, 'no-such-dir', 'out.svg'));
    expect(r.code).toBe(EXIT.failed);
    expect(r.err).toMatch(/^workout-spans: cannot write the SVG timeline to '.*out\.svg': ENOENT[^\n]*\n$/);
  });

  it('reason() names any thrown value without throwing', () => {
    const getter = Object.defineProperty(new Error('x'), 'message', {
      get() {
        throw new Error('no');
      },
    });
    expect(reason(new RangeError('r'))).toBe('RangeError: r');
    expect(reason(new Error('plain'))).toBe('plain');
    expect(reason('text')).toBe('text');
    expect(reason({ toString: 1 })).toBe('{"toString":1}');
    expect(reason(getter)).toBe('an error that cannot be read');
    expect(reason(Symbol('s'))).toBe('null');
  });
});
