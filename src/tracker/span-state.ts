import type { MemoryReference, LazyValue } from '../memory/runtime-memory';
import { childId } from '../model/ids';
import type {
  ExecutionSpan,
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

/**
 * The private, mutable working copy of one span. Only the tracker writes it; readers get the frozen
 * `ExecutionSpan` built by `materialize()`, rebuilt only after a change.
 */
export class SpanState implements LazyValue {
  readonly id: string;
  readonly blockId: string;
  readonly parent: SpanState | null;
  readonly type: SpanType;
  readonly label: string;
  readonly timer: TimerInfo | undefined;
  readonly startTime: number;
  /** Root first, ending with this span's id (shared by every record of the span). */
  readonly spanIds: readonly string[];
  /** Nearest ancestor (not this span) of a timer type, for `context.parentTimer`. */
  readonly timerAncestor: SpanState | null;
  readonly root: SpanState;
  readonly children: SpanState[] = [];
  ref!: MemoryReference;

  status: SpanStatus = 'active';
  endTime: number | undefined;
  error: string | undefined;
  phase: Phase = 'work';
  metrics: SpanMetrics = { custom: {} };
  readonly segments: SegmentState[] = [];
  /** Open segments, in the order they opened. */
  readonly open: SegmentState[] = [];
  readonly intervals: RunningInterval[] = [];
  openInterval: RunningInterval | null = null;
  /** Whether a record names the open interval (then it is kept even at zero length). */
  openIntervalNamed = false;
  /** Length of the closed running intervals. */
  closedElapsed = 0;
  readonly records: MetricRecord[] = [];
  nextSegment = 0;
  nextInterval = 0;
  nextRecord = 0;

  #snap: ExecutionSpan | null = null;
  #metricsSnap: SpanMetrics | null = null;
  #segmentsSnap: TimeSegment[] | null = null;
  #intervalsSnap: TimeSpan[] | null = null;
  /** Cache of the segment ids open across the ancestry, valid for one tracker segment epoch. */
  segmentIdsCache: readonly string[] = [];
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
    this.root = init.parent === null ? this : init.parent.root;
    this.spanIds = Object.freeze(init.parent === null ? [init.id] : [...init.parent.spanIds, init.id]);
    let t = init.parent;
    while (t !== null && !TIMER_TYPES.has(t.type)) t = t.parent;
    this.timerAncestor = t;
  }

  get active(): boolean {
    return this.status === 'active';
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
    this.#snap = null;
  }

  touchMetrics(): void {
    this.#snap = null;
    this.#metricsSnap = null;
  }

  touchSegment(seg: SegmentState): void {
    seg.snap = null;
    this.#snap = null;
    this.#segmentsSnap = null;
  }

  touchIntervals(): void {
    this.#snap = null;
    this.#intervalsSnap = null;
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
      snap: null,
    };
    this.segments.push(seg);
    this.open.push(seg);
    this.touchSegment(seg);
    return seg;
  }

  closeSegment(seg: SegmentState, at: number): void {
    seg.endTime = Math.max(at, seg.startTime);
    const i = this.open.indexOf(seg);
    if (i >= 0) this.open.splice(i, 1);
    this.touchSegment(seg);
  }

  startInterval(type: Phase, at: number): RunningInterval {
    const interval: RunningInterval = {
      id: childId(this.id, 't', this.nextInterval++),
      type,
      start: at,
      blockId: this.blockId,
      parentSpanId: this.id,
    };
    this.intervals.push(interval);
    this.openInterval = interval;
    this.openIntervalNamed = false;
    this.touchIntervals();
    return interval;
  }

  /** Closes the running interval; one of zero length that no record names is dropped (API.md §5). */
  stopInterval(at: number): void {
    const interval = this.openInterval;
    if (interval === null) return;
    const stop = Math.max(at, interval.start);
    this.openInterval = null;
    if (stop === interval.start && !this.openIntervalNamed) {
      this.intervals.pop();
    } else {
      interval.stop = stop;
      this.closedElapsed += stop - interval.start;
      Object.freeze(interval);
    }
    this.touchIntervals();
  }

  /** The frozen record of this span, rebuilt only for the parts that changed. */
  materialize(): ExecutionSpan {
    if (this.#snap !== null) return this.#snap;
    const span: ExecutionSpan = {
      id: this.id,
      blockId: this.blockId,
      parentSpanId: this.parent === null ? null : this.parent.id,
      type: this.type,
      label: this.label,
      status: this.status,
      startTime: this.startTime,
      paused: this.paused,
      metrics: (this.#metricsSnap ??= freezeMetrics(this.metrics)),
      segments: (this.#segmentsSnap ??= Object.freeze(this.segments.map((seg) => materializeSegment(seg, this.id))) as TimeSegment[]),
      timeSpans: (this.#intervalsSnap ??= Object.freeze(this.intervals.map(materializeInterval)) as TimeSpan[]),
    };
    if (this.endTime !== undefined) span.endTime = this.endTime;
    if (this.timer !== undefined) span.timer = this.timer;
    if (this.error !== undefined) span.error = this.error;
    return (this.#snap = Object.freeze(span));
  }
}

function materializeInterval(interval: RunningInterval): TimeSpan {
  return Object.isFrozen(interval) ? interval : Object.freeze({ ...interval });
}

/** The frozen record of a segment (cached until it changes). */
export function materializeSegment(seg: SegmentState, parentSpanId: string): TimeSegment {
  if (seg.snap !== null) return seg.snap;
  const out: TimeSegment = {
    id: seg.id,
    parentSpanId,
    startTime: seg.startTime,
    type: seg.type,
    label: seg.label,
    metrics: freezeMetrics(seg.metrics),
  };
  if (seg.endTime !== undefined) out.endTime = seg.endTime;
  if (seg.index !== undefined) out.index = seg.index;
  if (seg.plannedMs !== undefined) out.plannedMs = seg.plannedMs;
  return (seg.snap = Object.freeze(out));
}

/** Metric values are frozen when recorded; only the containers are copied here. */
function freezeMetrics<M extends Partial<SpanMetrics>>(metrics: M): M {
  const copy = { ...metrics };
  if (metrics.custom !== undefined) copy.custom = Object.freeze({ ...metrics.custom });
  return Object.freeze(copy);
}
