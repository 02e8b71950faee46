import { childId, flatId, unshortfall, unstep } from './codec';
import { BARE_DISPLAY_KEYS, MEASURED_DISPLAY_KEYS } from './record-keys';
import { At, bad, has, ROOT, setOwn, type Obj } from './reader-kit';

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
  t: number[];
  v: number[];
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

/** Places of the tables and columns, made once: a path is built from them only on failure. */
const SP = new At(ROOT, 'spans');
const SG = new At(ROOT, 'segments');
const TS = new At(ROOT, 'timeSpans');
const MT = new At(ROOT, 'metrics');
const MT_ELAPSEDMS = new At(MT, 'elapsedMs');
const MT_EXERCISEID = new At(MT, 'exerciseId');
const MT_ID = new At(MT, 'id');
const MT_KEY = new At(MT, 'key');
const MT_PHASE = new At(MT, 'phase');
const MT_RECORDEDAT = new At(MT, 'recordedAt');
const MT_SEGMENTS = new At(MT, 'segments');
const MT_SOURCE = new At(MT, 'source');
const MT_SPAN = new At(MT, 'span');
const MT_TIMESPAN = new At(MT, 'timeSpan');
const MT_TOTALELAPSEDMS = new At(MT, 'totalElapsedMs');
const MT_UNIT = new At(MT, 'unit');
const SG_CAUSE = new At(SG, 'cause');
const SG_ENDTIME = new At(SG, 'endTime');
const SG_ID = new At(SG, 'id');
const SG_LABEL = new At(SG, 'label');
const SG_STARTTIME = new At(SG, 'startTime');
const SG_TYPE = new At(SG, 'type');
const SP_AT = new At(SP, 'at');
const SP_BLOCKID = new At(SP, 'blockId');
const SP_ENDREASON = new At(SP, 'endReason');
const SP_ENDTIME = new At(SP, 'endTime');
const SP_ERROR = new At(SP, 'error');
const SP_ID = new At(SP, 'id');
const SP_LABEL = new At(SP, 'label');
const SP_PARENT = new At(SP, 'parent');
const SP_PAUSED = new At(SP, 'paused');
const SP_SEGMENTS = new At(SP, 'segments');
const SP_STARTTIME = new At(SP, 'startTime');
const SP_STATUS = new At(SP, 'status');
const SP_TIMESPANS = new At(SP, 'timeSpans');
const SP_TIMER = new At(SP, 'timer');
const SP_TYPE = new At(SP, 'type');
const TS_ID = new At(TS, 'id');
const TS_START = new At(TS, 'start');
const TS_STOP = new At(TS, 'stop');
const TS_TYPE = new At(TS, 'type');

type Cells = unknown[];

/** A plain copy of a JSON-shaped value (own enumerable keys, each read once). */
function copyPlain(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(copyPlain);
  const out: Obj = {};
  for (const k of Object.keys(v)) setOwn(out, k, copyPlain((v as Obj)[k]));
  return out;
}

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

/** An optional sparse column `[row, value, …]` as a map (rows in range, each once, ascending). */
function sparse(table: Obj, name: string, at: At, rows: number, withValue = true): Map<number, unknown> {
  const out = new Map<number, unknown>();
  if (!has(table, name)) return out;
  const cells = column(table, name, at, null);
  const width = withValue ? 2 : 1;
  if (cells.length % width !== 0) bad(at, name, 'expected row, value pairs');
  const here = new At(at, name);
  let previous = -1;
  for (let i = 0; i < cells.length; i += width) {
    const row = cells[i];
    if (typeof row !== 'number' || !Number.isInteger(row) || row <= previous || row >= rows)
      bad(here, i, 'expected a row number, ascending, in range');
    previous = row;
    out.set(row, withValue ? cells[i + 1] : true);
  }
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

class Decoder {
  readonly strings: string[];
  readonly #place = new Map<string, number>();
  /** Segment-id lists by row, resolved once and shared by the records that name them. */
  readonly #lists: (readonly string[] | undefined)[] = [];
  readonly #listCells: Cells;

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

  spans(): { span: Obj; metrics: unknown; at: At; row: number }[] {
    const doc = this.doc;
    const model = this.model;
    const t = object(doc.spans, ROOT, 'spans');
    const id = column(t, 'id', SP, null);
    const n = id.length;
    const parent = column(t, 'parent', SP, n);
    const blockId = column(t, 'blockId', SP, n);
    const type = column(t, 'type', SP, n);
    const label = column(t, 'label', SP, n);
    const status = column(t, 'status', SP, n);
    const startTime = column(t, 'startTime', SP, n);
    const endTime = column(t, 'endTime', SP, n);
    const paused = column(t, 'paused', SP, n);
    const metrics = column(t, 'metrics', SP, n);
    const segCount = column(t, 'segments', SP, n);
    const tsCount = column(t, 'timeSpans', SP, n);
    const places = has(t, 'at') ? column(t, 'at', SP, n) : null;
    const timer = sparse(t, 'timer', SP, n);
    const error = sparse(t, 'error', SP, n);
    const endReason = sparse(t, 'endReason', SP, n);

    const g = object(doc.segments, ROOT, 'segments');
    const gid = column(g, 'id', SG, null);
    const gn = gid.length;
    const gStart = column(g, 'startTime', SG, gn);
    const gEnd = column(g, 'endTime', SG, gn);
    const gType = column(g, 'type', SG, gn);
    const gLabel = column(g, 'label', SG, gn);
    const gMetrics = column(g, 'metrics', SG, gn);
    const gIndex = sparse(g, 'index', SG, gn);
    const gPlanned = sparse(g, 'plannedMs', SG, gn);
    const gClosed = sparse(g, 'closedByEnd', SG, gn, false);
    const gCause = sparse(g, 'cause', SG, gn);

    const ts = object(doc.timeSpans, ROOT, 'timeSpans');
    const tid = column(ts, 'id', TS, null);
    const tn = tid.length;
    const tType = column(ts, 'type', TS, tn);
    const tStart = column(ts, 'start', TS, tn);
    const tStop = column(ts, 'stop', TS, tn);
    const tNoParent = sparse(ts, 'noParent', TS, tn, false);

    const out: { span: Obj; metrics: unknown; at: At; row: number }[] = [];
    const segmentMetrics: { seg: Obj; metrics: unknown; row: number }[] = [];
    let gRow = 0;
    let tRow = 0;
    let prevStart = 0;
    let prevSegStart = 0;
    let prevTsStart = 0;
    let previousPlace = -1;
    for (let row = 0; row < n; row++) {
      const place = places === null ? model.spans.length : integer(places[row], SP_AT, row, previousPlace + 1, model.spans.length);
      previousPlace = place;
      const spanId = id[row];
      if (typeof spanId !== 'string') bad(SP_ID, row, 'expected a string');
      const p = integer(parent[row], SP_PARENT, row, -1, place - 1);
      const start = this.time(startTime[row], prevStart, SP_STARTTIME, row);
      prevStart = start;
      const span: Obj = {
        id: spanId,
        blockId: this.str(blockId[row], SP_BLOCKID, row),
        parentSpanId: p < 0 ? null : model.spans[p]!.id,
        type: this.str(type[row], SP_TYPE, row),
        label: this.str(label[row], SP_LABEL, row),
        status: this.str(status[row], SP_STATUS, row),
        startTime: start,
      };
      if (endTime[row] !== null) span.endTime = this.time(endTime[row], start, SP_ENDTIME, row);
      const pausedCell = paused[row];
      if (pausedCell !== 0 && pausedCell !== 1) bad(SP_PAUSED, row, 'expected 0 or 1');
      span.paused = pausedCell === 1;
      if (timer.has(row)) {
        const cell = timer.get(row);
        const tat = SP_TIMER;
        if (!Array.isArray(cell) || cell.length < 1 || cell.length > 2) bad(tat, row, 'expected [direction] or [direction, durationMs]');
        span.timer =
          cell.length === 1 ? { direction: this.str(cell[0], tat, row) } : { direction: this.str(cell[0], tat, row), durationMs: cell[1] };
      }
      if (error.has(row)) span.error = this.str(error.get(row), SP_ERROR, row);
      if (endReason.has(row)) span.endReason = this.str(endReason.get(row), SP_ENDREASON, row);
      span.metrics = undefined;
      const segments: Obj[] = [];
      const count = integer(segCount[row], SP_SEGMENTS, row, 0, gn - gRow);
      for (let k = 0; k < count; k++, gRow++) {
        const segId = childId(gid[gRow], spanId, 's') ?? bad(SG_ID, gRow, 'expected a counter or a string');
        const segStart = this.time(gStart[gRow], prevSegStart, SG_STARTTIME, gRow);
        prevSegStart = segStart;
        const seg: Obj = { id: segId, parentSpanId: spanId, startTime: segStart };
        if (gEnd[gRow] !== null) seg.endTime = this.time(gEnd[gRow], segStart, SG_ENDTIME, gRow);
        seg.type = this.str(gType[gRow], SG_TYPE, gRow);
        seg.label = this.str(gLabel[gRow], SG_LABEL, gRow);
        if (gIndex.has(gRow)) seg.index = gIndex.get(gRow);
        if (gPlanned.has(gRow)) seg.plannedMs = gPlanned.get(gRow);
        if (gClosed.has(gRow)) seg.closedByEnd = true;
        if (gCause.has(gRow)) seg.cause = this.str(gCause.get(gRow), SG_CAUSE, gRow);
        seg.metrics = undefined;
        segmentMetrics.push({ seg, metrics: gMetrics[gRow], row: gRow });
        segments.push(seg);
      }
      span.segments = segments;
      const intervals: Obj[] = [];
      const tCount = integer(tsCount[row], SP_TIMESPANS, row, 0, tn - tRow);
      for (let k = 0; k < tCount; k++, tRow++) {
        const tsId = childId(tid[tRow], spanId, 't') ?? bad(TS_ID, tRow, 'expected a counter or a string');
        const tsStart = this.time(tStart[tRow], prevTsStart, TS_START, tRow);
        prevTsStart = tsStart;
        const interval: Obj = { id: tsId, type: this.str(tType[tRow], TS_TYPE, tRow), start: tsStart };
        if (tStop[tRow] !== null) interval.stop = this.time(tStop[tRow], tsStart, TS_STOP, tRow);
        interval.blockId = span.blockId;
        if (!tNoParent.has(tRow)) interval.parentSpanId = spanId;
        intervals.push(interval);
      }
      span.timeSpans = intervals;
      if (place === model.spans.length) model.spans.push(span);
      else {
        if (model.spans[place]!.id !== spanId)
          bad(SP_ID, row, `is not the id of the span it replaces ('${String(model.spans[place]!.id)}')`);
        model.spans[place] = span;
      }
      this.#place.set(spanId, place);
      out.push({ span, metrics: metrics[row], at: SP, row });
    }
    if (gRow !== gn) bad(SG, 'id', `holds ${gn} segments, the spans ${gRow}`);
    if (tRow !== tn) bad(TS, 'id', `holds ${tn} TimeSpans, the spans ${tRow}`);
    this.#segmentMetrics = segmentMetrics;
    return out;
  }

  #segmentMetrics: { seg: Obj; metrics: unknown; row: number }[] = [];

  #segmentList(row: number, at: At, key: number): readonly string[] {
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
        ids.push(flatId(this.model.spans[p]!.id as string, `.s${counter}`));
      }
    }
    void at;
    void key;
    this.#lists[row] = ids;
    return ids;
  }

  records(fresh: boolean): void {
    const t = object(this.doc.metrics, ROOT, 'metrics');
    const span = column(t, 'span', MT, null);
    const n = span.length;
    const id = column(t, 'id', MT, n);
    const key = column(t, 'key', MT, n);
    const value = column(t, 'value', MT, n);
    const unit = column(t, 'unit', MT, n);
    const recordedAt = column(t, 'recordedAt', MT, n);
    const segments = column(t, 'segments', MT, n);
    const timeSpan = column(t, 'timeSpan', MT, n);
    const elapsed = column(t, 'elapsedMs', MT, n);
    const total = column(t, 'totalElapsedMs', MT, n);
    const round = has(t, 'roundNumber') ? column(t, 'roundNumber', MT, n) : null;
    const minute = has(t, 'minuteIndex') ? column(t, 'minuteIndex', MT, n) : null;
    const timers = has(t, 'parentTimer') ? column(t, 'parentTimer', MT, n) : null;
    const source = sparse(t, 'source', MT, n);
    const exercise = sparse(t, 'exerciseId', MT, n);
    const phase = sparse(t, 'phase', MT, n);
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
      const p = integer(span[row], MT_SPAN, row, 0, spans.length - 1);
      const s = spans[p]!;
      const spanId = s.id as string;
      const chain = chainOf(p);
      let spanIds = idsOf.get(p);
      if (spanIds === undefined) idsOf.set(p, (spanIds = chain.map((x) => x.id as string)));
      const at = this.time(recordedAt[row], prevAt, MT_RECORDEDAT, row);
      prevAt = at;
      const tsCode = timeSpan[row];
      const timeSpanId =
        tsCode === null ? null : (childId(tsCode, spanId, 't') ?? bad(MT_TIMESPAN, row, 'expected null, a counter or a string'));
      let recordPhase: unknown;
      if (timeSpanId === null)
        recordPhase = phase.has(row)
          ? this.str(phase.get(row), MT_PHASE, row)
          : bad(MT_PHASE, row, 'missing: a record with no TimeSpan has its phase');
      else recordPhase = (s.timeSpans as Obj[]).find((x) => x.id === timeSpanId)?.type ?? 'work';
      const ctxAt = MT_ELAPSEDMS;
      const elapsedMs = unshortfall(elapsed[row], at - (s.startTime as number)) ?? bad(ctxAt, row, 'expected a number or [number]');
      const totalElapsedMs =
        unshortfall(total[row], at - (chain[0]!.startTime as number)) ?? bad(MT_TOTALELAPSEDMS, row, 'expected a number or [number]');
      const context: Obj = { spanType: s.type, elapsedMs, totalElapsedMs };
      if (round !== null && round[row] !== 0) context.roundNumber = round[row];
      if (minute !== null && minute[row] !== 0) {
        const m = minute[row];
        context.minuteIndex = typeof m === 'number' ? m - 1 : m;
      }
      if (timers !== null && timers[row] !== null) context.parentTimer = this.#parentTimer(timers[row], chain, at, row);
      const raw = value[row];
      const record: Obj = {
        id: childId(id[row], spanId, 'm') ?? bad(MT_ID, row, 'expected a counter or a string'),
        key: this.str(key[row], MT_KEY, row),
        value: fresh ? raw : copyPlain(raw),
        unit: this.str(unit[row], MT_UNIT, row),
      };
      if (source.has(row)) record.source = this.str(source.get(row), MT_SOURCE, row);
      record.recordedAt = at;
      record.blockId = s.blockId;
      record.spanId = spanId;
      record.spanIds = spanIds;
      const listRow = integer(segments[row], MT_SEGMENTS, row, 0, this.#listCells.length - 1);
      record.segmentIds = this.#segmentList(listRow, MT, row);
      if (exercise.has(row)) record.exerciseId = this.str(exercise.get(row), MT_EXERCISEID, row);
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

  /** Display values: a record's row, or `[value, unit, recorded(, source)]`; bare keys as they are. */
  metrics(spans: { span: Obj; metrics: unknown; at: At; row: number }[], fresh: boolean): void {
    const SPM = new At(new At(ROOT, 'spans'), 'metrics');
    for (const { span, metrics, row } of spans) span.metrics = this.#metrics(metrics, SPM, row, fresh);
    const SGM = new At(new At(ROOT, 'segments'), 'metrics');
    for (const { seg, metrics, row } of this.#segmentMetrics) seg.metrics = this.#metrics(metrics, SGM, row, fresh);
  }

  #metrics(v: unknown, at: At, row: number, fresh: boolean): Obj {
    const m = object(v, at, String(row));
    const here = new At(at, row);
    const out: Obj = {};
    for (const key of Object.keys(m)) {
      const cell = m[key];
      if (key === 'custom') {
        const c = object(cell, here, 'custom');
        const cat = new At(here, 'custom');
        const custom: Obj = {};
        for (const name of Object.keys(c)) setOwn(custom, name, this.#metricValue(c[name], name, cat, name, fresh));
        out.custom = custom;
      } else if (MEASURED_DISPLAY_KEYS.has(key)) {
        out[key] = this.#metricValue(cell, key, here, key, fresh);
      } else if (BARE_DISPLAY_KEYS.has(key)) {
        out[key] = fresh ? cell : copyPlain(cell);
      } else {
        setOwn(out, key, cell);
      }
    }
    return out;
  }

  #metricValue(cell: unknown, metricKey: string, at: At, key: string, fresh: boolean): unknown {
    const records = this.model.records;
    if (typeof cell === 'number') {
      const r =
        Number.isInteger(cell) && cell >= 0 && cell < records.length ? records[cell]! : bad(at, key, 'expected the row of a record');
      if (r.key !== metricKey) bad(at, key, `names a record of another key ('${String(r.key)}')`);
      const mv: Obj = { value: r.value, unit: r.unit, recorded: r.recordedAt };
      if (has(r, 'source')) mv.source = r.source;
      return mv;
    }
    if (!Array.isArray(cell) || cell.length < 3 || cell.length > 4)
      bad(at, key, 'expected a record row or [value, unit, recorded, source?]');
    const mv: Obj = { value: fresh ? cell[0] : copyPlain(cell[0]), unit: this.str(cell[1], new At(at, key), 1), recorded: cell[2] };
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
      if (series === undefined) this.model.samples.push((series = { root, key, unit, t: [], v: [], at: here.toString() }));
      else if (series.unit !== unit) bad(here, 2, `is not the unit of the series ('${series.unit}')`);
      const tAt = new At(here, 3);
      let prev = series.t.length > 0 ? series.t[series.t.length - 1]! : 0;
      for (let j = 0; j < tCodes.length; j++) {
        const t = this.time(tCodes[j], prev, tAt, j);
        prev = t;
        series.t.push(t);
        const v = values[j];
        if (typeof v !== 'number') bad(new At(here, 4), j, 'expected a number');
        series.v.push(v);
      }
    }
  }
}

/**
 * Decodes a version-2 document (or an autosave change entry) into `model` (a new one when none is
 * given). `fresh`: the document came straight from JSON.parse and is ours to change; otherwise it is
 * copied first.
 */
export function decodeDocument(input: unknown, fresh: boolean, model?: SessionModel): SessionModel {
  const doc = (fresh ? input : copyPlain(input)) as Obj;
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) bad(ROOT, null, 'expected an object');
  for (const k of Object.keys(doc)) if (!DOCUMENT_KEYS.has(k)) bad(ROOT, k, 'unknown field');
  restoreNegativeZeros(doc);
  const savedAt = doc.savedAt;
  if (typeof savedAt !== 'number' || !Number.isFinite(savedAt)) bad(ROOT, 'savedAt', 'expected a finite number');
  const m: SessionModel = model ?? { savedAt, spans: [], records: [], samples: [] };
  m.savedAt = savedAt;
  const d = new Decoder(doc, m);
  d.removeSpans();
  const spans = d.spans();
  d.records(true);
  d.metrics(spans, true);
  d.samples();
  return m;
}
