#!/usr/bin/env node
/** The `workout-spans` bin (API.md §11): `workout-spans report FILE [--svg OUT] [--csv OUT] [--fit OUT]`. */
import { main } from './cli';

main(process.argv.slice(2), {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`workout-spans: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 70;
  },
);
