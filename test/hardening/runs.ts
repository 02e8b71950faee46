/** Runs of the property tests: 300 by default, more under `WS_LONG=1` (npm run test:long), or `WS_RUNS`. */
export function numRuns(base = 300): number {
  const explicit = Number(process.env.WS_RUNS);
  if (Number.isInteger(explicit) && explicit > 0) return explicit;
  return process.env.WS_LONG === '1' ? base * 20 : base;
}

/** A fixed seed when `WS_SEED` is set, to replay a failure. */
export function seed(): { seed?: number } {
  const s = Number(process.env.WS_SEED);
  return Number.isInteger(s) ? { seed: s } : {};
}

/** Vitest timeout for a property: generous, since long runs are meant to take a while. */
export function timeout(): number {
  return process.env.WS_LONG === '1' || process.env.WS_RUNS !== undefined ? 3_600_000 : 60_000;
}
