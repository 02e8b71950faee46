import { readFileSync, writeFileSync } from 'node:fs';
import { isTrackerError, type TrackerSnapshot } from 'workout-spans';
import { summarize } from 'workout-spans/analysis';
import { renderTimelineSvg, renderTree, toCSV } from 'workout-spans/export';
import { deserialize } from 'workout-spans/persistence';
import { displayValue } from '../model/json-text';
import { terminalText } from '../model/terminal-text';
import { workoutWithin } from '../model/workout-tree';
import { parseArgs, USAGE, type ReportArgs } from './args';
import { formatSummary } from './format-summary';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/**
 * Exit codes: 0 done; 1 the session could not be read, reported or written (whatever the file
 * holds: no input makes the CLI crash); 2 the command line is wrong.
 */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A failure to report: its message becomes the one line on stderr. */
class CliFailure extends Error {}

/** What was thrown, as text, whatever it is (an Error, a string, an object with a throwing getter). */
export function reason(error: unknown): string {
  try {
    if (error instanceof Error) {
      const message = typeof error.message === 'string' ? error.message : displayValue(error.message);
      // A RangeError or TypeError from a step is a fault, not a message meant for the user: say which.
      return error.name === 'Error' || error instanceof CliFailure || isTrackerError(error) ? message : `${error.name}: ${message}`;
    }
    return displayValue(error, 200);
  } catch {
    return 'an error that cannot be read';
  }
}

/** Runs one step of the report; whatever it throws becomes a CliFailure naming the step. */
function step<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof CliFailure) throw e;
    throw new CliFailure(`${what}: ${reason(e)}`);
  }
}

function readSession(file: string): TrackerSnapshot {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException | null)?.code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : reason(e);
    throw new CliFailure(`cannot read '${file}': ${why}`);
  }
  try {
    return deserialize(text);
  } catch (e) {
    if (isTrackerError(e)) throw new CliFailure(`'${file}' is not a readable saved session (${e.code}): ${e.message}`);
    throw new CliFailure(`'${file}' is not a readable saved session: ${reason(e)}`);
  }
}

function write(file: string, data: string | Uint8Array, what: string): void {
  try {
    writeFileSync(file, data);
  } catch (e) {
    throw new CliFailure(`cannot write the ${what} to '${file}': ${reason(e)}`);
  }
}

/** The FIT entry, loaded only when asked for: `@garmin/fitsdk` is an optional peer dependency. */
async function loadToFit(): Promise<(snapshot: TrackerSnapshot) => Uint8Array> {
  try {
    return (await import('workout-spans/fit')).toFit;
  } catch (e) {
    throw new CliFailure(`--fit needs the optional package @garmin/fitsdk (npm install @garmin/fitsdk): ${reason(e)}`);
  }
}

/**
 * Text for the terminal: each line made safe (control characters shown, never obeyed; see
 * `terminalText`). The line breaks are the CLI's own; a label never adds one.
 */
function forTerminal(text: string): string {
  return text.split('\n').map(terminalText).join('\n');
}

/**
 * The tree and a summary per root, as one text: printed whole, or not at all when a step fails. Each
 * summary is of the workout inside its root (`workoutWithin`: a runtime's session wrapper is looked
 * through), as `summarize` reads a snapshot by default.
 */
function reportText(snapshot: TrackerSnapshot, file: string): string {
  const ids = new Set(snapshot.spans.map((s) => s.id));
  const roots = snapshot.spans.filter((s) => s.parentSpanId === null || !ids.has(s.parentSpanId));
  if (snapshot.spans.length === 0) return '(the session holds no spans)\n';
  let text = `${step(`cannot draw the span tree of '${file}'`, () => renderTree(snapshot))}\n`;
  for (const root of roots) {
    const workout = workoutWithin(root, snapshot.spans);
    const summary = step(`cannot summarise '${file}'`, () => summarize(snapshot, { rootSpanId: workout.id }));
    text += `\n${step(`cannot summarise '${file}'`, () => formatSummary(workout.label, summary))}\n`;
  }
  return text;
}

async function report(args: ReportArgs, io: CliIo): Promise<void> {
  const snapshot = readSession(args.file);
  io.out(forTerminal(reportText(snapshot, args.file)));
  if (args.svg !== undefined) {
    const svg = step(`cannot draw the SVG timeline of '${args.file}'`, () => renderTimelineSvg(snapshot));
    write(args.svg, svg, 'SVG timeline');
  }
  if (args.csv !== undefined) {
    const kind = args.csvKind;
    const csv = step(`cannot write the ${kind} CSV of '${args.file}'`, () => toCSV(snapshot, kind));
    write(args.csv, csv, `${kind} CSV`);
  }
  if (args.fit !== undefined) {
    if (snapshot.spans.length === 0) throw new CliFailure('cannot write a FIT file: the session holds no spans');
    const toFit = await loadToFit();
    write(
      args.fit,
      step(`cannot make a FIT file of '${args.file}'`, () => toFit(snapshot)),
      'FIT file',
    );
  }
}

/**
 * The report CLI without the process around it, so tests can run it: reads a saved session, prints
 * its tree and a summary per root, and writes the files asked for. Returns the exit code (`EXIT`)
 * and never rejects: every failure is one line on `err`, `workout-spans: ` and what went wrong,
 * with any text from the command line or the file made safe for a terminal.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const fail = (message: string, code: number): number => {
    io.err(`workout-spans: ${terminalText(message)}\n`);
    return code;
  };
  try {
    const args = parseArgs(argv);
    if (args.command === 'help') {
      io.out(`${USAGE}\n`);
      return EXIT.ok;
    }
    if (args.command === 'error') return fail(`${args.message} (see workout-spans --help)`, EXIT.usage);
    await report(args, io);
    return EXIT.ok;
  } catch (e) {
    return fail(e instanceof CliFailure ? e.message : `unexpected error: ${reason(e)}`, EXIT.failed);
  }
}
