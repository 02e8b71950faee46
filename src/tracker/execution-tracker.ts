import type { ClockJump } from '../clock/clock';
import { systemClock } from '../clock/system-clock';
import { SpanContext } from '../context/span-context';
import { TrackerError } from '../errors/tracker-error';
import type { TrackerEventName, TrackerEvents } from '../events/event-map';
import { RuntimeMemory } from '../memory/runtime-memory';
import { newSpanId } from '../model/ids';
import { describe, knownMetric } from '../model/metric-keys';
import { spanTotals } from '../model/totals';
import type {
  BlockLike,
  ExecutionSpan,
  MetricRecord,
  RecordOptions,
  SampleRange,
  SampleSeries,
  SegmentType,
  SpanPatch,
  SpanStatus,
  SpanTotals,
  TimeSegment,
  TrackerSnapshot,
} from '../model/types';
import { ActiveSpans } from './active-spans';
import { Archive } from './archive';
import {
  checkBlock,
  checkMetric,
  checkPatch,
  checkReason,
  checkRestOptions,
  checkSegmentArgs,
  checkStatus,
  type Descriptors,
} from './args';
import { Dispatch } from './dispatch';
import { spanLength } from './frozen-metrics';
import { bindRecord, showRecord } from './metric-binding';
import type { SpanFilter, SpanProcessor, StartRestOptions, TrackerOptions } from './options';
import { adoptSnapshot, type RestoreOptions } from './restore';
import { RecordHomes } from './record-homes';
import { SampleStore } from './sample-store';
import { append, materializeSegment, SpanState, type SegmentState } from './span-state';
import {
  closeSegment,
  interrupt,
  isResting,
  openRest,
  openSegment,
  pauseTree,
  resumeTree,
  startPaused,
  startRunning,
  stopTime,
} from './span-time';
import { activeInnermostFirst, subtree } from './span-tree';
import { Targets } from './targets';
import { TrackerClock } from './tracker-clock';
import { TrackerIndex } from './tracker-index';

/** A call's result: with `strict: true` refused calls throw, so the result is never `undefined`. */
export type Checked<Strict extends boolean, T> = Strict extends true ? T : T | undefined;

/**
 * Records what happens while a workout runs: one span per block execution, labelled segments
 * inside, every metric bound to its span, segment, phase and running interval, and sensor samples on
 * the workout's timeline.
 *
 * This class is the tracker's verbs. The work is done by its parts: `Targets` (finding a span by
 * block key or span id), `span-time` (pause, rest, phase), `Dispatch` (delivering every change to
 * indexes, snapshots, memory, events, processors and subscribers, after the call), `Archive` (long
 * workouts), `TrackerClock` (readings that never step back) and `SampleStore`.
 *
 * A call that cannot be done changes nothing: with `strict: true` it throws a `TrackerError`;
 * otherwise it returns `undefined` (`false` for `recordSample`), calls `onError` and emits `error`.
 */
export class ExecutionTracker<Strict extends boolean = boolean> {
  readonly memory: RuntimeMemory;
  readonly context: SpanContext;

  readonly #index = new TrackerIndex();
  readonly #active = new ActiveSpans();
  readonly #targets: Targets;
  readonly #d: Dispatch;
  readonly #clock: TrackerClock;
  readonly #archive: Archive;
  readonly #samples = new SampleStore();
  readonly #homes = new RecordHomes();
  readonly #rejectRest: boolean;
  readonly #rejectPaused: boolean;
  readonly #clockGaps: 'paused' | 'elapsed';
  /** Records ever added: the tracker-wide record order. */
  #recordSeq = 0;

  constructor(memory: RuntimeMemory = new RuntimeMemory(), options?: TrackerOptions & { strict?: Strict }) {
    if (!(memory instanceof RuntimeMemory)) throw new TypeError('ExecutionTracker: memory must be a RuntimeMemory');
    if (options !== undefined && options !== null && typeof options !== 'object')
      throw new TypeError('ExecutionTracker: options must be an object');
    const {
      clock = systemClock,
      strict = false,
      onError,
      policy = {},
      maxCompletedSpans = Infinity,
      onArchive,
      clockGaps = 'elapsed',
    } = options ?? {};
    if (clock === null || typeof clock !== 'object' || typeof clock.now !== 'function') {
      throw new TypeError('ExecutionTracker: clock must have a now() method');
    }
    if (typeof maxCompletedSpans !== 'number' || Number.isNaN(maxCompletedSpans) || maxCompletedSpans < 0) {
      throw new TypeError('ExecutionTracker: maxCompletedSpans must be a number ≥ 0');
    }
    if (policy === null || typeof policy !== 'object') throw new TypeError('ExecutionTracker: policy must be { rest?, paused? }');
    for (const [name, v] of [
      ['rest', policy.rest],
      ['paused', policy.paused],
    ] as const) {
      if (v !== undefined && v !== 'reject' && v !== 'allow')
        throw new TypeError(`ExecutionTracker: policy.${name} must be 'reject' or 'allow'`);
    }
    if (clockGaps !== 'paused' && clockGaps !== 'elapsed') throw new TypeError("ExecutionTracker: clockGaps must be 'paused' or 'elapsed'");
    if (onError !== undefined && typeof onError !== 'function') throw new TypeError('ExecutionTracker: onError must be a function');
    if (onArchive !== undefined && typeof onArchive !== 'function') throw new TypeError('ExecutionTracker: onArchive must be a function');
    this.memory = memory;
    this.#d = new Dispatch(this.#index, memory, strict === true, onError);
    this.#targets = new Targets(this.#index.byId, this.#active);
    this.#clock = new TrackerClock(clock, (jump) => this.#gap(jump));
    this.#archive = new Archive(maxCompletedSpans, onArchive, (rootId) => this.#samples.take(rootId));
    this.#rejectRest = policy.rest !== 'allow';
    this.#rejectPaused = policy.paused === 'reject';
    this.#clockGaps = clockGaps;
    this.context = new SpanContext(
      (id) => this.#index.byId.get(id)?.materialize(),
      (currentId) => this.#d.setCurrentSpanId(currentId),
    );
  }

  /**
   * A tracker that carries on from a saved snapshot: active spans stay active, the context stack is
   * rebuilt, samples come back, and the time between the save and now is an 'Interrupted' pause on
   * every active span that was running. See `restore` for the rules.
   */
  static restore<S extends boolean = boolean>(snapshot: TrackerSnapshot, options?: RestoreOptions & { strict?: S }): ExecutionTracker<S> {
    if (options !== undefined && options !== null && typeof options !== 'object') throw new TypeError('restore: options must be an object');
    const { memory, ...trackerOptions } = options ?? {};
    const tracker = ownMemoryTracker<S>(memory, trackerOptions as TrackerOptions & { strict?: S });
    const currentBefore = tracker.memory.getCurrentSpanId();
    try {
      adoptSnapshot(
        {
          clock: tracker.#clock,
          dispatch: tracker.#d,
          samples: tracker.#samples,
          insertSpan: (state) => tracker.#insertSpan(state),
          insertRecord: (state, record) => tracker.#d.recordAdded(state, record, tracker.#recordSeq++, false),
        },
        snapshot,
      );
    } catch (error) {
      // Nothing of a restore that failed halfway stays visible in the caller's memory.
      tracker.#d.detach();
      tracker.#d.setCurrentSpanId(currentBefore);
      throw error;
    }
    tracker.#clock.watch(tracker.#active.size > 0);
    return tracker;
  }

  // ------------------------------------------------------------------ spans

  /**
   * Opens a span for the block. `parentSpanId` omitted: under the current span of the context (top of
   * the stack), or a root when there is none; `null`: a root; a span id or block key: under that
   * active span. A child of a paused span starts paused.
   */
  startSpan(block: BlockLike, parentSpanId?: string | null): Checked<Strict, ExecutionSpan> {
    const checked = checkBlock(block);
    if (checked instanceof TrackerError) return this.#d.fail(checked) as Checked<Strict, ExecutionSpan>;
    if (this.#active.has(checked.key)) {
      return this.#d.fail(
        new TrackerError('SPAN_ALREADY_ACTIVE', `block '${checked.key}' already has an active span`, { blockId: checked.key }),
      ) as Checked<Strict, ExecutionSpan>;
    }
    let parent: SpanState | null = null;
    if (parentSpanId === undefined) parent = this.#current() ?? null;
    else if (parentSpanId !== null) {
      const p = this.#targets.active(parentSpanId);
      if (p instanceof TrackerError) {
        return this.#d.fail(
          new TrackerError('PARENT_NOT_ACTIVE', `parent span '${String(parentSpanId)}' is not active`, { parentSpanId }),
        ) as Checked<Strict, ExecutionSpan>;
      }
      parent = p;
    }
    const at = this.#clock.now(parent === null ? undefined : parent.startTime);
    const state = new SpanState({
      id: newSpanId(),
      blockId: checked.key,
      parent,
      type: checked.type,
      label: checked.label,
      timer: checked.timer,
      startTime: at,
    });
    if (checked.descriptors !== undefined) describeSpan(state, checked.descriptors);
    this.#insertSpan(state);
    const paused = startRunning(state, at);
    if (this.#d.emitter.has('span:started')) this.#d.emit('span:started', { span: state.materialize() });
    this.#d.process(state, 'start');
    if (paused) startPaused(this.#d, state, at);
    this.#clock.watch(true);
    this.#d.commit();
    return state.materialize();
  }

  /**
   * Ends the target's active span (a block key or a span id) and, first, its active descendants,
   * innermost first, with the same status and reason. `reason`: why it ended (`'timer-expired'`,
   * `'forced'`…), at most 64 characters, kept as `endReason`.
   */
  endSpan(target: string, status: SpanStatus = 'completed', reason?: string): Checked<Strict, ExecutionSpan> {
    const state = this.#targets.active(target);
    if (state instanceof TrackerError) return this.#d.fail(state) as Checked<Strict, ExecutionSpan>;
    const checkedStatus = checkStatus(status);
    if (checkedStatus instanceof TrackerError) return this.#d.fail(checkedStatus) as Checked<Strict, ExecutionSpan>;
    const checkedReason = checkReason(reason);
    if (checkedReason instanceof TrackerError) return this.#d.fail(checkedReason) as Checked<Strict, ExecutionSpan>;
    const span = this.#end(state, checkedStatus, checkedReason, this.#clock.now());
    this.#d.commit();
    return span;
  }

  /**
   * Changes an active span's label, timer or descriptions (`exerciseId`, `exerciseImage`,
   * `targetReps`, `totalRounds`, `repScheme`), paused or resting alike: a description is not a
   * record, and no policy applies to it. Emits `span:updated`.
   */
  updateSpan(target: string, patch: SpanPatch): Checked<Strict, ExecutionSpan> {
    const state = this.#targets.active(target);
    if (state instanceof TrackerError) return this.#d.fail(state) as Checked<Strict, ExecutionSpan>;
    const checked = checkPatch(patch);
    if (checked instanceof TrackerError) return this.#d.fail(checked) as Checked<Strict, ExecutionSpan>;
    if (checked.label !== undefined) state.label = checked.label;
    if (checked.timer !== undefined) state.timer = checked.timer;
    if (checked.descriptors !== undefined) describeSpan(state, checked.descriptors);
    state.touchSpan();
    this.#d.touch(state);
    if (this.#d.emitter.has('span:updated')) this.#d.emit('span:updated', { span: state.materialize() });
    this.#d.commit();
    return state.materialize();
  }

  /**
   * Runs `fn(span)` inside a started span, sync or async: ends it `'completed'`, or `'failed'` with
   * `error` set and the error rethrown. When the span cannot start (lenient mode), `fn` is not run.
   */
  trace<R>(block: BlockLike, fn: (span: ExecutionSpan) => R, parentSpanId?: string | null): R {
    if (typeof fn !== 'function') throw new TypeError('trace: expected a function to run inside the span');
    const span = this.startSpan(block, parentSpanId);
    if (span === undefined) return undefined as R;
    const finish = (error?: unknown): void => {
      const state = this.#index.byId.get(span.id);
      if (state === undefined || !state.active) return;
      if (error !== undefined) {
        state.error = errorMessage(error);
        state.touchSpan();
      }
      this.#end(state, error === undefined ? 'completed' : 'failed', undefined, this.#clock.now());
      this.#d.commit();
    };
    let result: R;
    try {
      result = fn(span);
    } catch (error) {
      finish(error ?? new Error('undefined thrown'));
      throw error;
    }
    if (isThenable(result)) {
      return result.then(
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

  // ------------------------------------------------------------------ metrics and samples

  /**
   * Validates the metric, applies the rest and pause policies (to work done: reps, weight,
   * distance), and binds it to its span, open segments, phase, running interval and context. The last
   * argument is a source string or `{ source?, exerciseId? }`. Returns `undefined` when the metric is
   * not kept, strict or not: a rejection by a policy is not an error (`metric:rejected` says why).
   */
  recordMetric(
    target: string,
    key: string,
    value: unknown,
    unit: string,
    sourceOrOptions?: string | RecordOptions,
  ): MetricRecord | undefined {
    const checked = checkMetric(key, value, unit, sourceOrOptions);
    if (checked instanceof TrackerError) return this.#d.reject(target, key, value, 'invalid', checked);
    const state = this.#targets.active(target);
    if (state instanceof TrackerError) return this.#d.reject(target, key, value, 'no-active-span', state);
    const known = knownMetric(key);
    if (known?.work === true) {
      if (this.#rejectPaused && state.paused) return this.#d.reject(state.blockId, key, value, 'paused');
      if (this.#rejectRest && isResting(state)) return this.#d.reject(state.blockId, key, value, 'rest');
    }
    const at = this.#clock.now(state.startTime);
    const bound = bindRecord(state, key, checked.value, unit, checked.source, checked.exerciseId, at, this.#d.segmentEpoch, this.#homes);
    const record = bound.record;
    showRecord(state, record, known);
    this.#d.recordAdded(state, record, this.#recordSeq++, true, bound.segments, bound.interval);
    if (this.#d.emitter.has('metric:recorded')) this.#d.emit('metric:recorded', { span: state.materialize(), record });
    if (this.#d.processors.size > 0) {
      const span = state.materialize();
      this.#d.toProcessors((p) => p.onMetric?.(record, span));
    }
    this.#d.commit();
    return record;
  }

  /**
   * Records a sensor sample (heart rate, power, cadence) on the workout's timeline, at the clock's
   * now, under the root of the target's active span. Never refused by a policy; stored compactly,
   * not as a record; notifies no subscriber (`sample:recorded` is emitted for live displays).
   * Returns whether it was kept. A key keeps the unit of its first sample.
   */
  recordSample(target: string, key: string, value: number, unit: string): boolean {
    const state = this.#targets.active(target);
    if (state instanceof TrackerError) return this.#d.fail(state) ?? false;
    const problem = sampleProblem(key, value, unit, this.#samples.unitOf(state.root.id, key));
    if (problem !== undefined) {
      return this.#d.fail(new TrackerError('INVALID_METRIC', `sample '${String(key)}': ${problem}`, { key, value, unit })) ?? false;
    }
    const at = this.#clock.now(state.startTime);
    const rootSpanId = state.root.id;
    this.#samples.add(rootSpanId, key, at, value, unit);
    if (this.#d.emitter.has('sample:recorded')) {
      this.#d.emit('sample:recorded', { rootSpanId, key, value, unit, at });
      this.#d.outbox.drain();
    }
    return true;
  }

  /** The samples of a key under the target's root (a block key or any span id), within `range`. */
  getSamples(target: string, key: string, range?: SampleRange): SampleSeries | undefined {
    const state = this.#targets.any(target);
    if (state === undefined) return undefined;
    return this.#samples.view().get(state.root.id, key, range);
  }

  // ------------------------------------------------------------------ segments

  /** Opens a segment; an open segment of the same type on that span is closed first (Round 2 closes Round 1). */
  startSegment(target: string, type: SegmentType, label: string, index?: number): Checked<Strict, TimeSegment> {
    const state = this.#targets.active(target);
    if (state instanceof TrackerError) return this.#d.fail(state) as Checked<Strict, TimeSegment>;
    const bad = checkSegmentArgs(type, label, index);
    if (bad !== undefined) return this.#d.fail(bad) as Checked<Strict, TimeSegment>;
    if (type === 'rest') return this.#startRest(state, label, undefined, index);
    const at = this.#clock.now(state.startTime);
    const previous = state.openOfType(type);
    if (previous !== undefined) closeSegment(this.#d, state, previous, at);
    const seg = openSegment(this.#d, state, type, label, at, index);
    this.#d.commit();
    return materializeSegment(seg, state.id);
  }

  /** Closes that segment, or the most recently opened open one that is not a pause. */
  endSegment(target: string, segmentId?: string): Checked<Strict, TimeSegment> {
    const state = this.#targets.active(target);
    if (state instanceof TrackerError) return this.#d.fail(state) as Checked<Strict, TimeSegment>;
    let seg: SegmentState | undefined;
    const open = state.live.open;
    if (segmentId === undefined) {
      for (let i = open.length - 1; i >= 0 && seg === undefined; i--) {
        if (open[i]!.type !== 'pause') seg = open[i];
      }
      if (seg === undefined) {
        return this.#d.fail(
          new TrackerError('SEGMENT_NOT_FOUND', `span of block '${state.blockId}' has no open segment`, { blockId: state.blockId }),
        ) as Checked<Strict, TimeSegment>;
      }
    } else {
      seg = open.find((s) => s.id === segmentId);
      if (seg === undefined) {
        return this.#d.fail(
          new TrackerError('SEGMENT_NOT_FOUND', `no open segment '${String(segmentId)}' on block '${state.blockId}'`, {
            blockId: state.blockId,
            segmentId,
          }),
        ) as Checked<Strict, TimeSegment>;
      }
      if (seg.type === 'pause') {
        return this.#d.fail(
          new TrackerError('INVALID_SEGMENT', 'a pause segment is closed by resume(), not endSegment()', {
            blockId: state.blockId,
            segmentId,
          }),
        ) as Checked<Strict, TimeSegment>;
      }
    }
    return this.#close(state, seg);
  }

  // ------------------------------------------------------------------ rest

  /**
   * Opens a rest period on the span: its time, its ancestors' and its active descendants' is rest
   * until `endRest` (a sibling of a resting span is not resting).
   */
  startRest(target: string, options?: StartRestOptions): Checked<Strict, TimeSegment> {
    const state = this.#targets.active(target);
    if (state instanceof TrackerError) return this.#d.fail(state) as Checked<Strict, TimeSegment>;
    const checked = checkRestOptions(options);
    if (checked instanceof TrackerError) return this.#d.fail(checked) as Checked<Strict, TimeSegment>;
    return this.#startRest(state, checked.label, checked.durationMs);
  }

  /** Closes the span's rest period: the spans around it switch back to work. */
  endRest(target: string): Checked<Strict, TimeSegment> {
    const state = this.#targets.active(target);
    if (state instanceof TrackerError) return this.#d.fail(state) as Checked<Strict, TimeSegment>;
    return this.#endRest(state);
  }

  /** Whether the target's active span is resting: it, an ancestor or an active descendant has a rest open. */
  isInRestPeriod(target: string): boolean {
    const state = this.#targets.active(target);
    return !(state instanceof TrackerError) && isResting(state);
  }

  // ------------------------------------------------------------------ pause

  /** Pauses a span and its active descendants (default: the root of the current span's tree). */
  pause(target?: string): void {
    const state = this.#pauseTarget(target);
    if (state instanceof TrackerError) return void this.#d.fail(state);
    if (state.paused)
      return void this.#d.fail(new TrackerError('ALREADY_PAUSED', `span '${state.id}' is already paused`, { spanId: state.id }));
    pauseTree(this.#d, state, this.#clock.now());
    this.#d.commit();
  }

  /** Resumes a paused span and its paused descendants (default: the root of the current span's tree). */
  resume(target?: string): void {
    const state = this.#pauseTarget(target);
    if (state instanceof TrackerError) return void this.#d.fail(state);
    if (!state.paused) return void this.#d.fail(new TrackerError('NOT_PAUSED', `span '${state.id}' is not paused`, { spanId: state.id }));
    if (state.parent !== null && state.parent.paused) {
      return void this.#d.fail(
        new TrackerError('PARENT_PAUSED', `span '${state.id}' cannot resume while its parent is paused`, { spanId: state.id }),
      );
    }
    resumeTree(this.#d, state, this.#clock.now());
    this.#d.commit();
  }

  // ------------------------------------------------------------------ reads

  /** The active span of a block key (or of an active span's id). */
  getActiveSpan(target: string): ExecutionSpan | undefined {
    const state = this.#targets.active(target);
    return state instanceof TrackerError ? undefined : state.materialize();
  }

  /** Any span held, by span id (or the active span of a block key). */
  getSpan(target: string): ExecutionSpan | undefined {
    return this.#targets.any(target)?.materialize();
  }

  /** Spans in start order, filtered by status, type and parent (null: roots). */
  getSpans(filter: SpanFilter = {}): ExecutionSpan[] {
    const { status, type, parentSpanId } = filter ?? {};
    const out: ExecutionSpan[] = [];
    for (const state of this.#index.byId.values()) {
      if (status !== undefined && state.status !== status) continue;
      if (type !== undefined && state.type !== type) continue;
      if (parentSpanId !== undefined && (state.parent?.id ?? null) !== parentSpanId) continue;
      out.push(state.materialize());
    }
    return out;
  }

  /** Direct children in start order. */
  getChildren(target: string): ExecutionSpan[] {
    const state = this.#targets.any(target);
    return state === undefined ? [] : state.children.map((c) => c.materialize());
  }

  /** Records of the span (and, optionally, of its descendants), in record order. */
  getMetrics(target: string, options: { includeDescendants?: boolean } = {}): MetricRecord[] {
    const state = this.#targets.any(target);
    if (state === undefined) return [];
    if (!options?.includeDescendants) {
      const out: MetricRecord[] = new Array(state.recordCount);
      for (let k = 0; k < out.length; k++) out[k] = state.recordAt(k)!;
      return out;
    }
    const all: { seq: number; state: SpanState; k: number }[] = [];
    for (const s of subtree(state)) for (let k = 0; k < s.recordCount; k++) all.push({ seq: s.recordSeq(k), state: s, k });
    return all.sort((a, b) => a.seq - b.seq).map((r) => r.state.recordAt(r.k)!);
  }

  /**
   * Total (pauses included), elapsed (pauses excluded), work, rest and paused time of the span at
   * `at` (default: now).
   */
  totals(target: string, at?: number): Checked<Strict, SpanTotals> {
    const state = this.#targets.any(target);
    if (state === undefined) {
      return this.#d.fail(new TrackerError('SPAN_NOT_FOUND', `no span '${String(target)}'`, { spanId: target })) as Checked<
        Strict,
        SpanTotals
      >;
    }
    if (at !== undefined && (typeof at !== 'number' || Number.isNaN(at))) {
      return this.#d.fail(new TrackerError('INVALID_ARGUMENT', `totals: at must be a number, got ${String(at)}`, { at })) as Checked<
        Strict,
        SpanTotals
      >;
    }
    return spanTotals(state.materialize(), at ?? this.#clock.peek());
  }

  // ------------------------------------------------------------------ for plug-ins

  /** The tracker's clock, as it would record now: never earlier than a time it already recorded. */
  now(): number {
    return this.#clock.now();
  }

  /** Reports a failure to `onError` and as an `error` event (for plug-ins: autosave, page lifecycle). */
  reportError(error: TrackerError): void {
    if (!(error instanceof TrackerError)) throw new TypeError('reportError: expected a TrackerError');
    this.#d.report(error, true);
  }

  // ------------------------------------------------------------------ subscriptions

  /** Listens to a lifecycle event; returns the function that stops listening. */
  on<K extends TrackerEventName>(name: K, handler: (payload: TrackerEvents[K]) => void): () => void {
    return this.#d.emitter.on(name, handler);
  }

  /**
   * Called once after each change (or batch); read `getSnapshot()` then. Bound, like `getSnapshot`,
   * so both can be handed to `useSyncExternalStore` as they are.
   */
  subscribe = (listener: () => void): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('subscribe: the listener must be a function');
    return this.#d.subscribers.add(listener);
  };

  /** The same frozen object until the next change of spans or records. */
  getSnapshot = (): TrackerSnapshot => this.#d.snapshots.get(this.#active.inOrder, () => this.#samples.view());

  /** Plugs a processor in; the function returned removes it and calls its `shutdown`. */
  addProcessor(processor: SpanProcessor): () => void {
    if (processor === null || typeof processor !== 'object') throw new TypeError('addProcessor: expected an object');
    const remove = this.#d.processors.add(processor);
    let on = true;
    return () => {
      if (!on) return;
      on = false;
      remove();
      this.#d.guard('processor shutdown', () => processor.shutdown?.());
    };
  }

  /** Runs `fn`; processors and subscribers hear of its changes once, after it. */
  batch<R>(fn: () => R): R {
    if (typeof fn !== 'function') throw new TypeError('batch: expected a function');
    return this.#d.batch(fn);
  }

  /** Counts of what the tracker holds (for tests, leak checks and archiving). */
  stats(): {
    spans: number;
    active: number;
    ended: number;
    records: number;
    samples: number;
    subscribers: number;
    processors: number;
    listeners: number;
  } {
    return {
      spans: this.#index.byId.size,
      active: this.#active.size,
      ended: this.#ended,
      records: this.#index.recordCount,
      samples: this.#samples.size,
      subscribers: this.#d.subscribers.size,
      processors: this.#d.processors.size,
      listeners: this.#d.emitter.listenerCount(),
    };
  }

  // ------------------------------------------------------------------ internals

  /** Spans held that are no longer active. */
  get #ended(): number {
    return this.#index.byId.size - this.#active.size;
  }

  #insertSpan(state: SpanState): void {
    if (state.parent === null) this.#archive.addRoot(state);
    else state.parent.addChild(state);
    if (state.active) this.#active.add(state);
    this.#d.spanAdded(state);
    // The context resolves ids through the tracker: it needs the span's id, not its frozen record.
    if (state.active) this.context.enterSpan(state as unknown as ExecutionSpan);
    else state.seal(false);
  }

  #pauseTarget(target: string | undefined): SpanState | TrackerError {
    if (target !== undefined) return this.#targets.active(target, 'SPAN_NOT_FOUND');
    return this.#current()?.root ?? new TrackerError('NO_ACTIVE_SPAN', 'no current span to pause or resume', {});
  }

  /** The context's current span, when it is an active span of this tracker. */
  #current(): SpanState | undefined {
    const currentId = this.context.getCurrentSpanId();
    const current = currentId === null ? undefined : this.#index.byId.get(currentId);
    return current?.active === true ? current : undefined;
  }

  #startRest(state: SpanState, label: string, durationMs: number | undefined, index?: number): Checked<Strict, TimeSegment> {
    if (state.openOfType('rest') !== undefined) {
      return this.#d.fail(
        new TrackerError('ALREADY_RESTING', `block '${state.blockId}' is already resting`, { blockId: state.blockId }),
      ) as Checked<Strict, TimeSegment>;
    }
    const seg = openRest(this.#d, state, label, this.#clock.now(state.startTime), index, durationMs);
    this.#d.commit();
    return materializeSegment(seg, state.id);
  }

  #endRest(state: SpanState): Checked<Strict, TimeSegment> {
    const seg = state.openOfType('rest');
    if (seg === undefined) {
      return this.#d.fail(
        new TrackerError('NOT_RESTING', `block '${state.blockId}' has no rest open`, { blockId: state.blockId }),
      ) as Checked<Strict, TimeSegment>;
    }
    return this.#close(state, seg);
  }

  /** Closes an open segment now (a rest: its span's rest period ends). */
  #close(state: SpanState, seg: SegmentState): TimeSegment {
    closeSegment(this.#d, state, seg, this.#clock.now(seg.startTime));
    this.#d.commit();
    return materializeSegment(seg, state.id);
  }

  /**
   * Ends the span and its active descendants, innermost first; returns the span's frozen record.
   * Each ended span is sealed into its compact form; its frozen record is built only when the call
   * hands it out (the result, events, processors, memory listeners).
   */
  #end(state: SpanState, status: SpanStatus, reason: string | undefined, at: number): ExecutionSpan {
    const ended = activeInnermostFirst(state);
    const d = this.#d;
    const handOut = d.emitter.has('span:stopped') || d.processors.size > 0 || d.memoryListens();
    let result: ExecutionSpan | undefined;
    for (const s of ended) {
      const end = Math.max(at, s.startTime);
      stopTime(d, s, end);
      s.endTime = end;
      s.status = status;
      if (reason !== undefined) s.endReason = reason;
      const metrics = s.live.metrics;
      if (metrics.duration === undefined) {
        s.writableMetrics().duration = spanLength(s.startTime, end);
        s.touchMetrics();
      }
      s.touchSpan();
      const span = s.seal(handOut || s === state);
      if (s === state) result = span;
      this.#active.remove(s);
      d.spanEnded(s);
    }
    this.context.removeSpans(ended.map((s) => s.id));
    if (handOut) {
      const toStopped = d.emitter.has('span:stopped');
      for (const s of ended) {
        if (toStopped) d.emit('span:stopped', { span: s.materialize() });
        d.process(s, 'end');
      }
    }
    this.#clock.watch(this.#active.size > 0);
    this.#archive.trim(d, this.#ended);
    return result!;
  }

  /** Time the clock reports it did not see pass, while spans were active: an 'Interrupted' segment. */
  #gap(jump: ClockJump): void {
    const active = this.#active.inOrder;
    if (active.length === 0) return;
    const counted = this.#clockGaps;
    interrupt(this.#d, active, jump.from, jump.to, jump.cause, counted);
    if (this.#d.emitter.has('clock:gap')) this.#d.emit('clock:gap', { from: jump.from, to: jump.to, cause: jump.cause, counted });
    this.#d.commit();
  }
}

/**
 * Shows a span's descriptions in its `metrics` (as values, not records), and notes when each was
 * given (after how many records), for the span's compact form.
 */
function describeSpan(state: SpanState, descriptors: Descriptors): void {
  const metrics = state.writableMetrics() as unknown as Record<string, unknown>;
  const live = state.live;
  const count = live.records.length;
  for (const key of Object.keys(descriptors) as (keyof Descriptors)[]) {
    const value = descriptors[key];
    metrics[key] = value;
    live.descriptions = append(live.descriptions, count);
    live.descriptions.push(key, value);
  }
  state.touchMetrics();
}

/** Why a sample cannot be kept, or undefined: a key, a finite number, the unit the key already has. */
function sampleProblem(key: unknown, value: unknown, unit: unknown, knownUnit: string | undefined): string | undefined {
  if (typeof key !== 'string' || key.length === 0 || key === '__proto__') return 'the key must be a non-empty string';
  if (typeof value !== 'number' || !Number.isFinite(value)) return `needs a finite number, got ${describe(value)}`;
  if (typeof unit !== 'string') return 'the unit must be a string';
  if (knownUnit !== undefined && unit !== knownUnit)
    return `its unit is '${knownUnit}' (a key keeps the unit of its first sample), got '${unit}'`;
  return undefined;
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  try {
    return String(error);
  } catch {
    return 'an error that cannot be shown';
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function'
  );
}

/** A tracker over `memory`, or over a new memory whose listener failures the tracker reports. */
export function ownMemoryTracker<S extends boolean>(
  memory: RuntimeMemory | undefined,
  options: TrackerOptions & { strict?: S },
): ExecutionTracker<S> {
  if (memory !== undefined) return new ExecutionTracker<S>(memory, options);
  const holder: { tracker?: ExecutionTracker<S> } = {};
  const own = new RuntimeMemory({ onError: (error) => holder.tracker?.reportError(error) });
  return (holder.tracker = new ExecutionTracker<S>(own, options));
}
