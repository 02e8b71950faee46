import type { TrackerLike, TrackerSnapshot } from 'workout-spans';
import { latestTime, toDocument } from './document';

/**
 * The saved session as versioned JSON (API.md §11): `{ format: 'workout-spans', version: 1, savedAt,
 * spans, metrics }`, every record's keys in a fixed order.
 *
 * `savedAt` is the tracker's (clamped) clock when given a tracker; when given a snapshot, its own
 * `savedAt`, else the latest instant it holds. It is never earlier than anything in the document.
 */
export function serialize(trackerOrSnapshot: TrackerLike | TrackerSnapshot): string {
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
  return serializeSnapshot(snapshot, savedAt);
}

/** The document of a snapshot saved at `savedAt` (raised to the latest instant it holds). */
export function serializeSnapshot(snapshot: TrackerSnapshot, savedAt: number): string {
  const latest = latestTime(snapshot.spans, snapshot.metrics);
  const at = Math.max(savedAt, latest);
  return JSON.stringify(toDocument(snapshot.spans, snapshot.metrics, at === -Infinity ? 0 : at));
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
