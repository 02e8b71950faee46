import type { TrackedSpan } from '../memory/tracked';
import { childId } from '../model/ids';
import { removeItem } from '../model/list';
import type {
  ExecutionSpan,
  InterruptionCause,
  MetricRecord,
  Phase,
  SegmentType,
  SpanMetrics,
  SpanStatus,
  SpanType,
  TimeSegment,
  TimeSpan,
  TimerInfo,
} from '../model/types';
import { encodeSpan, tapeRecord, tapeRecordCount, tapeRecordSeq, tapeSpan } from './ended-span';
import { freezeInPlace, freezeMetrics, NO_METRICS, NO_SPAN_METRICS } from './frozen-metrics';
import type { Home } from './record-homes';
import { intervalRecord, segmentRecord, spanRecord } from './record-shapes';

/** A segment while the tracker may still change it; `snap` caches its frozen copy. */
export interface SegmentState {
  id: string;
  type: SegmentType;
  label: string;
  index: number | undefined;
  plannedMs: number | undefined;
  startTime: number;
  endTime: number | undefined;
  metrics: Partial<SpanMetrics>;
  /** Closed by its span's end (`endSpan`), not by a call of its own. */
  closedByEnd: boolean;
  /** On an 'Interrupted' segment: what interrupted the workout. */
  cause: InterruptionCause | undefined;
  /** A record lists it in its `segmentIds`: kept even at zero length. */
  named: boolean;
  /** Its place in the span's `segments`, and the counter its id ends with (-1: an id read back from elsewhere). */
  pos: number;
  n: number;
  snap: TimeSegment | null;
}

/** A running interval; once closed, the object itself is frozen and handed out. */
export interface RunningInterval {
  id: string;
  type: Phase;
  start: number;
  stop?: number;
  blockId: string;
  parentSpanId: string;
}

/** What a restored span keeps once ended: the frozen objects themselves (their ids and metrics came from elsewhere). */
interface Kept {
  span: ExecutionSpan;
  records: MetricRecord[];
  seqs: number[];
}

const TIMER_TYPES: ReadonlySet<SpanType> = new Set(['timer', 'amrap', 'emom', 'interval']);

/** Shared empty lists: most spans have no children, and many no segments or records. */
export const NONE: never[] = Object.freeze([]) as unknown as never[];

/** The frozen list last handed out, and what changed in the working list since. */
class FrozenList<S, T> {
  snap: T[] | null = null;
  /** Positions whose frozen item changed since `snap` (the first `count`); `all`: rebuild the whole list. */
  #changed: number[] | null = null;
  #count = 0;
  #all = false;

  /** The item at `position` changed (or was appended at the end). */
  change(position: number): void {
    if (this.snap === null || this.#all) return;
    // Many changes between two reads: rebuilding costs no more than patching, and keeps no long list.
    if (this.#count >= 32) this.#all = true;
    else (this.#changed ??= [])[this.#count++] = position;
  }

  /** An item was removed: positions moved, the next read rebuilds the list. */
  reshape(): void {
    this.#all = true;
  }

  /**
   * The frozen list of `items`: the same array while nothing changed; after a change, one copy of
   * the last list with the changed items replaced: no work per item that did not change.
   */
  read(items: readonly S[], spanId: string, build: (item: S, spanId: string) => T): T[] {
    const snap = this.snap;
    if (snap !== null && this.#count === 0 && !this.#all) return snap;
    let out: T[];
    if (items.length === 0) out = NONE;
    else if (snap === null || this.#all) {
      out = new Array<T>(items.length);
      for (let i = 0; i < items.length; i++) out[i] = build(items[i]!, spanId);
    } else {
      // Spread, not slice: V8 copies a frozen array through a slow path (70 ns an item).
      out = [...snap];
      const changed = this.#changed!;
      for (let c = 0; c < this.#count; c++) {
        const i = changed[c]!;
        out[i] = build(items[i]!, spanId);
      }
    }
    this.#count = 0;
    this.#all = false;
    return (this.snap = out === NONE ? NONE : (Object.freeze(out) as T[]));
  }
}

/**
 * What only an active span needs: its working lists, running time, rest bookkeeping and the caches
 * of its frozen record. Dropped when the span ends: the span's record then lives in a compact tape
 * (see `ended-span`).
 */
export class LiveSpan {
  /** Nearest ancestor (not this span) of a timer type, for `context.parentTimer`. */
  readonly timerAncestor: SpanState | null;
  /** The phase its running time is in: 'rest' while a rest period covers it (see span-time). */
  phase: Phase = 'work';
  /** Active descendants (not this span) with a rest period of their own open. */
  restingBelow = 0;
  /** An ancestor (not this span) has a rest period of its own open. */
  restAbove = false;
  /** Working metrics: the shared blank value until the first write (see `writableMetrics`). */
  metrics: SpanMetrics = NO_SPAN_METRICS;
  /** Read back from a document: its ids and metrics need not follow the tracker's own rules. */
  restored = false;
  segments: SegmentState[] = NONE;
  /** Open segments, in the order they opened. */
  open: SegmentState[] = NONE;
  intervals: RunningInterval[] = NONE;
  openInterval: RunningInterval | null = null;
  /** Whether a record names the open interval (then it is kept even at zero length). */
  openIntervalNamed = false;
  /** Length of the closed running intervals. */
  closedElapsed = 0;
  /** The span's records, in record order (add with `addRecord`). */
  records: MetricRecord[] = NONE;
  /**
   * Per record, three slots: its tracker-wide order, how its segment ids are made (see
   * `segmentIdsOf`) and the place of its running interval (-1: none).
   */
  recordMeta: unknown[] = NONE;
  nextSegment = 0;
  nextInterval = 0;
  nextRecord = 0;
  /** Descriptions given by the block or `updateSpan`, with the record count when each was given. */
  descriptions: unknown[] = NONE;
  /** Its `spanIds`, made with its first record, and where its records live (see `record-homes`). */
  spanIds: readonly string[] | null = null;
  home: WeakRef<Home> | null = null;
  homeIndex = -1;
  snap: ExecutionSpan | null = null;
  metricsSnap: SpanMetrics | null = null;
  readonly segmentsSnap = new FrozenList<SegmentState, TimeSegment>();
  readonly intervalsSnap = new FrozenList<RunningInterval, TimeSpan>();
  /** Segment ids open across the ancestry, and how a record encodes them, valid for one segment epoch. */
  segmentIds: readonly string[] = NONE;
  segmentCode: unknown = undefined;
  segmentEpoch = -1;

  constructor(parent: SpanState | null) {
    let timer: SpanState | null = null;
    // From the parent's own answer while it runs (a span read back may sit under one that ended).
    for (let s = parent; s !== null; s = s.parent) {
      if (TIMER_TYPES.has(s.type)) {
        timer = s;
        break;
      }
      if (!s.sealed) {
        timer = s.live.timerAncestor;
        break;
      }
    }
    this.timerAncestor = timer;
  }
}

/**
 * One span as the tracker keeps it. While active, its `live` part holds the mutable working copy, and
 * readers get the frozen `ExecutionSpan` built by `materialize()`, rebuilt only for the parts that
 * changed. Once ended it keeps a compact tape (times as small offsets, ids as counters, records as
 * slots) and builds its frozen records again when they are read; a record read stays the same object
 * while anybody holds it (a weak reference), so a snapshot holding it keeps returning it.
 */
export class SpanState implements TrackedSpan {
  readonly id: string;
  readonly blockId: string;
  readonly parent: SpanState | null;
  readonly root: SpanState;
  readonly type: SpanType;
  label: string;
  timer: TimerInfo | undefined;
  readonly startTime: number;
  status: SpanStatus = 'active';
  endTime: number | undefined = undefined;
  error: string | undefined = undefined;
  endReason: string | undefined = undefined;
  /** Direct children, in start order (add with `addChild`). */
  children: SpanState[] = NONE;
  /** Set once the span is archived and no longer held. */
  released = false;
  /** For the snapshot cache: place in its working list, changed since the last snapshot. */
  position = -1;
  dirty = false;
  /** Snapshot version at which it was archived (-1: held). */
  releasedVersion = -1;
  /** Changed by the tracker's current call (see Dispatch#touch). */
  touched = false;

  #live: LiveSpan | null;
  /** Ended: the compact tape (see `ended-span`), or what a restored span keeps. */
  #ended: unknown[] | Kept | null = null;
  /** Ended: the frozen record handed out by the call that ended it, until that call has delivered it. */
  #ending: ExecutionSpan | null = null;

  constructor(init: {
    id: string;
    blockId: string;
    parent: SpanState | null;
    type: SpanType;
    label: string;
    timer: TimerInfo | undefined;
    startTime: number;
  }) {
    this.id = init.id;
    this.blockId = init.blockId;
    this.parent = init.parent;
    this.type = init.type;
    this.label = init.label;
    this.timer = init.timer;
    this.startTime = init.startTime;
    this.root = init.parent === null ? this : init.parent.root;
    this.#live = new LiveSpan(init.parent);
  }

  get active(): boolean {
    return this.status === 'active';
  }

  /** The working copy; only for a span that has not been sealed (active, or being read back). */
  get live(): LiveSpan {
    return this.#live!;
  }

  get sealed(): boolean {
    return this.#live === null;
  }

  /** Root first, ending with this span's id (a new list, not frozen). */
  ancestry(): string[] {
    let depth = 0;
    for (let s = this.parent; s !== null; s = s.parent) depth++;
    const ids: string[] = new Array<string>(depth + 1);
    ids[depth] = this.id;
    for (let s = this.parent, i = depth - 1; s !== null; s = s.parent, i--) ids[i] = s.id;
    return ids;
  }

  addChild(child: SpanState): void {
    this.children = append(this.children, child);
  }

  // ------------------------------------------------------------------ records

  get recordCount(): number {
    const live = this.#live;
    if (live !== null) return live.records.length;
    const ended = this.#ended!;
    return Array.isArray(ended) ? tapeRecordCount(ended) : ended.records.length;
  }

  /** The k-th record of the span (built again from the tape once ended, unless still held). */
  recordAt(k: number): MetricRecord | undefined {
    const live = this.#live;
    if (live !== null) return live.records[k];
    const ended = this.#ended!;
    return Array.isArray(ended) ? tapeRecord(this, ended, k) : ended.records[k];
  }

  /** The id of the k-th record, without building it. */
  recordId(k: number): string {
    if (Array.isArray(this.#ended)) return childId(this.id, 'm', k);
    return this.recordAt(k)!.id;
  }

  /** The tracker-wide order of the k-th record. */
  recordSeq(k: number): number {
    const live = this.#live;
    if (live !== null) return live.recordMeta[k * 3] as number;
    const ended = this.#ended!;
    return Array.isArray(ended) ? tapeRecordSeq(ended, k) : ended.seqs[k]!;
  }

  /**
   * `seq`: the record's place in the tracker-wide record order; `segments` and `interval`: how its
   * segment ids are made and the place of its running interval (see `bindRecord`).
   */
  addRecord(record: MetricRecord, seq: number, segments: unknown = undefined, interval = -1): void {
    const live = this.#live;
    if (live === null) {
      // Records read back into a span that had already ended (restore).
      const kept = this.#ended as Kept;
      kept.records.push(record);
      kept.seqs.push(seq);
      return;
    }
    live.records = append(live.records, record);
    if (live.recordMeta === NONE) live.recordMeta = [seq, segments, interval];
    else live.recordMeta.push(seq, segments, interval);
  }

  // ------------------------------------------------------------------ the end

  /**
   * The span has ended and will not change again: the working copy gives way to a compact tape
   * (a restored span keeps its frozen objects instead). `handOut`: the frozen record of the span is
   * needed by the call that ended it (its result, events); it is held until `delivered()`.
   */
  seal(handOut: boolean): ExecutionSpan | undefined {
    const live = this.#live;
    if (live === null) return this.#ending ?? undefined;
    let span: ExecutionSpan | undefined;
    if (live.restored) {
      span = this.#materializeLive(live);
      const seqs: number[] = [];
      for (let i = 0; i < live.recordMeta.length; i += 3) seqs.push(live.recordMeta[i] as number);
      this.#ended = { span, records: live.records.slice(), seqs };
    } else {
      if (handOut) span = this.#materializeLive(live);
      this.#ended = encodeSpan(this, live);
      if (span !== undefined) this.#ending = span;
    }
    this.#live = null;
    if (this.children.length > 0) this.children = this.children.slice();
    return span;
  }

  /** The call that ended the span has delivered its record: from now on it is read from the tape. */
  delivered(): void {
    // No weak reference here: V8 keeps the target of a new WeakRef alive until the end of the
    // current job, so a long synchronous run would hold every span it ended.
    this.#ending = null;
  }

  // ------------------------------------------------------------------ reading

  /** The frozen record of this span. */
  materialize(): ExecutionSpan {
    const live = this.#live;
    if (live !== null) return this.#materializeLive(live);
    if (this.#ending !== null) return this.#ending;
    const ended = this.#ended!;
    return Array.isArray(ended) ? tapeSpan(this, ended) : ended.span;
  }

  #materializeLive(live: LiveSpan): ExecutionSpan {
    if (live.snap !== null) return live.snap;
    const metrics = (live.metricsSnap ??= this.status === 'active' ? freezeMetrics(live.metrics) : freezeInPlace(live.metrics));
    const segments = live.segmentsSnap.read(live.segments, this.id, materializeSegment);
    const timeSpans = live.intervalsSnap.read(live.intervals, this.id, materializeInterval);
    return (live.snap = spanRecord(this, this.paused, metrics, segments, timeSpans));
  }

  // ------------------------------------------------------------------ the working copy (active spans)

  get pauseSegment(): SegmentState | undefined {
    return this.openOfType('pause');
  }

  get paused(): boolean {
    return this.openOfType('pause') !== undefined;
  }

  openOfType(type: SegmentType): SegmentState | undefined {
    const open = this.#live?.open ?? NONE;
    for (let i = open.length - 1; i >= 0; i--) {
      const seg = open[i]!;
      if (seg.type === type) return seg;
    }
    return undefined;
  }

  /** Time not paused, up to `at`. */
  elapsedAt(at: number): number {
    const live = this.live;
    const open = live.openInterval;
    return live.closedElapsed + (open === null ? 0 : Math.max(0, at - open.start));
  }

  /** The span itself changed (label, status, phase…): its frozen record is rebuilt on the next read. */
  touchSpan(): void {
    const live = this.#live;
    if (live !== null) live.snap = null;
  }

  touchMetrics(): void {
    const live = this.#live;
    if (live === null) return;
    live.snap = null;
    live.metricsSnap = null;
  }

  /** Working metrics to write to (the span's own object, made on the first write). */
  writableMetrics(): SpanMetrics {
    const live = this.live;
    if (live.metrics === NO_SPAN_METRICS) live.metrics = { custom: {} };
    return live.metrics;
  }

  touchSegment(seg: SegmentState): void {
    const live = this.#live;
    if (live === null) return;
    seg.snap = null;
    live.snap = null;
    live.segmentsSnap.change(seg.pos);
  }

  /** Adds a segment (open when it has no endTime), in start order. */
  addSegment(seg: SegmentState): void {
    const live = this.live;
    seg.pos = live.segments.length;
    live.segments = append(live.segments, seg);
    if (seg.endTime === undefined) live.open = append(live.open, seg);
    live.segmentsSnap.change(seg.pos);
    seg.snap = null;
    live.snap = null;
  }

  openSegment(type: SegmentType, label: string, at: number, index?: number, plannedMs?: number): SegmentState {
    const n = this.live.nextSegment++;
    const seg: SegmentState = {
      id: childId(this.id, 's', n),
      type,
      label,
      index,
      plannedMs,
      startTime: at,
      endTime: undefined,
      // The shared blank value until its first record (see showRecord).
      metrics: NO_METRICS,
      closedByEnd: false,
      cause: undefined,
      named: false,
      pos: -1,
      n,
      snap: null,
    };
    this.addSegment(seg);
    return seg;
  }

  /** Closes the segment at `at` (never before it opened). */
  closeSegment(seg: SegmentState, at: number): void {
    seg.endTime = Math.max(at, seg.startTime);
    removeItem(this.live.open, seg);
    this.touchSegment(seg);
  }

  /** Takes a segment out of the span (a pause of zero length that no record names). */
  dropSegment(seg: SegmentState): void {
    const live = this.live;
    removeItem(live.open, seg);
    removeItem(live.segments, seg);
    for (let i = seg.pos; i < live.segments.length; i++) live.segments[i]!.pos = i;
    live.segmentsSnap.reshape();
    live.snap = null;
  }

  /** Adds a running interval, in order. */
  addInterval(interval: RunningInterval): void {
    const live = this.live;
    live.intervals = append(live.intervals, interval);
    live.intervalsSnap.change(live.intervals.length - 1);
    live.snap = null;
  }

  startInterval(type: Phase, at: number): RunningInterval {
    const live = this.live;
    const interval: RunningInterval = {
      id: childId(this.id, 't', live.nextInterval++),
      type,
      start: at,
      blockId: this.blockId,
      parentSpanId: this.id,
      // In the literal, so that setting it on close does not give the frozen interval a second store.
      stop: undefined,
    };
    this.addInterval(interval);
    live.openInterval = interval;
    live.openIntervalNamed = false;
    return interval;
  }

  /** Closes the running interval; one of zero length that no record names is dropped. */
  stopInterval(at: number): void {
    const live = this.live;
    const interval = live.openInterval;
    if (interval === null) return;
    const stop = Math.max(at, interval.start);
    live.openInterval = null;
    if (stop === interval.start && !live.openIntervalNamed) {
      live.intervals.pop();
      live.intervalsSnap.reshape();
    } else {
      interval.stop = stop;
      live.closedElapsed += stop - interval.start;
      Object.freeze(interval);
      live.intervalsSnap.change(live.intervals.length - 1);
    }
    live.snap = null;
  }
}

/** Appends to a working list that may still be the shared empty one (most spans never fill some). */
export function append<T>(list: T[], item: T): T[] {
  if (list === NONE) return [item];
  list.push(item);
  return list;
}

function materializeInterval(interval: RunningInterval): TimeSpan {
  if (Object.isFrozen(interval)) return interval;
  return intervalRecord(interval.id, interval.type, interval.start, interval.blockId, interval.parentSpanId, undefined);
}

/** The frozen record of a segment (cached until it changes). */
export function materializeSegment(seg: SegmentState, parentSpanId: string): TimeSegment {
  if (seg.snap !== null) return seg.snap;
  const { endTime } = seg;
  // A closed segment's working metrics never change again (records go to open segments only).
  const metrics = endTime === undefined ? freezeMetrics(seg.metrics) : (seg.metrics = freezeInPlace(seg.metrics));
  return (seg.snap = segmentRecord(
    seg.id,
    parentSpanId,
    seg.startTime,
    seg.type,
    seg.label,
    metrics,
    endTime,
    seg.index,
    seg.plannedMs,
    seg.closedByEnd,
    seg.cause,
  ));
}
