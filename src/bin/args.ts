import type { CsvKind } from 'workout-spans/export';

/** What `workout-spans report FILE [--svg OUT] [--csv OUT] [--csv-kind KIND] [--fit OUT]` asks for. */
export interface ReportArgs {
  command: 'report';
  file: string;
  svg?: string;
  csv?: string;
  csvKind: CsvKind;
  fit?: string;
}

export type ParsedArgs = ReportArgs | { command: 'help' } | { command: 'error'; message: string };

export const USAGE = `Usage: workout-spans report FILE [--svg OUT] [--csv OUT] [--csv-kind spans|segments|metrics] [--fit OUT]

Prints the span tree and the summary of a saved session (the output of serialize()).
  --svg OUT        also write the SVG timeline to OUT
  --csv OUT        also write a CSV table to OUT (RFC 4180)
  --csv-kind KIND  which table --csv writes: spans (default), segments or metrics
  --fit OUT        also write a Garmin FIT activity to OUT (needs @garmin/fitsdk)
  -h, --help       show this help

Text from the session is printed with control characters made visible (ESC as ␛),
never sent to the terminal as they are. The CSV neutralises cells a spreadsheet would
run as formulas. Every failure is one line on stderr.

Exit status: 0 done; 1 the session could not be read, reported or written; 2 the command line is wrong.`;

const OUTPUTS = { '--svg': 'svg', '--csv': 'csv', '--fit': 'fit' } as const;
const KINDS: readonly CsvKind[] = ['spans', 'segments', 'metrics'];

/**
 * Reads the command line; every mistake becomes one clear message, never an exception. Flags are
 * looked up among the table's own keys: an argument such as `toString` or `__proto__` is a file
 * name or a mistake, never a flag.
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  if (argv.length === 0 || argv.includes('-h') || argv.includes('--help')) return { command: 'help' };
  const [command, ...rest] = argv;
  if (command !== 'report') return { command: 'error', message: `unknown command '${command}'` };
  const out: Partial<ReportArgs> & { csvKind: CsvKind } = { csvKind: 'spans' };
  let file: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (Object.hasOwn(OUTPUTS, flag) || flag === '--csv-kind') {
      const value = inline ?? rest[++i];
      if (value === undefined || value === '') return { command: 'error', message: `${flag} needs a value` };
      if (flag === '--csv-kind') {
        if (!KINDS.includes(value as CsvKind))
          return { command: 'error', message: `--csv-kind must be one of ${KINDS.join(', ')}, got '${value}'` };
        out.csvKind = value as CsvKind;
      } else {
        out[OUTPUTS[flag as keyof typeof OUTPUTS]] = value;
      }
    } else if (arg.startsWith('-') && arg !== '-') {
      return { command: 'error', message: `unknown option '${arg}'` };
    } else if (file === undefined) {
      file = arg;
    } else {
      return { command: 'error', message: `unexpected argument '${arg}': report takes one FILE` };
    }
  }
  if (file === undefined) return { command: 'error', message: 'report needs a FILE (a saved session)' };
  return { ...out, command: 'report', file };
}
