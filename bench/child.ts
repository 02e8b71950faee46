/** Runs a benchmark case in a child Node process with its own flags, and reads the JSON line it prints last. */
import { spawnSync } from 'node:child_process';

export function runCase<T>(script: string, flags: string[], name: string): T {
  const child = spawnSync(process.execPath, [...flags, '--import', 'tsx', script, name], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`${script} ${name}: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as T;
}
