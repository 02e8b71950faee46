/**
 * Entries a tracker keeps in its own working state and shows through a RuntimeMemory:
 * one per span (type 'execution-span', owner = block key) and one per record (type 'metric-record',
 * owner = span id), both tagged with the span id.
 *
 * The memory reads them through this door instead of copying each into its own indexes: a record
 * costs the memory nothing, and a search over them costs what it matches (the tracker's own
 * indexes answer by id, block and span).
 */
export interface TrackedSpan {
  readonly id: string;
  readonly blockId: string;
  /** How many records the span holds. */
  readonly recordCount: number;
  /** Its k-th record (in record order), and that record's id without building the record. */
  recordAt(k: number): TrackedRecord | undefined;
  recordId(k: number): string;
  /** The span's frozen value. */
  materialize(): unknown;
}

export interface TrackedRecord {
  readonly id: string;
  readonly spanId: string;
}

export interface TrackedSource {
  readonly spanType: string;
  readonly recordType: string;
  readonly spanCount: number;
  readonly recordCount: number;
  span(id: string): TrackedSpan | undefined;
  record(id: string): TrackedRecord | undefined;
  /** Every span, in start order. */
  spans(): Iterable<TrackedSpan>;
  /** The spans of a block, in start order. */
  spansOfBlock(blockId: string): Iterable<TrackedSpan>;
}
