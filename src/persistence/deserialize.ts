import { TrackerError } from 'workout-spans';
import type { TrackerSnapshot } from 'workout-spans';
import { checksum } from './codec';
import { FORMAT, FORMAT_VERSION } from './format';
import { migrate, MIGRATIONS, type Migration } from './migrations';
import { readDocumentV2 } from './read-document';

/**
 * Reads a saved session into a deeply frozen TrackerSnapshot with `savedAt` set and `version` = the
 * format version the document was written in. Documents of older versions are upgraded through
 * `MIGRATIONS` first.
 *
 * Throws only TrackerError: UNSUPPORTED_VERSION (a version this build cannot read), or CORRUPT_DATA
 * with `details.path` naming the first bad field (`$.spans[3].segments[0].endTime`). Never a
 * half-read result.
 */
export function deserialize(json: string): TrackerSnapshot {
  return deserializeWith(json, MIGRATIONS, FORMAT_VERSION);
}

/** The tail a version-2 document ends with: `,"checksum":"<8 hex digits>"}`. */
const CHECKSUM_TAIL = /,"checksum":"([0-9a-f]{8})"\}$/;

/**
 * `deserialize` with another migration table and current version (for tests of the upgrade path).
 * A document at `current` is read by the current reader.
 */
export function deserializeWith(json: string, migrations: Readonly<Record<number, Migration>>, current: number): TrackerSnapshot {
  return readingErrors(() => {
    const { doc, version, fresh } = parseSaved(json, migrations, current);
    return readDocumentV2(doc, fresh, version);
  });
}

/** A parsed document at the current version: itself when fresh from JSON.parse, else what the migrations returned. */
export interface ParsedSaved {
  doc: Record<string, unknown>;
  /** The version it was written in. */
  version: number;
  fresh: boolean;
}

/**
 * Parses a saved document, checks its header (and its checksum when it has one) and upgrades it to
 * the current version. Throws CORRUPT_DATA or UNSUPPORTED_VERSION.
 */
export function parseSaved(
  json: string,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
  current: number = FORMAT_VERSION,
): ParsedSaved {
  {
    if (typeof json !== 'string') throw corruptRoot(`expected a JSON string, got ${json === null ? 'null' : typeof json}`);
    let doc: unknown;
    try {
      doc = JSON.parse(json);
    } catch (cause) {
      throw corruptRoot(`not valid JSON (${cause instanceof Error ? cause.message : String(cause)})`);
    }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw corruptRoot('expected an object');
    const o = doc as Record<string, unknown>;
    if (o.format !== FORMAT) {
      throw new TrackerError('CORRUPT_DATA', `not a saved session: $.format is not '${FORMAT}'`, {
        path: '$.format',
        reason: `expected '${FORMAT}'`,
      });
    }
    const version = o.version;
    if (typeof version !== 'number' || !Number.isInteger(version)) {
      throw new TrackerError('CORRUPT_DATA', 'saved session is corrupt at $.version: expected an integer', {
        path: '$.version',
        reason: 'expected an integer',
      });
    }
    if (version < 1 || version > current) {
      throw new TrackerError(
        'UNSUPPORTED_VERSION',
        `saved session version ${version} cannot be read: this build reads versions 1 to ${current}`,
        {
          version,
          supported: current,
        },
      );
    }
    if (Object.hasOwn(o, 'checksum')) checkChecksum(json, o.checksum);
    // Straight from JSON.parse, the document is ours alone and is read in place; a migrated one is copied.
    if (version === current) return { doc: o, version, fresh: true };
    return { doc: migrate(o, version, current, migrations), version, fresh: false };
  }
}

/** Runs a read: a TrackerError passes; anything else that slipped through is CORRUPT_DATA, never another error. */
export function readingErrors<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof TrackerError) throw error;
    // Defence in depth: whatever slipped through (a stack overflow on absurd nesting) is still corrupt data.
    throw new TrackerError('CORRUPT_DATA', `saved session could not be read: ${error instanceof Error ? error.message : String(error)}`, {
      path: '$',
      cause: error,
    });
  }
}

/**
 * A document that carries a checksum ends with it, exactly as written, and the checksum is that of
 * the text before it: a character lost, changed or added anywhere makes the document unreadable
 * rather than another session. (A document edited by hand reads once its checksum field is removed.)
 */
function checkChecksum(json: string, value: unknown): void {
  const tail = CHECKSUM_TAIL.exec(json.slice(-24));
  if (tail === null || tail[1] !== value) {
    throw new TrackerError('CORRUPT_DATA', 'saved session is corrupt at $.checksum: expected the last field, as written', {
      path: '$.checksum',
      reason: 'expected the last field, as written',
    });
  }
  if (checksum(json, json.length - tail[0].length) !== value) {
    throw new TrackerError(
      'CORRUPT_DATA',
      'saved session is corrupt at $.checksum: the document was changed after it was saved (remove the checksum field to read a document edited by hand)',
      {
        path: '$.checksum',
        reason: 'does not match the document',
      },
    );
  }
}

function corruptRoot(reason: string): TrackerError {
  return new TrackerError('CORRUPT_DATA', `saved session is corrupt at $: ${reason}`, { path: '$', reason });
}
