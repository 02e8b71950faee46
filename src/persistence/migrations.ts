import { TrackerError } from 'workout-spans';
import { FORMAT_VERSION } from './format';

/** A step that upgrades a parsed document of version `n` to version `n + 1`. */
export type Migration = (document: Record<string, unknown>) => Record<string, unknown>;

/**
 * version → step to the next version. Version 1 is the first format, so there is nothing to upgrade
 * yet; when version 2 ships, it adds `1: (doc) => …` here and version-1 saves keep loading.
 * A step returns the upgraded document (it need not set `version`: `migrate` does).
 */
export const MIGRATIONS: Readonly<Record<number, Migration>> = Object.freeze({});

/**
 * Upgrades `document`, written in `from`, to `to`, one step at a time. A missing step is
 * UNSUPPORTED_VERSION; a step that throws or returns something that is not an object is
 * CORRUPT_DATA (the document did not have the shape its version promises).
 */
export function migrate(
  document: Record<string, unknown>,
  from: number,
  to: number = FORMAT_VERSION,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
): Record<string, unknown> {
  let doc = document;
  for (let v = from; v < to; v++) {
    const step = Object.hasOwn(migrations, v) ? migrations[v] : undefined;
    if (typeof step !== 'function') {
      throw new TrackerError('UNSUPPORTED_VERSION', `saved session version ${from} cannot be read: no upgrade from version ${v}`, {
        version: from,
        supported: to,
      });
    }
    let next: unknown;
    try {
      next = step(doc);
    } catch (cause) {
      if (cause instanceof TrackerError) throw cause;
      throw new TrackerError(
        'CORRUPT_DATA',
        `saved session version ${v} could not be upgraded: ${cause instanceof Error ? cause.message : String(cause)}`,
        { path: '$', cause },
      );
    }
    if (next === null || typeof next !== 'object' || Array.isArray(next)) {
      throw new TrackerError('CORRUPT_DATA', `saved session version ${v} could not be upgraded`, { path: '$' });
    }
    doc = { ...(next as Record<string, unknown>), version: v + 1 };
  }
  return doc;
}
