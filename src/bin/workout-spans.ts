#!/usr/bin/env node
/**
 * The `workout-spans` bin: `workout-spans report FILE [--svg OUT] [--csv OUT] [--fit OUT]`.
 * Exit status 0, 1 or 2 (see `EXIT`); every failure is one line on stderr, never a stack trace.
 */
import { terminalText } from '../model/terminal-text';
import { EXIT, main, reason } from './cli';

// A reader that stops early (`workout-spans report f.json | head`) closes the pipe: what is left of
// the report is dropped, the files asked for are still written. Any other failure to print is one line.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') return;
  process.stderr.write(`workout-spans: cannot print the report: ${terminalText(reason(error))}\n`);
  process.exitCode = EXIT.failed;
});

main(process.argv.slice(2), {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
}).then(
  (code) => {
    if (process.exitCode === undefined || process.exitCode === 0) process.exitCode = code;
  },
  // main never rejects; should it ever, the promise of one line and exit 1 still holds.
  (error: unknown) => {
    process.stderr.write(`workout-spans: unexpected error: ${terminalText(reason(error))}\n`);
    process.exitCode = EXIT.failed;
  },
);
