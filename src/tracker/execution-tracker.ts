import type { Clock } from '../clock/clock';
import { systemClock } from '../clock/system-clock';
import { SpanContext } from '../context/span-context';
import { handlerFailed, TrackerError } from '../errors/tracker-error';
import { validateMetric } from '../model/validate-metric';
import type { TrackerEventName, TrackerEvents, RejectionReason } from '../events/event-map';
import { IsolatedEmitter } from '../events/isolated-emitter';
import { Registrations } from '../events/registrations';
import { memoryDoor, RuntimeMemory, type MemoryInternals } from '../memory/runtime-memory';
import { newSpanId } from '../model/ids';
import { spanTotals } from '../model/totals';
import {
  SPAN_STATUSES,
  type BlockLike,
  type ExecutionSpan,
  type MetricRecord,
  type Phase,
  type SegmentType,
  type SpanStatus,
  type SpanTotals,
  type TimeSegment,
  type TrackerSnapshot,
} from '../model/types';
import { blockKeyOf, checkBlock } from './block';
import { bindRecord, showRecord } from './metric-binding';
import type { SpanFilter, SpanProcessor, StartRestOptions, TrackerOptions } from './options';
import { Outbox } from './outbox';
import { checkSegmentArgs } from './segment-args';
import { inRestPeriod, subtree } from './span-tree';
import { materializeSegment, SpanState, type SegmentState } from './span-state';
import { SnapshotCache } from './snapshot-cache';
import { adoptSnapshot, type RestoreOptions, type TrackerInternals } from './restore';
import { TrackerIndex } from './tracker-index';
import { ActiveSpans } from './active-spans';

export { SPAN_MEMORY_TYPE, RECORD_MEMORY_TYPE } from './tracker-index';

type Result<T> = T | TrackerError;

/**
 * Records what happens while a workout runs (API.md §3): one span per block execution, labelled
 * segments inside, every metric bound to its span, segment, phase and running interval.
 *
 * One writer: only the tracker changes spans and records. Notifications (events, processors,
 * subscribers, memory listeners) are delivered after each call has finished changing state.
 */
export class ExecutionTracker {
  readonly memory: RuntimeMemory;
  readonly context: SpanContext;

  readonly #clock: Clock;
  readonly #strict: boolean;
  readonly #onError: ((error: TrackerError) => void) | undefined;
  readonly #rejectRest: boolean;
  readonly #rejectPaused: boolean;
  readonly #maxCompleted: number;
  readonly #onArchive: TrackerOptions['onArchive'];
  readonly #mem: MemoryInternals;
  readonly #emitter: IsolatedEmitter;
  readonly #outbox = new Outbox();

  /** Every span held (in start order) and its records, indexed; what the memory shows of the tracker. */
  readonly #index = new TrackerIndex();
  /** Every span held, in start order. */
  readonly #spans = this.#index.byId;
  /** Active spans: by block key, and in start order. */
  readonly #active = new ActiveSpans();
  /** Root spans, in start order (for archiving). */
  readonly #roots = new Map<string, SpanState>();
  readonly #snapshots: SnapshotCache;
  /** Spans changed by the current call (each once, `state.touched`), the first `#touchedCount` slots. */
  readonly #touched: (SpanState | undefined)[] = [];
  #touchedCount = 0;
  /** Records ever added: the tracker-wide record order. */
  #recordSeq = 0;
  #endedCount = 0;
  #segmentEpoch = 0;
  #lastNow = -Infinity;

  readonly #subscribers = new Registrations<() => void>();
  readonly #processors = new Registrations<SpanProcessor>();
  #batchDepth = 0;
  #changedInBatch = false;
  readonly #deferredProcessorCalls: (() => void)[] = [];

  constructor(memory: RuntimeMemory = new RuntimeMemory(), options: TrackerOptions = {}) {
    if (!(memory instanceof RuntimeMemory)) throw new TypeError('ExecutionTracker: memory must be a RuntimeMemory');
    const { clock = systemClock, strict = false, onError, policy = {}, maxCompletedSpans = Infinity, onArchive } = options;
    if (clock === null || typeof clock !== 'object' || typeof clock.now !== 'function') {
      throw new TypeError('ExecutionTracker: clock must have a now() method');
    }
    if (typeof maxCompletedSpans !== 'number' || Number.isNaN(maxCompletedSpans) || maxCompletedSpans < 0) {
      throw new TypeError('ExecutionTracker: maxCompletedSpans must be a number ≥ 0');
    }
    for (const [name, v] of [
      ['rest', policy.rest],
      ['paused', policy.paused],
    ] as const) {
      if (v !== undefined && v !== 'reject' && v !== 'allow')
        throw new TypeError(`ExecutionTracker: policy.${name} must be 'reject' or 'allow'`);
    }
    this.memory = memory;
    // Memory listeners hear of the tracker's changes through the outbox, after the call (never halfway).
    this.#mem = memoryDoor(memory).withDelivery((task) => this.#outbox.push(task));
    this.#mem.attach(this.#index);
    this.#clock = clock;
    this.#strict = strict;
    this.#onError = onError;
    this.#rejectRest = policy.rest !== 'allow';
    this.#rejectPaused = policy.paused !== 'allow';
    this.#maxCompleted = maxCompletedSpans;
    this.#onArchive = onArchive;
    this.#emitter = new IsolatedEmitter((error, fromErrorHandler) => this.#report(error, !fromErrorHandler));
    this.context = new SpanContext(
      (id) => this.#spans.get(id)?.materialize(),
      (currentId) => this.#mem.setCurrentSpanId(currentId),
    );
    this.#snapshots = new SnapshotCache();
  }

  /** A tracker that carries on from a saved snapshot (API.md §11); see `restore` for the rules. */
  static restore(snapshot: TrackerSnapshot, options: RestoreOptions = {}): ExecutionTracker {
    const { memory, ...trackerOptions } = options;
    const tracker = ownMemoryTracker(memory, trackerOptions);
    const currentBefore = tracker.memory.getCurrentSpanId();
    try {
      adoptSnapshot(tracker.#internals(), snapshot);
    } catch (error) {
      // Nothing of a restore that failed halfway stays visible in the caller's memory.
      tracker.#mem.detach(tracker.#index);
      tracker.#mem.setCurrentSpanId(currentBefore);
      throw error;
    }
    return tracker;
  }

  // ------------------------------------------------------------------ spans

  /** Opens a span for the block (API.md §3). */
  startSpan(block: BlockLike, parentSpanId?: string | null): ExecutionSpan | undefined {
    const checked = checkBlock(block);
    if (checked instanceof TrackerError) return this.#fail(checked);
    if (this.#active.has(checked.key)) {
      return this.#fail(
        new TrackerError('SPAN_ALREADY_ACTIVE', `block '${checked.key}' already has an active span`, { blockId: checked.key }),
      );
    }
    let parent: SpanState | null = null;
    if (parentSpanId === undefined) {
      const currentId = this.context.getCurrentSpanId();
      const current = currentId === null ? undefined : this.#spans.get(currentId);
      parent = current !== undefined && current.active ? current : null;
    } else if (parentSpanId !== null) {
      const p = typeof parentSpanId === 'string' ? this.#spans.get(parentSpanId) : undefined;
      if (p === undefined || !p.active) {
        return this.#fail(new TrackerError('PARENT_NOT_ACTIVE', `parent span '${String(parentSpanId)}' is not active`, { parentSpanId }));
      }
      parent = p;
    }
    const at = this.#now(parent === null ? undefined : parent.startTime);
    const state = new SpanState({
      id: newSpanId(),
      blockId: checked.key,
      parent,
      type: checked.type,
      label: checked.label,
      timer: checked.timer,
      startTime: at,
    });
    if (parent !== null) {
      parent.addChild(state);
      state.phase = parent.phase;
    } else {
      this.#roots.set(state.id, state);
    }
    // A child of a paused span starts paused: no running interval until it resumes.
    const pauseSeg = parent !== null && parent.paused ? state.openSegment('pause', 'Paused', at) : undefined;
    if (pauseSeg === undefined) state.startInterval(state.phase, at);
    this.#insertSpan(state);
    this.#touch(state);
    this.context.enterSpan(state.materialize());
    if (this.#emitter.has('span:started')) this.#event('span:started', () => ({ span: state.materialize() }));
    this.#process(state, 'start');
    if (pauseSeg !== undefined) {
      this.#segmentEpoch++;
      this.#segmentEvents(state, pauseSeg, true);
      this.#event('span:paused', () => ({ span: state.materialize(), at }));
    }
    this.#commit();
    return state.materialize();
  }

  /** Ends the block's active span and, first, its active descendants (innermost first). */
  endSpan(blockId: string, status: SpanStatus = 'completed'): ExecutionSpan | undefined {
    const state = this.#activeByKey(blockId);
    if (state instanceof TrackerError) return this.#fail(state);
    if (status === 'active' || !SPAN_STATUSES.includes(status)) {
      return this.#fail(
        new TrackerError('INVALID_BLOCK', `invalid status '${String(status)}': use completed, failed or skipped`, { blockId, status }),
      );
    }
    this.#end(state, status, this.#now());
    this.#commit();
    return state.materialize();
  }

  /**
   * Runs `fn(span)` inside a started span, sync or async: ends it `'completed'`, or `'failed'` with
   * `error` set and the error rethrown. When the span cannot start (lenient mode), `fn` is not run.
   */
  trace<R>(block: BlockLike, fn: (span: ExecutionSpan) => R, parentSpanId?: string | null): R {
    const span = this.startSpan(block, parentSpanId);
    if (span === undefined) return undefined as R;
    const finish = (error?: unknown): void => {
      const state = this.#spans.get(span.id);
      if (state === undefined || !state.active) return;
      if (error !== undefined) {
        state.error = error instanceof Error ? error.message : String(error);
        state.touchSpan();
      }
      this.#end(state, error === undefined ? 'completed' : 'failed', this.#now());
      this.#commit();
    };
    let result: R;
    try {
      result = fn(span);
    } catch (error) {
      finish(error ?? new Error('undefined thrown'));
      throw error;
    }
    if (result !== null && typeof (result as { then?: unknown })?.then === 'function') {
      return (result as unknown as PromiseLike<unknown>).then(
        (value) => {
          finish();
          return value;
        },
        (error: unknown) => {
          finish(error ?? new Error('undefined rejection'));
          throw error;
        },
      ) as R;
    }
    finish();
    return result;
  }

  // ------------------------------------------------------------------ metrics

  /** Validates, applies the rest/pause policy, and binds the metric to its span and context. */
  recordMetric(blockId: string, key: string, value: unknown, unit: string, source?: string): MetricRecord | undefined {
    const validation = validateMetric(key, value, unit);
    if (!validation.ok) return this.#reject(blockId, key, value, 'invalid', validation.error);
    if (source !== undefined && typeof source !== 'string') {
      return this.#reject(
        blockId,
        key,
        value,
        'invalid',
        new TrackerError('INVALID_METRIC', `metric '${key}': source must be a string`, { key, source }),
      );
    }
    const state = this.#activeByKey(blockId);
    if (state instanceof TrackerError) return this.#reject(blockId, key, value, 'no-active-span', state);
    if (this.#rejectPaused && state.paused) return this.#reject(blockId, key, value, 'paused');
    if (this.#rejectRest && inRestPeriod(state)) return this.#reject(blockId, key, value, 'rest');
    const at = this.#now(state.startTime);
    const record = bindRecord(state, key, value, unit, source, at, this.#segmentEpoch);
    showRecord(state, record);
    this.#insertRecord(state, record, true);
    if (this.#emitter.has('metric:recorded')) this.#event('metric:recorded', () => ({ span: state.materialize(), record }));
    if (this.#processors.items.length > 0) {
      this.#toProcessors(() => {
        const span = state.materialize();
        return (p) => p.onMetric?.(record, span);
      });
    }
    this.#commit();
    return record;
  }

  // ------------------------------------------------------------------ segments

  /** Opens a segment; an open segment of the same type on that span is closed first. */
  startSegment(blockId: string, type: SegmentType, label: string, index?: number): TimeSegment | undefined {
    const state = this.#activeByKey(blockId);
    if (state instanceof TrackerError) return this.#fail(state);
    const bad = checkSegmentArgs(type, label, index);
    if (bad !== undefined) return this.#fail(bad);
    if (type === 'rest') return this.#startRest(state, { label }, index);
    const at = this.#now(state.startTime);
    const previous = state.openOfType(type);
    if (previous !== undefined) this.#closeSegment(state, previous, at);
    const seg = this.#openSegment(state, type, label, at, index);
    this.#commit();
    return materializeSegment(seg, state.id);
  }

  /** Closes that segment, or the most recently opened open one that is not a pause. */
  endSegment(blockId: string, segmentId?: string): TimeSegment | undefined {
    const state = this.#activeByKey(blockId);
    if (state instanceof TrackerError) return this.#fail(state);
    let seg: SegmentState | undefined;
    if (segmentId === undefined) {
      for (let i = state.open.length - 1; i >= 0 && seg === undefined; i--) {
        if (state.open[i]!.type !== 'pause') seg = state.open[i];
      }
      if (seg === undefined)
        return this.#fail(new TrackerError('SEGMENT_NOT_FOUND', `span of block '${blockId}' has no open segment`, { blockId }));
    } else {
      seg = state.segments.find((s) => s.id === segmentId);
      if (seg === undefined || seg.endTime !== undefined) {
        return this.#fail(
          new TrackerError('SEGMENT_NOT_FOUND', `no open segment '${String(segmentId)}' on block '${blockId}'`, { blockId, segmentId }),
        );
      }
      if (seg.type === 'pause') {
        return this.#fail(
          new TrackerError('INVALID_SEGMENT', 'a pause segment is closed by resume(), not endSegment()', { blockId, segmentId }),
        );
      }
    }
    if (seg.type === 'rest') return this.#endRest(state);
    this.#closeSegment(state, seg, this.#now(seg.startTime));
    this.#commit();
    return materializeSegment(seg, state.id);
  }

  // ------------------------------------------------------------------ rest

  /** Opens a rest period: the span and its active descendants switch to phase 'rest'. */
  startRest(blockId: string, options: StartRestOptions = {}): TimeSegment | undefined {
    const state = this.#activeByKey(blockId);
    if (state instanceof TrackerError) return this.#fail(state);
    const { durationMs, label = 'Rest' } = options ?? {};
    if (durationMs !== undefined && (typeof durationMs !== 'number' || !Number.isFinite(durationMs) || durationMs < 0)) {
      return this.#fail(
        new TrackerError('INVALID_SEGMENT', `rest durationMs must be a finite number ≥ 0, got ${String(durationMs)}`, {
          blockId,
          durationMs,
        }),
      );
    }
    if (typeof label !== 'string')
      return this.#fail(new TrackerError('INVALID_SEGMENT', 'rest label must be a string', { blockId, label }));
    return this.#startRest(state, { durationMs, label });
  }

  /** Closes the rest period: the span and its active descendants switch back to 'work'. */
  endRest(blockId: string): TimeSegment | undefined {
    const state = this.#activeByKey(blockId);
    if (state instanceof TrackerError) return this.#fail(state);
    return this.#endRest(state);
  }

  /** This span or an ancestor has an open rest segment. */
  isInRestPeriod(blockId: string): boolean {
    const key = blockKeyOf(blockId);
    const state = key instanceof TrackerError ? undefined : this.#active.get(key);
    return state !== undefined && inRestPeriod(state);
  }

  // ------------------------------------------------------------------ pause

  /** Pauses a span and its active descendants (default: the root of the current span's tree). */
  pause(spanId?: string): void {
    const target = this.#pauseTarget(spanId);
    if (target instanceof TrackerError) return void this.#fail(target);
    if (target.paused)
      return void this.#fail(new TrackerError('ALREADY_PAUSED', `span '${target.id}' is already paused`, { spanId: target.id }));
    const at = this.#now();
    for (const state of subtree(target)) {
      if (!state.active || state.paused) continue;
      state.stopInterval(at);
      this.#openSegment(state, 'pause', 'Paused', Math.max(at, state.startTime));
      this.#event('span:paused', () => ({ span: state.materialize(), at }));
    }
    this.#commit();
  }

  /** Resumes a paused span and its paused descendants. */
  resume(spanId?: string): void {
    const target = this.#pauseTarget(spanId);
    if (target instanceof TrackerError) return void this.#fail(target);
    if (!target.paused) return void this.#fail(new TrackerError('NOT_PAUSED', `span '${target.id}' is not paused`, { spanId: target.id }));
    if (target.parent !== null && target.parent.paused) {
      return void this.#fail(
        new TrackerError('PARENT_PAUSED', `span '${target.id}' cannot resume while its parent is paused`, { spanId: target.id }),
      );
    }
    const at = this.#now();
    for (const state of subtree(target)) {
      const seg = state.active ? state.pauseSegment : undefined;
      if (seg === undefined) continue;
      this.#closeSegment(state, seg, at);
      state.startInterval(state.phase, Math.max(at, seg.startTime));
      this.#event('span:resumed', () => ({ span: state.materialize(), at }));
    }
    this.#commit();
  }

  // ------------------------------------------------------------------ reads

  getActiveSpan(blockId: string): ExecutionSpan | undefined {
    const key = blockKeyOf(blockId);
    return key instanceof TrackerError ? undefined : this.#active.get(key)?.materialize();
  }

  getSpan(spanId: string): ExecutionSpan | undefined {
    return this.#spans.get(spanId)?.materialize();
  }

  /** Spans in start order, filtered by status, type and parent (null: roots). */
  getSpans(filter: SpanFilter = {}): ExecutionSpan[] {
    const { status, type, parentSpanId } = filter ?? {};
    const out: ExecutionSpan[] = [];
    for (const state of this.#spans.values()) {
      if (status !== undefined && state.status !== status) continue;
      if (type !== undefined && state.type !== type) continue;
      if (parentSpanId !== undefined && (state.parent?.id ?? null) !== parentSpanId) continue;
      out.push(state.materialize());
    }
    return out;
  }

  /** Direct children in start order. */
  getChildren(spanId: string): ExecutionSpan[] {
    const state = this.#spans.get(spanId);
    return state === undefined ? [] : state.children.map((c) => c.materialize());
  }

  /** Records of the span (and, optionally, of its descendants), in record order. */
  getMetrics(spanId: string, options: { includeDescendants?: boolean } = {}): MetricRecord[] {
    const state = this.#spans.get(spanId);
    if (state === undefined) return [];
    if (!options?.includeDescendants) return state.records.slice();
    const all: { seq: number; record: MetricRecord }[] = [];
    for (const s of subtree(state)) s.records.forEach((record, i) => all.push({ seq: s.recordSeqs[i]!, record }));
    return all.sort((a, b) => a.seq - b.seq).map((r) => r.record);
  }

  /** Total (pauses included), elapsed (pauses excluded), work, rest and paused time at `at`. */
  totals(spanId: string, at?: number): SpanTotals | undefined {
    const state = this.#spans.get(spanId);
    if (state === undefined) return this.#fail(new TrackerError('SPAN_NOT_FOUND', `no span '${String(spanId)}'`, { spanId }));
    if (at !== undefined && (typeof at !== 'number' || Number.isNaN(at))) throw new TypeError('totals: at must be a number');
    return spanTotals(state.materialize(), at ?? this.#peek());
  }

  // ------------------------------------------------------------------ for plug-ins

  /** The tracker's clock, as it would record now: never earlier than a time it already recorded. */
  now(): number {
    return this.#now();
  }

  /** Reports a failure to `onError` and as an `error` event (for plug-ins: autosave, page lifecycle). */
  reportError(error: TrackerError): void {
    if (!(error instanceof TrackerError)) throw new TypeError('reportError: expected a TrackerError');
    this.#report(error, true);
  }

  // ------------------------------------------------------------------ subscriptions

  on<K extends TrackerEventName>(name: K, handler: (payload: TrackerEvents[K]) => void): () => void {
    return this.#emitter.on(name, handler);
  }

  /**
   * Called once after each change (or batch); read `getSnapshot()` then. Bound, like `getSnapshot`,
   * so both can be handed to `useSyncExternalStore` as they are.
   */
  subscribe = (listener: () => void): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('subscribe: the listener must be a function');
    return this.#subscribers.add(listener);
  };

  /** The same frozen object until the next change. */
  getSnapshot = (): TrackerSnapshot => this.#snapshots.get(this.#active.inOrder);

  /** Plugs a processor in; the function returned removes it and calls its `shutdown`. */
  addProcessor(processor: SpanProcessor): () => void {
    if (processor === null || typeof processor !== 'object') throw new TypeError('addProcessor: expected an object');
    const remove = this.#processors.add(processor);
    let on = true;
    return () => {
      if (!on) return;
      on = false;
      remove();
      this.#guard('processor shutdown', () => processor.shutdown?.());
    };
  }

  /** Runs `fn`; subscribers and processors hear of its changes once, after it. */
  batch<R>(fn: () => R): R {
    this.#batchDepth++;
    try {
      return fn();
    } finally {
      this.#batchDepth--;
      if (this.#batchDepth === 0) this.#flushBatch();
    }
  }

  /** Counts of what the tracker holds (for tests, leak checks and archiving). */
  stats(): { spans: number; active: number; ended: number; records: number; subscribers: number; processors: number; listeners: number } {
    return {
      spans: this.#spans.size,
      active: this.#active.size,
      ended: this.#endedCount,
      records: this.#index.recordCount,
      subscribers: this.#subscribers.items.length,
      processors: this.#processors.items.length,
      listeners: this.#emitter.listenerCount(),
    };
  }

  // ------------------------------------------------------------------ internals

  /** What `restore` needs to load a snapshot into this (empty) tracker. */
  #internals(): TrackerInternals {
    return {
      now: (floor) => this.#now(floor),
      insertSpan: (state) => {
        if (state.parent === null) this.#roots.set(state.id, state);
        else state.parent.addChild(state);
        this.#insertSpan(state);
        if (state.active) this.context.enterSpan(state.materialize());
        else {
          this.#endedCount++;
          state.seal();
        }
      },
      insertRecord: (state, record) => this.#insertRecord(state, record, false),
      commit: () => {
        this.#segmentEpoch++;
        this.#commit();
      },
    };
  }

  #insertSpan(state: SpanState): void {
    this.#index.addSpan(state);
    if (state.active) this.#active.add(state);
    this.#mem.spanAdded(this.#index, state);
    this.#snapshots.spanAdded(state);
  }

  /** `idFollowsSpan`: the record's id is known to be `<spanId>.m<n>` (made by bindRecord). */
  #insertRecord(state: SpanState, record: MetricRecord, idFollowsSpan: boolean): void {
    state.addRecord(record, this.#recordSeq++);
    this.#index.addRecord(record, idFollowsSpan);
    this.#mem.recordAdded(this.#index, record);
    this.#snapshots.recordAdded(record, state);
    this.#touch(state);
  }

  /** The clock, clamped so that time never steps back (and never before `floor`). */
  #now(floor?: number): number {
    let t = this.#peek();
    if (floor !== undefined && t < floor) t = floor;
    if (t === -Infinity) t = 0;
    this.#lastNow = t;
    return t;
  }

  /** The clock as `#now` reads it, without keeping the reading: one that is not a finite number is ignored. */
  #peek(): number {
    const t = this.#clock.now();
    return typeof t === 'number' && Number.isFinite(t) && t > this.#lastNow ? t : this.#lastNow;
  }

  #activeByKey(blockId: unknown): Result<SpanState> {
    const key = blockKeyOf(blockId);
    const state = key instanceof TrackerError ? undefined : this.#active.get(key);
    if (state === undefined) {
      return new TrackerError('NO_ACTIVE_SPAN', `no active span for block '${String(blockId)}'`, {
        blockId: key instanceof TrackerError ? blockId : key,
      });
    }
    return state;
  }

  #pauseTarget(spanId: string | undefined): Result<SpanState> {
    if (spanId === undefined) {
      const currentId = this.context.getCurrentSpanId();
      const current = currentId === null ? undefined : this.#spans.get(currentId);
      if (current === undefined || !current.active) return new TrackerError('NO_ACTIVE_SPAN', 'no current span to pause or resume', {});
      return current.root;
    }
    const state = typeof spanId === 'string' ? this.#spans.get(spanId) : undefined;
    if (state === undefined) return new TrackerError('SPAN_NOT_FOUND', `no span '${String(spanId)}'`, { spanId });
    if (!state.active) return new TrackerError('NO_ACTIVE_SPAN', `span '${spanId}' has ended`, { spanId });
    return state;
  }

  #openSegment(state: SpanState, type: SegmentType, label: string, at: number, index?: number, plannedMs?: number): SegmentState {
    const seg = state.openSegment(type, label, at, index, plannedMs);
    this.#segmentEpoch++;
    this.#touch(state);
    this.#segmentEvents(state, seg, true);
    return seg;
  }

  #closeSegment(state: SpanState, seg: SegmentState, at: number): void {
    state.closeSegment(seg, at);
    this.#segmentEpoch++;
    this.#touch(state);
    this.#segmentEvents(state, seg, false);
  }

  #segmentEvents(state: SpanState, seg: SegmentState, opened: boolean): void {
    const name = opened ? 'segment:started' : 'segment:ended';
    const restName = opened ? 'rest:started' : 'rest:stopped';
    const wantsRest = seg.type === 'rest' && this.#emitter.has(restName);
    if (this.#emitter.has(name) || wantsRest || this.#processors.items.length > 0) {
      const segment = materializeSegment(seg, state.id);
      const span = state.materialize();
      this.#event(name, () => ({ span, segment }));
      if (seg.type === 'rest') this.#event(restName, () => ({ span, segment }));
      if (this.#processors.items.length > 0) this.#toProcessors(() => (p) => p.onSegment?.(segment, span));
    }
  }

  #startRest(state: SpanState, options: StartRestOptions, index?: number): TimeSegment | undefined {
    if (state.openOfType('rest') !== undefined) {
      return this.#fail(new TrackerError('ALREADY_RESTING', `block '${state.blockId}' is already resting`, { blockId: state.blockId }));
    }
    const at = this.#now(state.startTime);
    const seg = this.#openSegment(state, 'rest', options.label ?? 'Rest', at, index, options.durationMs);
    this.#switchPhases(state, at);
    this.#commit();
    return materializeSegment(seg, state.id);
  }

  #endRest(state: SpanState): TimeSegment | undefined {
    const seg = state.openOfType('rest');
    if (seg === undefined)
      return this.#fail(new TrackerError('NOT_RESTING', `block '${state.blockId}' has no rest open`, { blockId: state.blockId }));
    const at = this.#now(seg.startTime);
    this.#closeSegment(state, seg, at);
    this.#switchPhases(state, at);
    this.#commit();
    return materializeSegment(seg, state.id);
  }

  /** After a rest opened or closed on `from`: each active span below takes the phase it is now in. */
  #switchPhases(from: SpanState, at: number): void {
    for (const state of subtree(from)) {
      if (!state.active) continue;
      const phase: Phase = inRestPeriod(state) ? 'rest' : 'work';
      if (phase === state.phase) continue;
      state.phase = phase;
      state.touchSpan();
      this.#touch(state);
      if (state.openInterval !== null) {
        state.stopInterval(at);
        state.startInterval(phase, Math.max(at, state.startTime));
      }
    }
  }

  #end(state: SpanState, status: SpanStatus, at: number): void {
    // The span and its active descendants, innermost first (reverse of parents-before-children).
    const ended = state.children.length === 0 ? [state] : [...subtree(state)].filter((s) => s.active).reverse();
    for (const s of ended) {
      const end = Math.max(at, s.startTime);
      for (let j = s.open.length - 1; j >= 0; j--) {
        s.open[j]!.closedByEnd = true;
        this.#closeSegment(s, s.open[j]!, end);
      }
      s.stopInterval(end);
      s.endTime = end;
      s.status = status;
      if (s.metrics.duration === undefined) {
        s.metrics.duration = Object.freeze({ value: end - s.startTime, unit: 'ms', recorded: end });
        s.touchMetrics();
      }
      s.touchSpan();
      s.seal();
      this.#active.remove(s);
      this.#endedCount++;
      this.#snapshots.spanEnded(s);
      this.#touch(s);
    }
    this.context.removeSpans(ended.map((s) => s.id));
    for (const s of ended) {
      if (this.#emitter.has('span:stopped')) this.#event('span:stopped', () => ({ span: s.materialize() }));
      this.#process(s, 'end');
    }
    if (this.#endedCount > this.#maxCompleted) this.#archive();
  }

  /** Hands the oldest ended root trees to onArchive and releases them (API.md §8). */
  #archive(): void {
    const spans: ExecutionSpan[] = [];
    const records: MetricRecord[] = [];
    for (const root of this.#roots.values()) {
      if (this.#endedCount <= this.#maxCompleted) break;
      if (root.active) continue;
      for (const s of subtree(root)) {
        spans.push(s.materialize());
        for (const r of s.records) records.push(r);
        this.#index.removeSpan(s);
        this.#snapshots.spanRemoved(s);
        this.#mem.spanReleased(this.#index, s);
        this.#endedCount--;
      }
      this.#roots.delete(root.id);
    }
    if (spans.length === 0) return;
    const onArchive = this.#onArchive;
    if (onArchive !== undefined) this.#outbox.push(() => this.#guard('onArchive', () => onArchive(spans, records)));
  }

  #process(state: SpanState, what: 'start' | 'end'): void {
    if (this.#processors.items.length === 0) return;
    this.#toProcessors(() => {
      const span = state.materialize();
      return what === 'start' ? (p) => p.onStart?.(span) : (p) => p.onEnd?.(span);
    });
  }

  /** Queues a processor call; the span is read now, the call made after the change (or batch). */
  #toProcessors(prepare: () => (p: SpanProcessor) => void): void {
    const call = prepare();
    const deliver = (): void => {
      for (const p of this.#processors.items) {
        // One removed by an earlier processor of this same delivery has had its shutdown: skip it.
        if (this.#processors.items.includes(p)) this.#guard('processor', () => call(p));
      }
    };
    if (this.#batchDepth > 0) this.#deferredProcessorCalls.push(deliver);
    else this.#outbox.push(deliver);
  }

  #event<K extends TrackerEventName>(name: K, payload: () => TrackerEvents[K]): void {
    if (!this.#emitter.has(name)) return;
    const value = payload();
    this.#outbox.push(() => this.#emitter.emit(name, value));
  }

  /** Notes that the current call changed the span (told to the snapshot cache and memory at #commit). */
  #touch(state: SpanState): void {
    if (state.touched) return;
    state.touched = true;
    this.#touched[this.#touchedCount++] = state;
  }

  /** Ends a call that changed state: memory, events, processors, then subscribers. */
  #commit(): void {
    const touched = this.#touched;
    for (let i = 0; i < this.#touchedCount; i++) {
      const state = touched[i]!;
      touched[i] = undefined;
      state.touched = false;
      if (state.released) continue;
      this.#snapshots.spanChanged(state);
      this.#mem.spanChanged(this.#index, state, !state.active);
    }
    this.#touchedCount = 0;
    if (this.#batchDepth > 0) this.#changedInBatch = true;
    else if (this.#subscribers.items.length > 0) this.#outbox.push(this.#notifyTask);
    this.#outbox.drain();
  }

  #flushBatch(): void {
    const calls = this.#deferredProcessorCalls.splice(0);
    for (const call of calls) this.#outbox.push(call);
    if (this.#changedInBatch) {
      this.#changedInBatch = false;
      this.#outbox.push(this.#notifyTask);
    }
    this.#outbox.drain();
  }

  readonly #notifyTask = (): void => this.#notifySubscribers();

  #notifySubscribers(): void {
    for (const listener of this.#subscribers.items) this.#guard('subscriber', listener);
  }

  #guard(where: string, fn: () => void): void {
    try {
      fn();
    } catch (cause) {
      this.#report(handlerFailed(where, cause), true);
    }
  }

  #report(error: TrackerError, emit: boolean): void {
    if (this.#onError !== undefined) {
      try {
        this.#onError(error);
      } catch {
        // onError is the last resort: if it throws too, there is nobody left to tell.
      }
    }
    if (emit) {
      this.#outbox.push(() => this.#emitter.emit('error', error));
      this.#outbox.drain();
    }
  }

  /** A refused call: throws in strict mode, else reports and returns undefined. Changes nothing. */
  #fail(error: TrackerError): undefined {
    if (this.#strict) throw error;
    this.#report(error, true);
    return undefined;
  }

  #reject(blockId: string, key: string, value: unknown, reason: RejectionReason, error?: TrackerError): undefined {
    this.#event('metric:rejected', () => (error === undefined ? { blockId, key, value, reason } : { blockId, key, value, reason, error }));
    this.#outbox.drain();
    return error === undefined ? undefined : this.#fail(error);
  }
}

/** A tracker over `memory`, or over a new memory whose listener failures the tracker reports. */
export function ownMemoryTracker(memory: RuntimeMemory | undefined, options: TrackerOptions): ExecutionTracker {
  if (memory !== undefined) return new ExecutionTracker(memory, options);
  const holder: { tracker?: ExecutionTracker } = {};
  const own = new RuntimeMemory({ onError: (error) => holder.tracker?.reportError(error) });
  return (holder.tracker = new ExecutionTracker(own, options));
}
