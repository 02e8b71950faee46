import { TrackerError, type ExecutionSpan, type TimeSegment, type TrackerSnapshot } from 'workout-spans';
import { encodeDocument } from './encode-document';
import { FORMAT_VERSION } from './format';
import { readDocumentV1 } from './read-document';
import { latestTime, seriesOf } from './snapshot-parts';

/** A step that upgrades a parsed document of version `n` to version `n + 1`. */
export type Migration = (document: Record<string, unknown>) => Record<string, unknown>;

/**
 * A version-1 segment that ends as its span ends, with no segment of its type starting at that
 * instant, was closed by the span's end (version 1 did not say so).
 */
function withClosedByEnd(span: ExecutionSpan): ExecutionSpan {
  const end = span.endTime;
  if (end === undefined) return span;
  let changed = false;
  const segments = span.segments.map((seg): TimeSegment => {
    const closedByEnd = seg.endTime === end && !span.segments.some((o) => o !== seg && o.type === seg.type && o.startTime === end);
    if (closedByEnd === (seg.closedByEnd === true)) return seg;
    changed = true;
    const { closedByEnd: _, ...rest } = seg;
    return closedByEnd ? { ...rest, closedByEnd: true } : rest;
  });
  return changed ? { ...span, segments } : span;
}

/**
 * Version 1 → 2: the document is read with every check of version 1 (its errors name its own
 * fields), then written as version 2. Version 1 wrote every record in full; version 2 is the
 * compact layout of encode-document.ts.
 */
function v1ToV2(document: Record<string, unknown>): Record<string, unknown> {
  const snapshot: TrackerSnapshot = readDocumentV1(document, false);
  const spans = snapshot.spans.map(withClosedByEnd);
  const series = seriesOf(snapshot.samples);
  return encodeDocument({
    savedAt: Math.max(snapshot.savedAt!, latestTime(spans, snapshot.metrics, series)),
    spans,
    spanRows: null,
    records: snapshot.metrics,
    recordsFrom: 0,
    samples: series,
  });
}

/**
 * version → step to the next version. A step returns the upgraded document (it need not set
 * `version`: `migrate` does).
 */
export const MIGRATIONS: Readonly<Record<number, Migration>> = Object.freeze({ 1: v1ToV2 });

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
