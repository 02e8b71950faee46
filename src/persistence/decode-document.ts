import { childId, flatId, isChildId, unshortfall, unstep } from './codec';
import { MEASURED_DISPLAY_KEYS } from './record-keys';
import { At, bad, has, ROOT, type Obj } from './reader-kit';
import { copyValue, setOwn } from '../model/read-value';

/**
 * The version-2 decoder: turns the columns of a document (or of an autosave change entry, applied
 * over what was decoded before) back into spans and records of the snapshot's shape, for the checked
 * reader (read-document.ts) to check and freeze. It checks only what it needs to decode (tables and
 * columns of the right kind and length, string and row references in range, codes it knows); every
 * rule of the records themselves is the checked reader's. Its errors point into the document
 * (`$.spans.startTime[3]`); the checked reader's name the record and field (`$.spans[3].startTime`).
 */

/** One series of samples while a document and its change entries are decoded. */
export interface SeriesModel {
  root: string;
  key: string;
  unit: string;
  /** Times and values, the first `n` of each (room is left for the samples of later change entries). */
  t: Float64Array;
  v: Float64Array;
  n: number;
  /** Where its samples are in the document, for an error. */
  at: string;
}

/** What the documents decoded so far hold: spans and records to check, and the samples. */
export interface SessionModel {
  savedAt: number;
  spans: Obj[];
  records: Obj[];
  samples: SeriesModel[];
}

const DOCUMENT_KEYS: ReadonlySet<string> = new Set([
  'format',
  'version',
  'savedAt',
  'strings',
  'spans',
  'segments',
  'timeSpans',
  'segmentLists',
  'metrics',
  'samples',
  'removed',
  'negativeZeros',
  'checksum',
]);

type Cells = unknown[];

function object(v: unknown, at: At, key: string): Obj {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) bad(at, key, 'expected an object');
  return v as Obj;
}

/** A column: an array, of `length` cells when given. */
function column(table: Obj, name: string, at: At, length: number | null): Cells {
  const v = table[name];
  if (!Array.isArray(v)) bad(at, name, 'expected an array');
  if (length !== null && v.length !== length) bad(at, name, `expected ${length} cells, one per row`);
  return v;
}

/** A table of the document: its required columns (the first one sets the row count) and the place of each, for errors. */
interface Table<C extends string> {
  readonly fields: Obj;
  readonly place: At;
  readonly rows: number;
  readonly cells: Record<C, Cells>;
  readonly at: Record<C, At>;
}

function table<C extends string>(doc: Obj, name: string, columns: readonly C[]): Table<C> {
  const place = new At(ROOT, name);
  const fields = object(doc[name], ROOT, name);
  const cells = {} as Record<C, Cells>;
  const at = {} as Record<C, At>;
  let rows: number | null = null;
  for (const c of columns) {
    cells[c] = column(fields, c, place, rows);
    rows ??= cells[c].length;
    at[c] = new At(place, c);
  }
  return { fields, place, rows: rows ?? 0, cells, at };
}

/** An optional column of one cell per row, or null. */
function optional(t: Table<string>, name: string): Cells | null {
  return has(t.fields, name) ? column(t.fields, name, t.place, t.rows) : null;
}

/** An optional sparse column `[row, value, …]` as a map (rows in range, each once, ascending). */
function sparse(t: Table<string>, name: string, withValue = true): Map<number, unknown> {
  const out = new Map<number, unknown>();
  if (!has(t.fields, name)) return out;
  const cells = column(t.fields, name, t.place, null);
  const width = withValue ? 2 : 1;
  if (cells.length % width !== 0) bad(t.place, name, 'expected row, value pairs');
  const here = new At(t.place, name);
  let previous = -1;
  for (let i = 0; i < cells.length; i += width) {
    const row = cells[i];
    if (typeof row !== 'number' || !Number.isInteger(row) || row <= previous || row >= t.rows)
      bad(here, i, 'expected a row number, ascending, in range');
    previous = row;
    out.set(row, withValue ? cells[i + 1] : true);
  }
  return out;
}

/** A copy of the first `n` numbers of `a` in a longer array. */
function grown(a: Float64Array, n: number, length: number): Float64Array {
  const out = new Float64Array(length);
  out.set(a.subarray(0, n));
  return out;
}

function integer(v: unknown, at: At, key: string | number, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) bad(at, key, `expected an integer from ${min} to ${max}`);
  return v;
}

/** Applies `negativeZeros`: each path leads to a 0 that was -0 when written. */
function restoreNegativeZeros(doc: Obj): void {
  if (!has(doc, 'negativeZeros')) return;
  const list = column(doc, 'negativeZeros', ROOT, null);
  const at = new At(ROOT, 'negativeZeros');
  for (let i = 0; i < list.length; i++) {
    const path = list[i];
    if (!Array.isArray(path) || path.length === 0) bad(at, i, 'expected a path');
    let parent: unknown = doc;
    for (let j = 0; j < path.length - 1; j++) {
      const k = path[j];
      parent =
        parent !== null && typeof parent === 'object' && (typeof k === 'string' || typeof k === 'number') && Object.hasOwn(parent, k)
          ? (parent as Obj)[k]
          : bad(at, i, 'names no value');
    }
    const last = path[path.length - 1];
    if (
      parent === null ||
      typeof parent !== 'object' ||
      (typeof last !== 'string' && typeof last !== 'number') ||
      !Object.hasOwn(parent, last) ||
      (parent as Obj)[last] !== 0
    )
      bad(at, i, 'names no 0');
    (parent as Obj)[last] = -0;
  }
}

function isCounter(code: unknown): code is number {
  return typeof code === 'number' && Number.isSafeInteger(code) && code >= 0;
}

/**
 * The segment or TimeSpan of a span whose id has counter `n` (`<spanId>.s3`), or undefined. The
 * tracker counts a span's segments and TimeSpans in order, so the one at place `n` is tried first.
 */
function childOf(list: readonly Obj[], spanId: string, kind: 's' | 't', n: number): Obj | undefined {
  const guess = list[n];
  if (guess !== undefined && isChildId(guess.id as string, spanId, kind, n)) return guess;
  return list.find((x) => isChildId(x.id as string, spanId, kind, n));
}

/** A span's or segment's display values, decoded once the records they may name are. */
interface PendingMetrics {
  owner: Obj;
  cell: unknown;
  at: At;
  row: number;
}

const SPAN_METRICS = new At(new At(ROOT, 'spans'), 'metrics');
const SEGMENT_METRICS = new At(new At(ROOT, 'segments'), 'metrics');

class Decoder {
  readonly strings: string[];
  readonly #place = new Map<string, number>();
  /** Segment-id lists by row, resolved once and shared by the records that name them. */
  readonly #lists: (readonly string[] | undefined)[] = [];
  readonly #listCells: Cells;
  readonly #pending: PendingMetrics[] = [];

  constructor(
    readonly doc: Obj,
    readonly model: SessionModel,
  ) {
    const strings = column(doc, 'strings', ROOT, null);
    const at = new At(ROOT, 'strings');
    for (let i = 0; i < strings.length; i++) if (typeof strings[i] !== 'string') bad(at, i, 'expected a string');
    this.strings = strings as string[];
    this.#listCells = has(doc, 'segmentLists') ? column(doc, 'segmentLists', ROOT, null) : [];
    this.#reindex();
  }

  #reindex(): void {
    this.#place.clear();
    this.model.spans.forEach((s, i) => this.#place.set(s.id as string, i));
  }

  str(v: unknown, at: At, key: string | number): string {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= this.strings.length)
      bad(at, key, 'expected the row of a string in $.strings');
    return this.strings[v]!;
  }

  time(code: unknown, prev: number, at: At, key: string | number): number {
    const t = unstep(code, prev);
    return t === undefined ? bad(at, key, 'expected a time step (a number) or [time]') : t;
  }

  /** Spans that are gone (change entries): removed with their records, in one pass. */
  removeSpans(): void {
    if (!has(this.doc, 'removed')) return;
    const list = column(this.doc, 'removed', ROOT, null);
    const at = new At(ROOT, 'removed');
    const gone = new Set<string>();
    let previous = -1;
    for (let i = 0; i < list.length; i++) {
      const p = integer(list[i], at, i, previous + 1, this.model.spans.length - 1);
      previous = p;
      gone.add(this.model.spans[p]!.id as string);
    }
    this.model.spans = this.model.spans.filter((s) => !gone.has(s.id as string));
    this.model.records = this.model.records.filter((r) => !gone.has(r.spanId as string));
    this.#reindex();
  }

  /** Spans with their segments and TimeSpans (display values wait for the records: `metrics`). */
  spans(): void {
    const model = this.model;
    const sp = table(this.doc, 'spans', SPAN_COLUMNS);
    const {
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
    } = sp.cells;
    const n = sp.rows;
    const places = optional(sp, 'at');
    const placesAt = new At(sp.place, 'at');
    const timer = sparse(sp, 'timer');
    const error = sparse(sp, 'error');
    const endReason = sparse(sp, 'endReason');

    const sg = table(this.doc, 'segments', SEGMENT_COLUMNS);
    const gn = sg.rows;
    const gIndex = sparse(sg, 'index');
    const gPlanned = sparse(sg, 'plannedMs');
    const gClosed = sparse(sg, 'closedByEnd', false);
    const gCause = sparse(sg, 'cause');

    const ts = table(this.doc, 'timeSpans', TIME_SPAN_COLUMNS);
    const tn = ts.rows;
    const tNoParent = sparse(ts, 'noParent', false);

    let gRow = 0;
    let tRow = 0;
    let prevStart = 0;
    let prevSegStart = 0;
    let prevTsStart = 0;
    let previousPlace = -1;
    for (let row = 0; row < n; row++) {
      const place = places === null ? model.spans.length : integer(places[row], placesAt, row, previousPlace + 1, model.spans.length);
      previousPlace = place;
      const spanId = id[row];
      if (typeof spanId !== 'string') bad(sp.at.id, row, 'expected a string');
      const p = integer(parent[row], sp.at.parent, row, -1, place - 1);
      const start = this.time(startTime[row], prevStart, sp.at.startTime, row);
      prevStart = start;
      const span: Obj = {
        id: spanId,
        blockId: this.str(blockId[row], sp.at.blockId, row),
        parentSpanId: p < 0 ? null : model.spans[p]!.id,
        type: this.str(type[row], sp.at.type, row),
        label: this.str(label[row], sp.at.label, row),
        status: this.str(status[row], sp.at.status, row),
        startTime: start,
      };
      if (endTime[row] !== null) span.endTime = this.time(endTime[row], start, sp.at.endTime, row);
      const pausedCell = paused[row];
      if (pausedCell !== 0 && pausedCell !== 1) bad(sp.at.paused, row, 'expected 0 or 1');
      span.paused = pausedCell === 1;
      if (timer.has(row)) {
        const cell = timer.get(row);
        const tat = new At(sp.place, 'timer');
        if (!Array.isArray(cell) || cell.length < 1 || cell.length > 2) bad(tat, row, 'expected [direction] or [direction, durationMs]');
        span.timer =
          cell.length === 1 ? { direction: this.str(cell[0], tat, row) } : { direction: this.str(cell[0], tat, row), durationMs: cell[1] };
      }
      if (error.has(row)) span.error = this.str(error.get(row), new At(sp.place, 'error'), row);
      if (endReason.has(row)) span.endReason = this.str(endReason.get(row), new At(sp.place, 'endReason'), row);
      span.metrics = undefined;
      this.#pending.push({ owner: span, cell: metrics[row], at: SPAN_METRICS, row });
      const segments: Obj[] = [];
      const count = integer(segCount[row], sp.at.segments, row, 0, gn - gRow);
      for (let k = 0; k < count; k++, gRow++) {
        const segId = childId(sg.cells.id[gRow], spanId, 's') ?? bad(sg.at.id, gRow, 'expected a counter or a string');
        const segStart = this.time(sg.cells.startTime[gRow], prevSegStart, sg.at.startTime, gRow);
        prevSegStart = segStart;
        const seg: Obj = { id: segId, parentSpanId: spanId, startTime: segStart };
        const segEnd = sg.cells.endTime[gRow];
        if (segEnd !== null) seg.endTime = this.time(segEnd, segStart, sg.at.endTime, gRow);
        seg.type = this.str(sg.cells.type[gRow], sg.at.type, gRow);
        seg.label = this.str(sg.cells.label[gRow], sg.at.label, gRow);
        if (gIndex.has(gRow)) seg.index = gIndex.get(gRow);
        if (gPlanned.has(gRow)) seg.plannedMs = gPlanned.get(gRow);
        if (gClosed.has(gRow)) seg.closedByEnd = true;
        if (gCause.has(gRow)) seg.cause = this.str(gCause.get(gRow), new At(sg.place, 'cause'), gRow);
        seg.metrics = undefined;
        this.#pending.push({ owner: seg, cell: sg.cells.metrics[gRow], at: SEGMENT_METRICS, row: gRow });
        segments.push(seg);
      }
      span.segments = segments;
      const intervals: Obj[] = [];
      const tCount = integer(tsCount[row], sp.at.timeSpans, row, 0, tn - tRow);
      for (let k = 0; k < tCount; k++, tRow++) {
        const tsId = childId(ts.cells.id[tRow], spanId, 't') ?? bad(ts.at.id, tRow, 'expected a counter or a string');
        const tsStart = this.time(ts.cells.start[tRow], prevTsStart, ts.at.start, tRow);
        prevTsStart = tsStart;
        const interval: Obj = { id: tsId, type: this.str(ts.cells.type[tRow], ts.at.type, tRow), start: tsStart };
        const stop = ts.cells.stop[tRow];
        if (stop !== null) interval.stop = this.time(stop, tsStart, ts.at.stop, tRow);
        interval.blockId = span.blockId;
        if (!tNoParent.has(tRow)) interval.parentSpanId = spanId;
        intervals.push(interval);
      }
      span.timeSpans = intervals;
      if (place === model.spans.length) model.spans.push(span);
      else {
        if (model.spans[place]!.id !== spanId)
          bad(sp.at.id, row, `is not the id of the span it replaces ('${String(model.spans[place]!.id)}')`);
        model.spans[place] = span;
      }
      this.#place.set(spanId, place);
    }
    if (gRow !== gn) bad(sg.place, 'id', `holds ${gn} segments, the spans ${gRow}`);
    if (tRow !== tn) bad(ts.place, 'id', `holds ${tn} TimeSpans, the spans ${tRow}`);
  }

  #segmentList(row: number): readonly string[] {
    const known = this.#lists[row];
    if (known !== undefined) return known;
    const cells = this.#listCells[row];
    const here = new At(ROOT, 'segmentLists');
    if (!Array.isArray(cells)) bad(here, row, 'expected a list');
    const ids: string[] = [];
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i];
      if (typeof c === 'string') ids.push(c);
      else {
        const p = integer(c, new At(here, row), i, 0, this.model.spans.length - 1);
        const counter = integer(cells[++i], new At(here, row), i, 0, Number.MAX_SAFE_INTEGER);
        const spanId = this.model.spans[p]!.id as string;
        const seg = childOf(this.model.spans[p]!.segments as Obj[], spanId, 's', counter);
        ids.push(seg !== undefined ? (seg.id as string) : flatId(spanId, `.s${counter}`));
      }
    }
    this.#lists[row] = ids;
    return ids;
  }

  records(): void {
    const mt = table(this.doc, 'metrics', RECORD_COLUMNS);
    const { span, id, key, value, unit, recordedAt, segments, timeSpan, elapsedMs: elapsed, totalElapsedMs: total } = mt.cells;
    const n = mt.rows;
    const round = optional(mt, 'roundNumber');
    const minute = optional(mt, 'minuteIndex');
    const timers = optional(mt, 'parentTimer');
    const source = sparse(mt, 'source');
    const exercise = sparse(mt, 'exerciseId');
    const phase = sparse(mt, 'phase');
    const phaseAt = new At(mt.place, 'phase');
    const spans = this.model.spans;
    const ancestries = new Map<number, Obj[]>();
    const chainOf = (p: number): Obj[] => {
      let chain = ancestries.get(p);
      if (chain === undefined) {
        const s = spans[p]!;
        const parentPlace = s.parentSpanId === null ? undefined : this.#place.get(s.parentSpanId as string);
        chain = parentPlace === undefined ? [s] : [...chainOf(parentPlace), s];
        ancestries.set(p, chain);
      }
      return chain;
    };
    const idsOf = new Map<number, readonly string[]>();
    let prevAt = 0;
    for (let row = 0; row < n; row++) {
      const p = integer(span[row], mt.at.span, row, 0, spans.length - 1);
      const s = spans[p]!;
      const spanId = s.id as string;
      const chain = chainOf(p);
      let spanIds = idsOf.get(p);
      if (spanIds === undefined) idsOf.set(p, (spanIds = chain.map((x) => x.id as string)));
      const at = this.time(recordedAt[row], prevAt, mt.at.recordedAt, row);
      prevAt = at;
      const tsCode = timeSpan[row];
      let timeSpanId: string | null = null;
      let recordPhase: unknown;
      if (tsCode === null)
        recordPhase = phase.has(row)
          ? this.str(phase.get(row), phaseAt, row)
          : bad(phaseAt, row, 'missing: a record with no TimeSpan has its phase');
      else {
        // The id of the TimeSpan decoded above, not a second string of it (one the checked reader would hash again).
        const intervals = s.timeSpans as Obj[];
        const interval =
          typeof tsCode === 'string'
            ? intervals.find((x) => x.id === tsCode)
            : isCounter(tsCode)
              ? childOf(intervals, spanId, 't', tsCode)
              : undefined;
        timeSpanId =
          interval !== undefined
            ? (interval.id as string)
            : (childId(tsCode, spanId, 't') ?? bad(mt.at.timeSpan, row, 'expected null, a counter or a string'));
        // A TimeSpan that is not there: the checked reader says so.
        recordPhase = interval?.type ?? 'work';
      }
      const elapsedMs =
        unshortfall(elapsed[row], at - (s.startTime as number)) ?? bad(mt.at.elapsedMs, row, 'expected a number or [number]');
      const totalElapsedMs =
        unshortfall(total[row], at - (chain[0]!.startTime as number)) ?? bad(mt.at.totalElapsedMs, row, 'expected a number or [number]');
      const context: Obj = { spanType: s.type, elapsedMs, totalElapsedMs };
      if (round !== null && round[row] !== 0) context.roundNumber = round[row];
      if (minute !== null && minute[row] !== 0) {
        const m = minute[row];
        context.minuteIndex = typeof m === 'number' ? m - 1 : m;
      }
      if (timers !== null && timers[row] !== null) context.parentTimer = this.#parentTimer(timers[row], chain, at, row);
      const record: Obj = {
        id: childId(id[row], spanId, 'm') ?? bad(mt.at.id, row, 'expected a counter or a string'),
        key: this.str(key[row], mt.at.key, row),
        value: value[row],
        unit: this.str(unit[row], mt.at.unit, row),
      };
      if (source.has(row)) record.source = this.str(source.get(row), new At(mt.place, 'source'), row);
      record.recordedAt = at;
      record.blockId = s.blockId;
      record.spanId = spanId;
      record.spanIds = spanIds;
      record.segmentIds = this.#segmentList(integer(segments[row], mt.at.segments, row, 0, this.#listCells.length - 1));
      if (exercise.has(row)) record.exerciseId = this.str(exercise.get(row), new At(mt.place, 'exerciseId'), row);
      record.timeSpanId = timeSpanId;
      record.phase = recordPhase;
      record.context = context;
      this.model.records.push(record);
    }
  }

  #parentTimer(cell: unknown, chain: Obj[], at: number, row: number): Obj {
    const here = new At(new At(ROOT, 'metrics'), 'parentTimer');
    if (!Array.isArray(cell) || cell.length < 3 || cell.length > 4)
      bad(here, row, 'expected [ancestor, elapsed, direction] or with remainingMs');
    const [who, elapsedCode, direction] = cell as unknown[];
    let blockId: unknown;
    let elapsedMs: number | undefined;
    if (typeof who === 'string') {
      blockId = who;
      elapsedMs = unshortfall(elapsedCode, 0);
    } else {
      const depth = integer(who, here, row, 0, chain.length - 2);
      blockId = chain[depth]!.blockId;
      elapsedMs = unshortfall(elapsedCode, at - (chain[depth]!.startTime as number));
    }
    if (elapsedMs === undefined) bad(here, row, 'expected an elapsed code');
    const out: Obj = { blockId, elapsedMs };
    if (cell.length === 4) out.remainingMs = cell[3];
    out.direction = this.str(direction, here, row);
    return out;
  }

  /** Display values of the spans and segments just decoded: a record's row, or `[value, unit, recorded(, source)]`; bare keys as they are. */
  metrics(): void {
    for (const { owner, cell, at, row } of this.#pending) owner.metrics = this.#metrics(cell, at, row);
  }

  #metrics(v: unknown, at: At, row: number): Obj {
    const m = object(v, at, String(row));
    const here = new At(at, row);
    const out: Obj = {};
    for (const key of Object.keys(m)) {
      const cell = m[key];
      if (key === 'custom') {
        const c = object(cell, here, 'custom');
        const cat = new At(here, 'custom');
        const custom: Obj = {};
        for (const name of Object.keys(c)) setOwn(custom, name, this.#metricValue(c[name], name, cat));
        out.custom = custom;
      } else if (MEASURED_DISPLAY_KEYS.has(key)) {
        out[key] = this.#metricValue(cell, key, here);
      } else {
        // A bare value as it is; any other key is kept for the checked reader to refuse.
        setOwn(out, key, cell);
      }
    }
    return out;
  }

  /** The display value of `key` (a metric key, also the field it is under). */
  #metricValue(cell: unknown, key: string, at: At): unknown {
    const records = this.model.records;
    if (typeof cell === 'number') {
      const r =
        Number.isInteger(cell) && cell >= 0 && cell < records.length ? records[cell]! : bad(at, key, 'expected the row of a record');
      if (r.key !== key) bad(at, key, `names a record of another key ('${String(r.key)}')`);
      const mv: Obj = { value: r.value, unit: r.unit, recorded: r.recordedAt };
      if (has(r, 'source')) mv.source = r.source;
      return mv;
    }
    if (!Array.isArray(cell) || cell.length < 3 || cell.length > 4)
      bad(at, key, 'expected a record row or [value, unit, recorded, source?]');
    const mv: Obj = { value: cell[0], unit: this.str(cell[1], new At(at, key), 1), recorded: cell[2] };
    if (cell.length === 4) mv.source = this.str(cell[3], new At(at, key), 3);
    return mv;
  }

  samples(): void {
    if (!has(this.doc, 'samples')) return;
    const list = column(this.doc, 'samples', ROOT, null);
    const at = new At(ROOT, 'samples');
    const seen = new Set<string>();
    for (let i = 0; i < list.length; i++) {
      const cell = list[i];
      if (!Array.isArray(cell) || cell.length !== 5) bad(at, i, 'expected [root, key, unit, times, values]');
      const [root, keyCode, unitCode, tCodes, values] = cell as unknown[];
      const here = new At(at, i);
      if (typeof root !== 'string' || root.length === 0) bad(here, 0, 'expected a root span id');
      const key = this.str(keyCode, here, 1);
      const unit = this.str(unitCode, here, 2);
      if (!Array.isArray(tCodes) || !Array.isArray(values) || tCodes.length !== values.length)
        bad(here, 3, 'expected times and values of the same length');
      const name = `${root}\u0000${key}`;
      if (seen.has(name)) bad(here, 1, `a second series of '${key}' under '${root}'`);
      seen.add(name);
      let series = this.model.samples.find((s) => s.root === root && s.key === key);
      if (series === undefined) {
        const t = new Float64Array(tCodes.length);
        const v = new Float64Array(tCodes.length);
        this.model.samples.push((series = { root, key, unit, t, v, n: 0, at: here.toString() }));
      } else if (series.unit !== unit) bad(here, 2, `is not the unit of the series ('${series.unit}')`);
      const start = series.n;
      if (start + tCodes.length > series.t.length) {
        const room = Math.max(start + tCodes.length, 2 * series.t.length);
        series.t = grown(series.t, start, room);
        series.v = grown(series.v, start, room);
      }
      const { t, v } = series;
      const tAt = new At(here, 3);
      let prev = start > 0 ? t[start - 1]! : 0;
      for (let j = 0; j < tCodes.length; j++) {
        prev = t[start + j] = this.time(tCodes[j], prev, tAt, j);
        const value = values[j];
        if (typeof value !== 'number') bad(new At(here, 4), j, 'expected a number');
        v[start + j] = value;
      }
      series.n = start + tCodes.length;
    }
  }
}

const SPAN_COLUMNS = [
  'id',
  'parent',
  'blockId',
  'type',
  'label',
  'status',
  'startTime',
  'endTime',
  'paused',
  'metrics',
  'segments',
  'timeSpans',
] as const;
const SEGMENT_COLUMNS = ['id', 'startTime', 'endTime', 'type', 'label', 'metrics'] as const;
const TIME_SPAN_COLUMNS = ['id', 'type', 'start', 'stop'] as const;
const RECORD_COLUMNS = ['span', 'id', 'key', 'value', 'unit', 'recordedAt', 'segments', 'timeSpan', 'elapsedMs', 'totalElapsedMs'] as const;

/**
 * Decodes a version-2 document (or an autosave change entry) into `model` (a new one when none is
 * given). `fresh`: the document came straight from JSON.parse and is ours to change; otherwise it is
 * copied first.
 */
export function decodeDocument(input: unknown, fresh: boolean, model?: SessionModel): SessionModel {
  const doc = (fresh ? input : copyValue(input, Infinity)) as Obj;
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) bad(ROOT, null, 'expected an object');
  for (const k of Object.keys(doc)) if (!DOCUMENT_KEYS.has(k)) bad(ROOT, k, 'unknown field');
  restoreNegativeZeros(doc);
  const savedAt = doc.savedAt;
  if (typeof savedAt !== 'number' || !Number.isFinite(savedAt)) bad(ROOT, 'savedAt', 'expected a finite number');
  const m: SessionModel = model ?? { savedAt, spans: [], records: [], samples: [] };
  m.savedAt = savedAt;
  const d = new Decoder(doc, m);
  d.removeSpans();
  d.spans();
  d.records();
  d.metrics();
  d.samples();
  return m;
}
