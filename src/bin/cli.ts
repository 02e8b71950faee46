import { readFileSync, writeFileSync } from 'node:fs';
import { isTrackerError, type TrackerSnapshot } from 'workout-spans';
import { summarize } from 'workout-spans/analysis';
import { renderTimelineSvg, renderTree, toCSV } from 'workout-spans/export';
import { deserialize } from 'workout-spans/persistence';
import { parseArgs, USAGE, type ReportArgs } from './args';
import { formatSummary } from './format-summary';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** Exit codes: 0 done, 1 the file could not be read or written, 2 the command line is wrong. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

class CliFailure extends Error {}

function readSession(file: string): TrackerSnapshot {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : String((e as Error).message);
    throw new CliFailure(`cannot read '${file}': ${why}`);
  }
  try {
    return deserialize(text);
  } catch (e) {
    if (isTrackerError(e)) throw new CliFailure(`'${file}' is not a readable saved session (${e.code}): ${e.message}`);
    throw e;
  }
}

function write(file: string, data: string | Uint8Array, what: string): void {
  try {
    writeFileSync(file, data);
  } catch (e) {
    throw new CliFailure(`cannot write the ${what} to '${file}': ${(e as Error).message}`);
  }
}

/** The FIT entry, loaded only when asked for: `@garmin/fitsdk` is an optional peer dependency. */
async function loadToFit(): Promise<(snapshot: TrackerSnapshot) => Uint8Array> {
  try {
    return (await import('workout-spans/fit')).toFit;
  } catch (e) {
    throw new CliFailure(`--fit needs the optional package @garmin/fitsdk (npm install @garmin/fitsdk): ${(e as Error).message}`);
  }
}

async function report(args: ReportArgs, io: CliIo): Promise<void> {
  const snapshot = readSession(args.file);
  const roots = snapshot.spans.filter((s) => s.parentSpanId === null || !snapshot.spans.some((p) => p.id === s.parentSpanId));
  if (roots.length === 0) {
    io.out('(the session holds no spans)\n');
  } else {
    io.out(`${renderTree(snapshot)}\n`);
    for (const root of roots) io.out(`\n${formatSummary(root.label, summarize(snapshot, { rootSpanId: root.id }))}\n`);
  }
  if (args.svg !== undefined) write(args.svg, renderTimelineSvg(snapshot), 'SVG timeline');
  if (args.csv !== undefined) write(args.csv, toCSV(snapshot, args.csvKind), `${args.csvKind} CSV`);
  if (args.fit !== undefined) {
    if (roots.length === 0) throw new CliFailure('cannot write a FIT file: the session holds no spans');
    const toFit = await loadToFit();
    write(args.fit, toFit(snapshot), 'FIT file');
  }
}

/**
 * The report CLI (API.md §11 bin) without the process around it, so tests can run it: reads a
 * saved session, prints its tree and a summary per root, and writes the files asked for.
 * Returns the exit code; every failure is one line on `err` prefixed `workout-spans:`.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  if (args.command === 'help') {
    io.out(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (args.command === 'error') {
    io.err(`workout-spans: ${args.message}\n${USAGE}\n`);
    return EXIT.usage;
  }
  try {
    await report(args, io);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CliFailure) {
      io.err(`workout-spans: ${e.message}\n`);
      return EXIT.failed;
    }
    throw e;
  }
}
