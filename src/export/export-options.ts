import type { ExecutionSpan, MetricRecord, TrackerSnapshot } from 'workout-spans';
import { readingInstant } from '../model/instants';

/** Epoch milliseconds a JavaScript Date can hold: times beyond it are not times. */
export const MAX_EPOCH_MS = 8.64e15;

/** What an option other than `at` must hold, and how a message says it. */
const EXPECTED = { boolean: 'true or false', string: 'a string', number: 'a number' } as const;

/**
 * The options of an exporter, checked one way for all of them: missing or `null` is no options,
 * anything but an object is a TypeError, an option of the wrong type a TypeError, and an `at` that
 * is no time (NaN, Infinity, beyond what a Date holds) a RangeError. A mistake in the call is said
 * at once rather than drawn as `--:--` everywhere.
 */
export function readOptions(
  where: string,
  options: unknown,
  types: Readonly<Record<string, keyof typeof EXPECTED>>,
): { at?: number } & Record<string, unknown> {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object') throw new TypeError(`${where}: options must be an object`);
  const o = options as Record<string, unknown>;
  const at = o.at;
  if (at !== undefined) {
    if (typeof at !== 'number') throw new TypeError(`${where}: options.at must be a number`);
    if (!(Number.isFinite(at) && Math.abs(at) <= MAX_EPOCH_MS))
      throw new RangeError(`${where}: options.at must be a finite epoch millisecond`);
  }
  for (const [key, type] of Object.entries(types)) {
    if (o[key] !== undefined && typeof o[key] !== type) throw new TypeError(`${where}: options.${key} must be ${EXPECTED[type]}`);
  }
  return o as { at?: number } & Record<string, unknown>;
}

/**
 * What `renderTree` and `toCSV` read: the snapshot's spans and records (none when it has no records
 * array), its options checked (`readOptions`) and the instant it is read at (`options.at`, else its
 * reading instant). Something that is not a snapshot is a TypeError.
 */
export function readExportInput(
  where: string,
  snapshot: TrackerSnapshot,
  options: unknown,
  types: Readonly<Record<string, keyof typeof EXPECTED>>,
): { spans: readonly ExecutionSpan[]; records: readonly MetricRecord[]; at: number; options: Record<string, unknown> } {
  if (snapshot === null || typeof snapshot !== 'object' || !Array.isArray(snapshot.spans)) {
    throw new TypeError(`${where}: expected a snapshot (an object with a spans array)`);
  }
  const checked = readOptions(where, options, types);
  const spans = snapshot.spans;
  const records = Array.isArray(snapshot.metrics) ? snapshot.metrics : [];
  return { spans, records, at: checked.at ?? readingInstant(spans, records, snapshot.savedAt), options: checked };
}
