import type { ExecutionSpan, MetricRecord, SamplesView, TrackerSnapshot } from 'workout-spans';
import { FORMAT } from './format';
import { readRecord } from './read-record';
import { readSpan } from './read-span';
import { KEYS } from './record-keys';
import { At, corrupt, finite, keySet, need, Reading, ROOT, type Obj } from './reader-kit';
import { NO_SAMPLES } from '../model/samples-view';
import { decodeDocument, type SessionModel } from './decode-document';
import { readSamples } from './read-samples';

/**
 * The checked reader of a session: spans and records in the shape the snapshot has them, checked
 * field by field and reference by reference, frozen into a TrackerSnapshot. A version-1 document is
 * that shape already; a version-2 document is decoded into it first (decode-document.ts).
 */

const SPANS = new At(ROOT, 'spans');
const RECORDS = new At(ROOT, 'metrics');
const DOCUMENT_KEYS = keySet(KEYS.document);

/** A session as lists of spans and records to check (objects the reader may freeze in place when `fresh`). */
export interface SessionParts {
  savedAt: number;
  spans: unknown[];
  records: unknown[];
  /** The samples, already checked (read-samples.ts). */
  samples: SamplesView;
  /** The latest sample time, which `savedAt` may not precede. */
  latestSample: number;
}

/**
 * Checks every span (parents before children), then every record, then that nothing is later than
 * `savedAt`, and builds the frozen snapshot. `version` is recorded as the snapshot's `version`: the
 * format version the document was written in.
 */
export function readSession(parts: SessionParts, version: number, ctx: Reading): TrackerSnapshot {
  const { spans, records, savedAt } = parts;
  ctx.savedAt = savedAt;
  for (let i = 0; i < spans.length; i++) spans[i] = readSpan(spans[i], SPANS, i, ctx);
  for (let i = 0; i < records.length; i++) records[i] = readRecord(records[i], RECORDS, i, ctx);
  if (ctx.latest > savedAt) corrupt(ctx.latestPath, `later than the document's savedAt (${savedAt})`);
  if (parts.latestSample > savedAt) corrupt('$.samples', `a sample is later than the document's savedAt (${savedAt})`);
  const all = spans as ExecutionSpan[];
  return Object.freeze({
    version,
    savedAt,
    spans: Object.freeze(all) as ExecutionSpan[],
    metrics: Object.freeze(records) as MetricRecord[],
    active: Object.freeze(all.filter((s) => s.status === 'active')) as ExecutionSpan[],
    completed: Object.freeze(all.filter((s) => s.status !== 'active')) as ExecutionSpan[],
    samples: parts.samples,
  });
}

/**
 * Reads a version-1 document (`{ format, version, savedAt, spans, metrics }`): the same checks, paths
 * into the document itself. `fresh`: the document came straight from JSON.parse and nothing else
 * holds it, so its objects are checked and frozen in place; otherwise they are copied.
 */
export function readDocumentV1(doc: unknown, fresh = false, version = 1): TrackerSnapshot {
  const ctx = new Reading(fresh);
  // The root object itself is neither kept nor frozen: only what it holds is.
  const o: Obj = ctx.check(doc, ROOT, null, DOCUMENT_KEYS);
  if (o.format !== FORMAT) corrupt('$.format', `expected '${FORMAT}'`);
  need(o, 'savedAt', ROOT);
  const savedAt = finite(o.savedAt, ROOT, 'savedAt');
  need(o, 'spans', ROOT);
  const spans = ctx.list(o.spans, ROOT, 'spans');
  need(o, 'metrics', ROOT);
  const records = ctx.list(o.metrics, ROOT, 'metrics');
  return readSession({ savedAt, spans, records, samples: NO_SAMPLES, latestSample: -Infinity }, version, ctx);
}

/**
 * Reads a version-2 document: decoded into spans and records (decode-document.ts), then checked like
 * any session. `fresh` as for `readDocumentV1`.
 */
export function readDocumentV2(doc: unknown, fresh = false, version = 2): TrackerSnapshot {
  return readModel(decodeDocument(doc, fresh), version);
}

/** Checks decoded spans, records and samples, and freezes them into a snapshot. */
export function readModel(model: SessionModel, version: number): TrackerSnapshot {
  const samples = readSamples(model.samples, model.spans);
  return readSession(
    { savedAt: model.savedAt, spans: model.spans, records: model.records, samples: samples.view, latestSample: samples.latest },
    version,
    new Reading(true, true),
  );
}
