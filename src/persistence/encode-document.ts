import { TrackerError, type ExecutionSpan, type MetricRecord, type MetricValue, type SpanMetrics, type TimeSegment } from 'workout-spans';
import { childCode, sameJson, shortfall, splitChildId, step } from './codec';
import { FORMAT, FORMAT_VERSION } from './format';
import { KEYS, MEASURED_DISPLAY_KEYS } from './record-keys';
import type { Obj } from './reader-kit';
import { setOwn } from '../model/read-value';

/**
 * The version-2 writer: a session as columns (one array per field, a row per span, segment,
 * TimeSpan or record), repeated strings in one table, times as steps, and nothing a record can take
 * from its span tree written again: its ancestry, block and span type come from its span; its open
 * segments from a table of distinct lists (records made in the same segment state share one); its
 * TimeSpan by counter; its elapsed times as the paused time they leave out (0 while nothing was
 * paused). A display value equal to a record is written as that record's row.
 *
 * Every code is exact (codec.ts): the reader gets back the very values, field for field. Fields the
 * document never repeats (a record's `spanIds`, `blockId`, `context.spanType`; a segment's
 * `parentSpanId`; a TimeSpan's `blockId`) must be what the span tree says: a snapshot where they are
 * not could not be read back, and is refused here with CORRUPT_DATA.
 *
 * The same writer writes an autosave's change entries: the spans that changed (with their place in
 * the list), the records and samples added since the last save.
 */

/** One series of samples to write: all of it, or its new tail. */
export interface SeriesRows {
  root: string;
  key: string;
  unit: string;
  t: ArrayLike<number>;
  v: ArrayLike<number>;
  /** Write from this sample on (0: the whole series). */
  from: number;
}

export interface EncodeInput {
  savedAt: number;
  /** The whole span list the reader ends with (references are places in it). */
  spans: readonly ExecutionSpan[];
  /** Places of the spans to write, ascending; null: every span. */
  spanRows: readonly number[] | null;
  /** The whole record list the reader ends with. */
  records: readonly MetricRecord[];
  /** Write the records from this place on. */
  recordsFrom: number;
  samples: readonly SeriesRows[];
  /** Change entries only: places (in the previous list) of the spans that are gone. */
  removed?: readonly number[];
}

type Cell = unknown;

class Strings {
  readonly list: string[] = [];
  readonly #index = new Map<string, number>();
  id(s: string): number {
    let i = this.#index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.#index.set(s, i);
    }
    return i;
  }
}

function inconsistent(path: string, reason: string): never {
  throw new TrackerError('CORRUPT_DATA', `snapshot cannot be saved: ${path} ${reason}`, { path, reason });
}

/** The columns that hold values (not times or references), where a -0 is looked for. */
const VALUE_PLACES: readonly [string, string][] = [
  ['metrics', 'value'],
  ['spans', 'metrics'],
  ['segments', 'metrics'],
];

/** Whether `value` holds a -0 anywhere (the common answer, no, found without building paths). */
function hasNegativeZero(value: unknown): boolean {
  if (typeof value === 'number') return value === 0 && 1 / value < 0;
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (typeof v === 'number') {
        if (v === 0 && 1 / v < 0) return true;
      } else if (v !== null && typeof v === 'object' && hasNegativeZero(v)) return true;
    }
    return false;
  }
  for (const k in value) if (hasNegativeZero((value as Obj)[k])) return true;
  return false;
}

/** Paths of every -0 in `value` (JSON writes it as 0), each prefixed with `path`. */
function negativeZeros(value: unknown, path: (string | number)[], out: (string | number)[][]): void {
  if (typeof value === 'number') {
    if (value === 0 && 1 / value < 0) out.push(path.slice());
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (typeof v === 'number' ? v === 0 : v !== null && typeof v === 'object') {
        path.push(i);
        negativeZeros(v, path, out);
        path.pop();
      }
    }
    return;
  }
  for (const k of Object.keys(value)) {
    path.push(k);
    negativeZeros((value as Obj)[k], path, out);
    path.pop();
  }
}

const METRIC_KEYS: ReadonlySet<string> = new Set(KEYS.metrics);

/** A metrics object's keys in the fixed order, then any others (for the reader to refuse). */
function metricKeys(m: object): string[] {
  const keys: string[] = KEYS.metrics.filter((k) => Object.hasOwn(m, k));
  for (const k of Object.keys(m)) if (!METRIC_KEYS.has(k)) keys.push(k);
  return keys;
}

/** Sparse column: `[row, value, row, value, …]`. */
function pairs(): Cell[] {
  return [];
}

class Writer {
  readonly strings = new Strings();
  readonly #place = new Map<string, number>();
  readonly #spans: readonly ExecutionSpan[];
  readonly #records: readonly MetricRecord[];
  /** (span place, key) → the record a display value may name; (segment id, key) likewise. */
  readonly #lastOfSpan = new Map<number, Map<string, number>>();
  readonly #lastOfSegment = new Map<string, Map<string, number>>();
  readonly #lists = new Map<string, number>();
  /** The tracker shares one segment-id array between the records made in the same segment state. */
  readonly #listOf = new Map<readonly string[], number>();
  readonly segmentLists: Cell[][] = [];

  constructor(input: EncodeInput) {
    this.#spans = input.spans;
    this.#records = input.records;
    for (let i = 0; i < input.spans.length; i++) this.#place.set(input.spans[i]!.id, i);
  }

  place(spanId: string): number | undefined {
    return this.#place.get(spanId);
  }

  /** Notes what the records written here may stand for in display values. */
  indexRecords(from: number): void {
    const records = this.#records;
    for (let i = from; i < records.length; i++) {
      const r = records[i]!;
      const p = this.#place.get(r.spanId);
      if (p === undefined) continue;
      let keys = this.#lastOfSpan.get(p);
      if (keys === undefined) this.#lastOfSpan.set(p, (keys = new Map()));
      keys.set(r.key, i);
      const ids = r.segmentIds;
      for (let j = ids.length - 1; j >= 0; j--) {
        const s = ids[j]!;
        // Display values of segments come from records of the segment's own span, whose ids come last.
        if (!s.startsWith(r.spanId)) break;
        let segKeys = this.#lastOfSegment.get(s);
        if (segKeys === undefined) this.#lastOfSegment.set(s, (segKeys = new Map()));
        segKeys.set(r.key, i);
      }
    }
  }

  /** A measured or custom display value: the row of the record it equals, else `[value, unit, recorded(, source)]`. */
  metricValue(mv: MetricValue<unknown>, candidate: number | undefined): Cell {
    if (candidate !== undefined) {
      const r = this.#records[candidate]!;
      if (r.unit === mv.unit && r.recordedAt === mv.recorded && r.source === mv.source && sameJson(r.value, mv.value)) return candidate;
    }
    const out: Cell[] = [mv.value, this.strings.id(mv.unit), mv.recorded];
    if (mv.source !== undefined) out.push(this.strings.id(mv.source));
    return out;
  }

  metrics(m: Partial<SpanMetrics>, lookup: (key: string) => number | undefined): Obj {
    const out: Obj = {};
    for (const key of metricKeys(m)) {
      const value = (m as Obj)[key];
      if (value === undefined) continue;
      if (key === 'custom') {
        const custom: Obj = {};
        const c = value as Record<string, MetricValue<unknown>>;
        for (const name of Object.keys(c)) setOwn(custom, name, this.metricValue(c[name]!, lookup(name)));
        out.custom = custom;
      } else if (MEASURED_DISPLAY_KEYS.has(key)) {
        out[key] = this.metricValue(value as MetricValue<unknown>, lookup(key));
      } else {
        // A bare value as it is (a key that is no field of a metrics object too, for the reader to refuse).
        setOwn(out, key, value);
      }
    }
    return out;
  }

  spanMetrics(m: SpanMetrics, place: number): Obj {
    const keys = this.#lastOfSpan.get(place);
    return this.metrics(m, (key) => keys?.get(key));
  }

  segmentMetrics(m: Partial<SpanMetrics>, segmentId: string): Obj {
    const keys = this.#lastOfSegment.get(segmentId);
    return this.metrics(m, (key) => keys?.get(key));
  }

  /** The row of a record's open-segment list in the shared table. */
  segmentList(ids: readonly string[]): number {
    let row = this.#listOf.get(ids);
    if (row !== undefined) return row;
    const key = ids.length === 0 ? '' : ids.length === 1 ? ids[0]! : ids.join('\u0000');
    row = this.#lists.get(key);
    if (row === undefined) {
      row = this.segmentLists.length;
      this.segmentLists.push(this.#items(ids));
      this.#lists.set(key, row);
    }
    this.#listOf.set(ids, row);
    return row;
  }

  /** A list's ids as (span place, counter) pairs where they are the tracker's, else as themselves. */
  #items(ids: readonly string[]): Cell[] {
    const items: Cell[] = [];
    for (const id of ids) {
      const split = splitChildId(id, 's');
      const p = split === null ? undefined : this.#place.get(split.spanId);
      if (p === undefined) items.push(id);
      else items.push(p, split!.n);
    }
    return items;
  }

  readonly #chains = new Map<number, ExecutionSpan[]>();

  /** The span at `place` and its ancestors, root first. */
  ancestry(place: number): ExecutionSpan[] {
    let known = this.#chains.get(place);
    if (known === undefined) this.#chains.set(place, (known = this.#ancestry(place)));
    return known;
  }

  #ancestry(place: number): ExecutionSpan[] {
    const chain: ExecutionSpan[] = [];
    let p: number | undefined = place;
    while (p !== undefined) {
      const s: ExecutionSpan = this.#spans[p]!;
      chain.push(s);
      p = s.parentSpanId === null ? undefined : this.#place.get(s.parentSpanId);
    }
    return chain.reverse();
  }
}

function spansTable(w: Writer, input: EncodeInput): Obj {
  const { spans } = input;
  const rows = input.spanRows ?? spans.map((_, i) => i);
  const s = w.strings;
  const id: Cell[] = [];
  const parent: Cell[] = [];
  const blockId: Cell[] = [];
  const type: Cell[] = [];
  const label: Cell[] = [];
  const status: Cell[] = [];
  const startTime: Cell[] = [];
  const endTime: Cell[] = [];
  const paused: Cell[] = [];
  const metrics: Cell[] = [];
  const segCount: Cell[] = [];
  const tsCount: Cell[] = [];
  const timer = pairs();
  const error = pairs();
  const endReason = pairs();
  const seg = {
    id: [] as Cell[],
    startTime: [] as Cell[],
    endTime: [] as Cell[],
    type: [] as Cell[],
    label: [] as Cell[],
    metrics: [] as Cell[],
    index: pairs(),
    plannedMs: pairs(),
    closedByEnd: [] as Cell[],
    cause: pairs(),
  };
  const ts = { id: [] as Cell[], type: [] as Cell[], start: [] as Cell[], stop: [] as Cell[], noParent: [] as Cell[] };
  let prevStart = 0;
  let prevSegStart = 0;
  let prevTsStart = 0;
  for (let row = 0; row < rows.length; row++) {
    const place = rows[row]!;
    const span = spans[place]!;
    const at = `$.spans[${place}]`;
    id.push(span.id);
    if (span.parentSpanId === null) parent.push(-1);
    else {
      const p = w.place(span.parentSpanId);
      if (p === undefined || p >= place) inconsistent(`${at}.parentSpanId`, 'names no span listed before this one');
      parent.push(p);
    }
    blockId.push(s.id(span.blockId));
    type.push(s.id(span.type));
    label.push(s.id(span.label));
    status.push(s.id(span.status));
    startTime.push(step(span.startTime, prevStart));
    prevStart = span.startTime;
    endTime.push(span.endTime === undefined ? null : step(span.endTime, span.startTime));
    paused.push(span.paused ? 1 : 0);
    if (span.timer !== undefined) {
      const t = span.timer;
      timer.push(row, t.durationMs === undefined ? [s.id(t.direction)] : [s.id(t.direction), t.durationMs]);
    }
    if (span.error !== undefined) error.push(row, s.id(span.error));
    if (span.endReason !== undefined) endReason.push(row, s.id(span.endReason));
    metrics.push(w.spanMetrics(span.metrics, place));
    segCount.push(span.segments.length);
    for (const g of span.segments as readonly TimeSegment[]) {
      const segRow = seg.id.length;
      if (g.parentSpanId !== span.id) inconsistent(`${at}.segments`, `holds a segment of another span ('${g.id}')`);
      seg.id.push(childCode(g.id, span.id, 's'));
      seg.startTime.push(step(g.startTime, prevSegStart));
      prevSegStart = g.startTime;
      seg.endTime.push(g.endTime === undefined ? null : step(g.endTime, g.startTime));
      seg.type.push(s.id(g.type));
      seg.label.push(s.id(g.label));
      seg.metrics.push(w.segmentMetrics(g.metrics, g.id));
      if (g.index !== undefined) seg.index.push(segRow, g.index);
      if (g.plannedMs !== undefined) seg.plannedMs.push(segRow, g.plannedMs);
      if (g.closedByEnd !== undefined) {
        if (g.closedByEnd !== true) inconsistent(`${at}.segments`, `segment '${g.id}' has closedByEnd other than true`);
        seg.closedByEnd.push(segRow);
      }
      if (g.cause !== undefined) seg.cause.push(segRow, s.id(g.cause));
    }
    tsCount.push(span.timeSpans.length);
    for (const t of span.timeSpans) {
      if (t.blockId !== span.blockId) inconsistent(`${at}.timeSpans`, `TimeSpan '${t.id}' is not of its span's block`);
      if (t.parentSpanId !== undefined && t.parentSpanId !== span.id)
        inconsistent(`${at}.timeSpans`, `TimeSpan '${t.id}' names another span`);
      if (t.parentSpanId === undefined) ts.noParent.push(ts.id.length);
      ts.id.push(childCode(t.id, span.id, 't'));
      ts.type.push(s.id(t.type));
      ts.start.push(step(t.start, prevTsStart));
      prevTsStart = t.start;
      ts.stop.push(t.stop === undefined ? null : step(t.stop, t.start));
    }
  }
  const spansOut: Obj = {
    id,
    parent,
    blockId,
    type,
    label,
    status,
    startTime,
    endTime,
    paused,
    metrics,
    segments: segCount,
    timeSpans: tsCount,
  };
  if (timer.length > 0) spansOut.timer = timer;
  if (error.length > 0) spansOut.error = error;
  if (endReason.length > 0) spansOut.endReason = endReason;
  if (input.spanRows !== null) spansOut.at = rows.slice();
  const segOut: Obj = {
    id: seg.id,
    startTime: seg.startTime,
    endTime: seg.endTime,
    type: seg.type,
    label: seg.label,
    metrics: seg.metrics,
  };
  if (seg.index.length > 0) segOut.index = seg.index;
  if (seg.plannedMs.length > 0) segOut.plannedMs = seg.plannedMs;
  if (seg.closedByEnd.length > 0) segOut.closedByEnd = seg.closedByEnd;
  if (seg.cause.length > 0) segOut.cause = seg.cause;
  const tsOut: Obj = { id: ts.id, type: ts.type, start: ts.start, stop: ts.stop };
  if (ts.noParent.length > 0) tsOut.noParent = ts.noParent;
  return { spans: spansOut, segments: segOut, timeSpans: tsOut };
}

function recordsTable(w: Writer, input: EncodeInput): Obj {
  const { records, recordsFrom } = input;
  const s = w.strings;
  const cols = {
    id: [] as Cell[],
    span: [] as Cell[],
    key: [] as Cell[],
    value: [] as Cell[],
    unit: [] as Cell[],
    recordedAt: [] as Cell[],
    segments: [] as Cell[],
    timeSpan: [] as Cell[],
    elapsedMs: [] as Cell[],
    totalElapsedMs: [] as Cell[],
  };
  const roundNumber: Cell[] = [];
  const minuteIndex: Cell[] = [];
  const parentTimer: Cell[] = [];
  let rounds = false;
  let minutes = false;
  let timers = false;
  const source = pairs();
  const exerciseId = pairs();
  const phase = pairs();
  let prevAt = 0;
  for (let i = recordsFrom; i < records.length; i++) {
    const r = records[i]!;
    const row = i - recordsFrom;
    const at = `$.metrics[${i}]`;
    const place = w.place(r.spanId);
    if (place === undefined) inconsistent(`${at}.spanId`, `names no span ('${r.spanId}')`);
    const chain = w.ancestry(place);
    const span = chain[chain.length - 1]!;
    if (r.blockId !== span.blockId) inconsistent(`${at}.blockId`, `is not its span's block '${span.blockId}'`);
    const ids = r.spanIds;
    let sameAncestry = Array.isArray(ids) && ids.length === chain.length;
    for (let j = 0; sameAncestry && j < chain.length; j++) sameAncestry = ids[j] === chain[j]!.id;
    if (!sameAncestry) inconsistent(`${at}.spanIds`, "is not the span's ancestry, root first");
    const c = r.context;
    if (c === null || typeof c !== 'object' || c.spanType !== span.type) inconsistent(`${at}.context.spanType`, "is not its span's type");
    cols.id.push(childCode(r.id, r.spanId, 'm'));
    cols.span.push(place);
    cols.key.push(s.id(r.key));
    cols.value.push(r.value);
    cols.unit.push(s.id(r.unit));
    cols.recordedAt.push(step(r.recordedAt, prevAt));
    prevAt = r.recordedAt;
    cols.segments.push(w.segmentList(r.segmentIds));
    cols.timeSpan.push(r.timeSpanId === null ? null : childCode(r.timeSpanId, r.spanId, 't'));
    if (r.timeSpanId === null) phase.push(row, s.id(r.phase));
    if (r.source !== undefined) source.push(row, s.id(r.source));
    if (r.exerciseId !== undefined) exerciseId.push(row, s.id(r.exerciseId));
    cols.elapsedMs.push(shortfall(c.elapsedMs, r.recordedAt - span.startTime));
    cols.totalElapsedMs.push(shortfall(c.totalElapsedMs, r.recordedAt - chain[0]!.startTime));
    roundNumber.push(c.roundNumber === undefined ? 0 : c.roundNumber);
    rounds ||= c.roundNumber !== undefined;
    minuteIndex.push(c.minuteIndex === undefined ? 0 : c.minuteIndex + 1);
    minutes ||= c.minuteIndex !== undefined;
    const pt = c.parentTimer;
    if (pt === undefined) parentTimer.push(null);
    else {
      timers = true;
      let depth = -1;
      for (let j = 0; j < chain.length - 1 && depth < 0; j++) if (chain[j]!.blockId === pt.blockId) depth = j;
      const owner = depth < 0 ? undefined : chain[depth]!;
      const cell: Cell[] = [
        owner === undefined ? pt.blockId : depth,
        owner === undefined ? [pt.elapsedMs] : shortfall(pt.elapsedMs, r.recordedAt - owner.startTime),
        s.id(pt.direction),
      ];
      if (pt.remainingMs !== undefined) cell.push(pt.remainingMs);
      parentTimer.push(cell);
    }
  }
  const out: Obj = { ...cols };
  if (rounds) out.roundNumber = roundNumber;
  if (minutes) out.minuteIndex = minuteIndex;
  if (timers) out.parentTimer = parentTimer;
  if (source.length > 0) out.source = source;
  if (exerciseId.length > 0) out.exerciseId = exerciseId;
  if (phase.length > 0) out.phase = phase;
  return out;
}

function samplesTable(w: Writer, samples: readonly SeriesRows[]): Cell[] {
  const out: Cell[] = [];
  for (const series of samples) {
    const t: Cell[] = [];
    const v: Cell[] = [];
    let prev = series.from > 0 ? series.t[series.from - 1]! : 0;
    for (let i = series.from; i < series.t.length; i++) {
      const time = series.t[i]!;
      t.push(step(time, prev));
      prev = time;
      v.push(series.v[i]!);
    }
    out.push([series.root, w.strings.id(series.key), w.strings.id(series.unit), t, v]);
  }
  return out;
}

/**
 * The version-2 document (or change entry) as a plain object, ready for JSON.stringify. Keys in one
 * fixed order, so the same state always gives the same text.
 */
export function encodeDocument(input: EncodeInput): Obj {
  const w = new Writer(input);
  w.indexRecords(input.recordsFrom);
  const tables = spansTable(w, input);
  const metrics = recordsTable(w, input);
  const samples = samplesTable(w, input.samples);
  const doc: Obj = {
    format: FORMAT,
    version: FORMAT_VERSION,
    savedAt: input.savedAt,
    strings: w.strings.list,
    ...tables,
    segmentLists: w.segmentLists,
    metrics,
  };
  if (samples.length > 0) doc.samples = samples;
  if (input.removed !== undefined && input.removed.length > 0) doc.removed = input.removed.slice();
  // -0 is kept where values are (records, display values, samples); times are clock readings.
  const zeros: (string | number)[][] = [];
  for (const [table, column] of VALUE_PLACES) {
    const cells = (doc[table] as Obj | undefined)?.[column];
    if (hasNegativeZero(cells)) negativeZeros(cells, [table, column], zeros);
  }
  if (samples.length > 0 && hasNegativeZero(samples)) negativeZeros(samples, ['samples'], zeros);
  if (zeros.length > 0) doc.negativeZeros = zeros;
  return doc;
}
