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
  /** Its place in the span's `segments`. */
  pos: number;
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

const TIMER_TYPES: ReadonlySet<SpanType> = new Set(['timer', 'amrap', 'emom', 'interval']);

/** Shared empty lists: most spans have no children, and an ended span no working lists. */
const NONE: never[] = Object.freeze([]) as unknown as never[];

/** The frozen list last handed out, and what changed in the working list since (see `FrozenList`). */
class FrozenList<S, T> {
  #snap: T[] | null = null;
  /** Items whose frozen record changed since `#snap`, by position; -1 = rebuild the whole list. */
  #changed: number[] = [];

  constructor(private readonly materialize: (item: S) => T) {}

  /** The item at `position` changed (or was appended at the end). */
  changed(position: number): void {
    if (this.#snap === null || this.#changed[0] === -1) return;
    // Many changes between two reads: rebuilding costs no more than patching, and keeps no long list.
    if (this.#changed.length >= 32) this.#changed = [-1];
    else this.#changed.push(position);
  }

  /** An item was removed: positions moved, the next read rebuilds the list. */
  reshaped(): void {
    this.#changed = [-1];
  }

  /**
   * The frozen list of `items`: the same array while nothing changed; after a change, one copy of
   * the last list with the changed items replaced: no work per item that did not change.
   */
  read(items: readonly S[]): T[] {
    const snap = this.#snap;
    if (snap !== null && this.#changed.length === 0) return snap;
    let out: T[];
    if (snap === null || this.#changed[0] === -1) {
      out = items.length === 0 ? NONE : items.map(this.materialize);
    } else {
      out = snap.slice();
      for (const i of this.#changed) out[i] = this.materialize(items[i]!);
    }
    this.#changed = [];
    return (this.#snap = out === NONE ? NONE : (Object.freeze(out) as T[]));
  }
}

/**
 * The private, mutable working copy of one span. Only the tracker writes it; readers get the frozen
 * `ExecutionSpan` built by `materialize()`, rebuilt only for the parts that changed.
 */
export class SpanState implements TrackedSpan {
  readonly id: string;
  readonly blockId: string;
  readonly parent: SpanState | null;
  readonly type: SpanType;
  label: string;
  timer: TimerInfo | undefined;
  readonly startTime: number;
  /** Nearest ancestor (not this span) of a timer type, for `context.parentTimer`. */
  readonly timerAncestor: SpanState | null;
  readonly root: SpanState;
  readonly depth: number;
  /** Direct children, in start order (add with `addChild`). */
  children: SpanState[] = NONE;
  /** Set once the span is archived and no longer held. */
  released = false;
  /** For the snapshot cache: place in its working list, changed since the last snapshot, version it was archived at. */
  position = -1;
  dirty = false;
  releasedVersion = Infinity;
  /** Changed by the tracker's current call (see Dispatch#touch). */
  touched = false;

  status: SpanStatus = 'active';
  endTime: number | undefined;
  error: string | undefined;
  endReason: string | undefined;
  /** The phase its running time is in: 'rest' while a rest period covers it (see span-time). */
  phase: Phase = 'work';
  /** Active descendants (not this span) with a rest period of their own open. */
  restingBelow = 0;
  /** An ancestor (not this span) has a rest period of its own open. */
  restAbove = false;
  metrics: SpanMetrics = { custom: {} };
  /** Working lists: emptied by `seal()` once the span has ended (its frozen record holds them). */
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
  /** The tracker-wide order of each record of `records` (to merge the records of several spans). */
  recordSeqs: number[] = NONE;
  nextSegment = 0;
  nextInterval = 0;
  nextRecord = 0;

  #spanIds: readonly string[] | null = null;
  #snap: ExecutionSpan | null = null;
  #sealed = false;
  #metricsSnap: SpanMetrics | null = null;
  readonly #segmentsSnap = new FrozenList<SegmentState, TimeSegment>((seg) => materializeSegment(seg, this.id));
  readonly #intervalsSnap = new FrozenList<RunningInterval, TimeSpan>(materializeInterval);
  /** Cache of the segment ids open across the ancestry, valid for one tracker segment epoch. */
  segmentIdsCache: readonly string[] = NONE;
  segmentIdsEpoch = -1;

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
    const parent = init.parent;
    this.root = parent === null ? this : parent.root;
    this.depth = parent === null ? 0 : parent.depth + 1;
    this.timerAncestor = parent === null ? null : TIMER_TYPES.has(parent.type) ? parent : parent.timerAncestor;
  }

  get active(): boolean {
    return this.status === 'active';
  }

  /** Root first, ending with this span's id; built when a record first needs it, then shared by its records. */
  get spanIds(): readonly string[] {
    if (this.#spanIds === null) {
      const ids: string[] = new Array<string>(this.depth + 1);
      ids[this.depth] = this.id;
      for (let s = this.parent, i = this.depth - 1; s !== null; s = s.parent, i--) ids[i] = s.id;
      this.#spanIds = Object.freeze(ids);
    }
    return this.#spanIds;
  }

  addChild(child: SpanState): void {
    this.children = append(this.children, child);
  }

  /** Adds a segment (open when it has no endTime), in start order. */
  addSegment(seg: SegmentState): void {
    seg.pos = this.segments.length;
    this.segments = append(this.segments, seg);
    if (seg.endTime === undefined) this.open = append(this.open, seg);
    this.#segmentsSnap.changed(seg.pos);
    seg.snap = null;
    this.#snap = null;
  }

  /** Adds a running interval, in order. */
  addInterval(interval: RunningInterval): void {
    this.intervals = append(this.intervals, interval);
    this.#intervalsSnap.changed(this.intervals.length - 1);
    this.#snap = null;
  }

  /** `seq`: the record's place in the tracker-wide record order. */
  addRecord(record: MetricRecord, seq: number): void {
    this.records = append(this.records, record);
    this.recordSeqs = append(this.recordSeqs, seq);
  }

  /**
   * The span has ended and will not change again: its frozen record becomes its only copy. The
   * working metrics, segments and intervals give way to the frozen ones the record holds, and the
   * lists are trimmed, so that an ended span keeps about half of what it held while active.
   */
  seal(): void {
    if (this.#sealed) return;
    const span = this.materialize();
    this.#sealed = true;
    this.metrics = span.metrics;
    this.segments = NONE;
    this.open = NONE;
    this.intervals = NONE;
    this.openInterval = null;
    this.segmentIdsCache = NONE;
    if (this.records.length > 0) {
      this.records = this.records.slice();
      this.recordSeqs = this.recordSeqs.slice();
    }
    if (this.children.length > 0) this.children = this.children.slice();
  }

  get pauseSegment(): SegmentState | undefined {
    return this.openOfType('pause');
  }

  get paused(): boolean {
    return this.openOfType('pause') !== undefined;
  }

  openOfType(type: SegmentType): SegmentState | undefined {
    for (let i = this.open.length - 1; i >= 0; i--) {
      const seg = this.open[i]!;
      if (seg.type === type) return seg;
    }
    return undefined;
  }

  /** Time not paused, up to `at`. */
  elapsedAt(at: number): number {
    const open = this.openInterval;
    return this.closedElapsed + (open === null ? 0 : Math.max(0, at - open.start));
  }

  // --- changes (each one invalidates what it touches) ---

  touchSpan(): void {
    if (this.#sealed) return;
    this.#snap = null;
  }

  touchMetrics(): void {
    if (this.#sealed) return;
    this.#snap = null;
    this.#metricsSnap = null;
  }

  touchSegment(seg: SegmentState): void {
    if (this.#sealed) return;
    seg.snap = null;
    this.#snap = null;
    this.#segmentsSnap.changed(seg.pos);
  }

  openSegment(type: SegmentType, label: string, at: number, index?: number, plannedMs?: number): SegmentState {
    const seg: SegmentState = {
      id: childId(this.id, 's', this.nextSegment++),
      type,
      label,
      index,
      plannedMs,
      startTime: at,
      endTime: undefined,
      metrics: {},
      closedByEnd: false,
      cause: undefined,
      named: false,
      pos: -1,
      snap: null,
    };
    this.addSegment(seg);
    return seg;
  }

  /** Closes the segment at `at` (never before it opened). */
  closeSegment(seg: SegmentState, at: number): void {
    seg.endTime = Math.max(at, seg.startTime);
    removeItem(this.open, seg);
    this.touchSegment(seg);
  }

  /** Takes a segment out of the span (a pause of zero length that no record names). */
  dropSegment(seg: SegmentState): void {
    removeItem(this.open, seg);
    removeItem(this.segments, seg);
    for (let i = seg.pos; i < this.segments.length; i++) this.segments[i]!.pos = i;
    this.#segmentsSnap.reshaped();
    this.#snap = null;
  }

  startInterval(type: Phase, at: number): RunningInterval {
    const interval: RunningInterval = {
      id: childId(this.id, 't', this.nextInterval++),
      type,
      start: at,
      blockId: this.blockId,
      parentSpanId: this.id,
      // In the literal, so that setting it on close does not give the frozen interval a second store.
      stop: undefined,
    };
    this.addInterval(interval);
    this.openInterval = interval;
    this.openIntervalNamed = false;
    return interval;
  }

  /** Closes the running interval; one of zero length that no record names is dropped. */
  stopInterval(at: number): void {
    const interval = this.openInterval;
    if (interval === null) return;
    const stop = Math.max(at, interval.start);
    this.openInterval = null;
    if (stop === interval.start && !this.openIntervalNamed) {
      this.intervals.pop();
      this.#intervalsSnap.reshaped();
    } else {
      interval.stop = stop;
      this.closedElapsed += stop - interval.start;
      Object.freeze(interval);
      this.#intervalsSnap.changed(this.intervals.length - 1);
    }
    this.#snap = null;
  }

  /** The frozen record of this span, rebuilt only for the parts that changed. */
  materialize(): ExecutionSpan {
    if (this.#snap !== null) return this.#snap;
    const { id, blockId, type, label, status, startTime, paused, endTime, timer } = this;
    const parentSpanId = this.parent === null ? null : this.parent.id;
    // An ended span's working metrics never change again: frozen where they are, not copied.
    const metrics = (this.#metricsSnap ??= status === 'active' ? freezeMetrics(this.metrics) : freezeInPlace(this.metrics));
    const segments = this.#segmentsSnap.read(this.segments);
    const timeSpans = this.#intervalsSnap.read(this.intervals);
    // One literal per shape: a field added after the literal goes to a separate property store.
    let span: ExecutionSpan;
    if (endTime === undefined) {
      span =
        timer === undefined
          ? { id, blockId, parentSpanId, type, label, status, startTime, paused, metrics, segments, timeSpans }
          : { id, blockId, parentSpanId, type, label, status, startTime, paused, metrics, segments, timeSpans, timer };
    } else {
      span =
        timer === undefined
          ? { id, blockId, parentSpanId, type, label, status, startTime, paused, metrics, segments, timeSpans, endTime }
          : { id, blockId, parentSpanId, type, label, status, startTime, paused, metrics, segments, timeSpans, endTime, timer };
    }
    if (this.error !== undefined) span.error = this.error;
    if (this.endReason !== undefined) span.endReason = this.endReason;
    return (this.#snap = Object.freeze(span));
  }
}

/** Appends to a working list that may still be the shared empty one (most spans never fill some). */
function append<T>(list: T[], item: T): T[] {
  if (list === NONE) return [item];
  list.push(item);
  return list;
}

function materializeInterval(interval: RunningInterval): TimeSpan {
  if (Object.isFrozen(interval)) return interval;
  const { id, type, start, blockId, parentSpanId } = interval;
  return Object.freeze({ id, type, start, blockId, parentSpanId });
}

/** The frozen record of a segment (cached until it changes). */
export function materializeSegment(seg: SegmentState, parentSpanId: string): TimeSegment {
  if (seg.snap !== null) return seg.snap;
  const { id, startTime, type, label, endTime, index } = seg;
  // A closed segment's working metrics never change again (records go to open segments only).
  const metrics = endTime === undefined ? freezeMetrics(seg.metrics) : (seg.metrics = freezeInPlace(seg.metrics));
  // One literal per shape (see materialize); the rarer fields are added.
  let out: TimeSegment;
  if (endTime === undefined) {
    out =
      index === undefined
        ? { id, parentSpanId, startTime, type, label, metrics }
        : { id, parentSpanId, startTime, type, label, metrics, index };
  } else {
    out =
      index === undefined
        ? { id, parentSpanId, startTime, type, label, metrics, endTime }
        : { id, parentSpanId, startTime, type, label, metrics, endTime, index };
  }
  if (seg.plannedMs !== undefined) out.plannedMs = seg.plannedMs;
  if (seg.closedByEnd) out.closedByEnd = true;
  if (seg.cause !== undefined) out.cause = seg.cause;
  return (seg.snap = Object.freeze(out));
}

const NO_METRICS: Partial<SpanMetrics> = Object.freeze({});
const NO_SPAN_METRICS: SpanMetrics = Object.freeze({ custom: Object.freeze({}) });

/** No metric in it: `{}`, or `{ custom: {} }`. */
function isBlank(metrics: Partial<SpanMetrics>): boolean {
  for (const key in metrics) {
    if (key !== 'custom') return false;
    for (const _ in metrics.custom) return false;
  }
  return true;
}

/** Freezes working metrics that will not change again (the shared blank value when empty). */
function freezeInPlace<M extends Partial<SpanMetrics>>(metrics: M): M {
  if (isBlank(metrics)) return (metrics.custom === undefined ? NO_METRICS : NO_SPAN_METRICS) as M;
  if (metrics.custom !== undefined) Object.freeze(metrics.custom);
  return Object.freeze(metrics);
}

/**
 * Metric values are frozen when recorded; only the containers are copied here. (`Object.assign`,
 * not spread: V8 freezes an object built by spread through a slow path, about 5× the cost.)
 */
function freezeMetrics<M extends Partial<SpanMetrics>>(metrics: M): M {
  // Nothing recorded yet (a span or segment just opened): one shared frozen value.
  if (isBlank(metrics)) return (metrics.custom === undefined ? NO_METRICS : NO_SPAN_METRICS) as M;
  const copy = Object.assign({}, metrics);
  if (metrics.custom !== undefined) copy.custom = Object.freeze(Object.assign({}, metrics.custom));
  return Object.freeze(copy);
}
