import { TrackerError, type TrackerLike, type TrackerSnapshot } from 'workout-spans';
import { checksum } from './codec';
import { encodeDocument } from './encode-document';
import { latestTime, partsOf, type SnapshotParts } from './snapshot-parts';

/**
 * The saved session as versioned JSON (format version 2, compact: see encode-document.ts), ending
 * with a checksum of everything before it so that a document damaged anywhere (a character lost,
 * changed or added) is refused instead of read as another session.
 *
 * `savedAt` is the tracker's (clamped) clock when given a tracker; when given a snapshot, its own
 * `savedAt`, else the latest instant it holds. It is never earlier than anything in the document.
 *
 * Throws a TypeError for what is neither a tracker nor a snapshot; a TrackerError CORRUPT_DATA for a
 * snapshot that could not be read back (a record whose `spanIds` is not its span's ancestry, a parent
 * listed after its child); STORAGE_FAILED when the session is too large for one string.
 */
export function serialize(trackerOrSnapshot: TrackerLike | TrackerSnapshot): string {
  return guarded(() => {
    const { snapshot, savedAt } = source(trackerOrSnapshot);
    return serializeParts(partsOf(snapshot), savedAt);
  });
}

/** The snapshot to save and the instant it is saved at. */
function source(trackerOrSnapshot: TrackerLike | TrackerSnapshot): { snapshot: TrackerSnapshot; savedAt: number } {
  let snapshot: TrackerSnapshot;
  let savedAt: number;
  if (isTrackerLike(trackerOrSnapshot)) {
    snapshot = trackerOrSnapshot.getSnapshot();
    savedAt = trackerOrSnapshot.now();
  } else if (isSnapshotLike(trackerOrSnapshot)) {
    snapshot = trackerOrSnapshot;
    savedAt = typeof snapshot.savedAt === 'number' && Number.isFinite(snapshot.savedAt) ? snapshot.savedAt : -Infinity;
  } else {
    throw new TypeError('serialize: expected an ExecutionTracker or a TrackerSnapshot');
  }
  return { snapshot, savedAt };
}

/** The document of a snapshot's parts saved at `savedAt` (raised to the latest instant it holds). */
export function serializeParts(parts: SnapshotParts, savedAt: number): string {
  const latest = latestTime(parts.spans, parts.records, parts.series);
  const at = Math.max(Number.isFinite(savedAt) ? savedAt : -Infinity, latest);
  const doc = encodeDocument({
    savedAt: at === -Infinity ? 0 : at,
    spans: parts.spans,
    spanRows: null,
    records: parts.records,
    recordsFrom: 0,
    samples: parts.series,
  });
  return withChecksum(JSON.stringify(doc));
}

/** `{…}` + `,"checksum":"<FNV-1a of the text before it>"}`. */
function withChecksum(json: string): string {
  const body = json.slice(0, -1);
  return `${body},"checksum":"${checksum(body)}"}`;
}

/**
 * Runs a save: a TrackerError or TypeError passes as it is; an engine limit (a string or an array
 * too long: a RangeError) or anything a hostile snapshot throws becomes a TrackerError.
 */
export function guarded<T>(save: () => T): T {
  try {
    return save();
  } catch (cause) {
    if (cause instanceof TrackerError || cause instanceof TypeError) throw cause;
    if (cause instanceof RangeError) {
      throw new TrackerError(
        'STORAGE_FAILED',
        `the session is too large to save as one document (${cause.message}): archive ended workouts (maxCompletedSpans) or save less at once`,
        {
          operation: 'serialize',
          cause,
        },
      );
    }
    throw new TrackerError('CORRUPT_DATA', `snapshot cannot be saved: ${cause instanceof Error ? cause.message : String(cause)}`, {
      path: '$',
      cause,
    });
  }
}

/** A live tracker (or anything shaped like one): snapshots and a clock. */
export function isTrackerLike(value: unknown): value is TrackerLike {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as TrackerLike).getSnapshot === 'function' &&
    typeof (value as TrackerLike).now === 'function'
  );
}

function isSnapshotLike(value: unknown): value is TrackerSnapshot {
  return (
    value !== null &&
    typeof value === 'object' &&
    Array.isArray((value as TrackerSnapshot).spans) &&
    Array.isArray((value as TrackerSnapshot).metrics)
  );
}
