import { handlerFailed, type TrackerError } from '../errors/tracker-error';
import type { RejectionReason, TrackerEventName, TrackerEvents } from '../events/event-map';
import { IsolatedEmitter } from '../events/isolated-emitter';
import { Registrations } from '../events/registrations';
import { memoryDoor, type MemoryInternals, type RuntimeMemory } from '../memory/runtime-memory';
import { readBlockKey } from '../model/block-key';
import { describe } from '../model/metric-keys';
import type { MetricRecord, TimeSegment } from '../model/types';
import type { SpanProcessor } from './options';
import { Outbox } from './outbox';
import { SnapshotCache } from './snapshot-cache';
import { materializeSegment, type SegmentState, type SpanState } from './span-state';
import type { TrackerIndex } from './tracker-index';

/**
 * The tracker's fan-out: every change reaches, in this order, the indexes, the snapshot cache, the
 * memory's listeners, the event handlers, the processors and the subscribers. A change is noted while
 * a call works (`touch`, `emit`, `process`); everything is delivered at `commit`, after the call has
 * finished changing state, never halfway. Inside `batch`, processors and subscribers hear of the
 * changes once, after it.
 *
 * It is also where failures go: a refused call (`fail`), a rejected metric (`reject`), a handler that
 * threw (`guard`). When nobody listens to a failure (no `onError`, no handler), it is logged once
 * per code with `console.warn`, unless the tracker is strict (then refusals throw).
 */
export class Dispatch {
  readonly outbox = new Outbox();
  readonly emitter: IsolatedEmitter;
  readonly subscribers = new Registrations<() => void>();
  readonly processors = new Registrations<SpanProcessor>();
  readonly snapshots = new SnapshotCache();
  /** Bumped by every change of segments: record bindings cache the open segment ids per epoch. */
  segmentEpoch = 0;

  readonly #index: TrackerIndex;
  readonly #mem: MemoryInternals;
  readonly #strict: boolean;
  readonly #onError: ((error: TrackerError) => void) | undefined;
  /** Spans changed by the current call (each once, `state.touched`), the first `#touchedCount` slots. */
  readonly #touched: (SpanState | undefined)[] = [];
  #touchedCount = 0;
  #batchDepth = 0;
  #changedInBatch = false;
  readonly #deferredProcessorCalls: (() => void)[] = [];
  /** Codes already logged with console.warn (once per code per tracker). */
  readonly #warned = new Set<string>();

  constructor(index: TrackerIndex, memory: RuntimeMemory, strict: boolean, onError: ((error: TrackerError) => void) | undefined) {
    this.#index = index;
    // Memory listeners hear of the tracker's changes through the outbox, after the call (never halfway).
    this.#mem = memoryDoor(memory).withDelivery((task) => this.outbox.push(task));
    this.#mem.attach(index);
    this.#strict = strict;
    this.#onError = onError;
    this.emitter = new IsolatedEmitter((error, fromErrorHandler) => this.report(error, !fromErrorHandler));
  }

  /** The memory's current span follows the context's. */
  setCurrentSpanId(spanId: string | null): void {
    this.#mem.setCurrentSpanId(spanId);
  }

  /** Whether the memory has listeners (they hear of every span's new value). */
  memoryListens(): boolean {
    return this.#mem.hasListeners();
  }

  /** The memory no longer shows this tracker (a restore that failed halfway). */
  detach(): void {
    this.#mem.detach(this.#index);
  }

  // ------------------------------------------------------------------ what changed

  spanAdded(state: SpanState): void {
    this.#index.addSpan(state);
    this.#mem.spanAdded(this.#index, state);
    this.snapshots.spanAdded(state);
    this.touch(state);
  }

  /**
   * `idFollowsSpan`: the record's id is known to be `<spanId>.m<n>` (made by bindRecord);
   * `segments`, `interval`: how the span's tape keeps it once the span ends (see `bindRecord`).
   */
  recordAdded(state: SpanState, record: MetricRecord, seq: number, idFollowsSpan: boolean, segments?: unknown, interval?: number): void {
    const place = state.recordCount;
    state.addRecord(record, seq, segments, interval);
    this.#index.addRecord(record, idFollowsSpan);
    this.#mem.recordAdded(this.#index, record);
    this.snapshots.recordAdded(state, place);
    this.touch(state);
  }

  spanEnded(state: SpanState): void {
    this.snapshots.spanEnded(state);
    this.touch(state);
  }

  /** The span and its records were archived: dropped from the indexes, snapshots and memory. */
  spanReleased(state: SpanState): void {
    this.#index.removeSpan(state);
    this.snapshots.spanRemoved(state);
    this.#mem.spanReleased(this.#index, state);
  }

  /** Notes that the current call changed the span (told to the snapshot cache and memory at `commit`). */
  touch(state: SpanState): void {
    if (state.touched) return;
    state.touched = true;
    this.#touched[this.#touchedCount++] = state;
  }

  /** A segment opened or closed on `state`: its events and processor calls. */
  segmentChanged(state: SpanState, seg: SegmentState, opened: boolean): void {
    this.segmentEpoch++;
    this.touch(state);
    const name = opened ? 'segment:started' : 'segment:ended';
    const restName = seg.type !== 'rest' ? undefined : opened ? 'rest:started' : 'rest:stopped';
    const toSegment = this.emitter.has(name);
    const toRest = restName !== undefined && this.emitter.has(restName);
    const toProcessors = this.processors.size > 0;
    // In a block of their own: what a closure keeps is allocated only when the block runs.
    if (toSegment || toRest || toProcessors) {
      const segment: TimeSegment = materializeSegment(seg, state.id);
      const span = state.materialize();
      if (toSegment) this.emit(name, { span, segment });
      if (toRest) this.emit(restName, { span, segment });
      if (toProcessors) this.toProcessors((p) => p.onSegment?.(segment, span));
    }
  }

  // ------------------------------------------------------------------ notifications

  /**
   * Queues an event for after the change. Ask `emitter.has(name)` first, and build the payload only
   * when somebody listens: a call nobody listens to allocates nothing for its events.
   */
  emit<K extends TrackerEventName>(name: K, payload: TrackerEvents[K]): void {
    this.outbox.push(() => this.emitter.emit(name, payload));
  }

  /** A span started or ended: its processor calls. */
  process(state: SpanState, what: 'start' | 'end'): void {
    if (this.processors.size > 0) {
      const span = state.materialize();
      this.toProcessors(what === 'start' ? (p) => p.onStart?.(span) : (p) => p.onEnd?.(span));
    }
  }

  /** Queues a processor call (what it hands over is read by the caller now), made after the change (or batch). */
  toProcessors(call: (p: SpanProcessor) => void): void {
    // One removed by an earlier processor of this same delivery has had its shutdown: it is skipped.
    const deliver = (): void => this.processors.forEach((p) => this.guard('processor', () => call(p)));
    if (this.#batchDepth > 0) this.#deferredProcessorCalls.push(deliver);
    else this.outbox.push(deliver);
  }

  /** Ends a call that changed state: snapshot cache and memory, then events, processors, subscribers. */
  commit(): void {
    const touched = this.#touched;
    for (let i = 0; i < this.#touchedCount; i++) {
      const state = touched[i]!;
      touched[i] = undefined;
      state.touched = false;
      if (!state.released) {
        this.snapshots.spanChanged(state);
        this.#mem.spanChanged(this.#index, state, !state.active);
      }
      // Its record is delivered: an ended span is read from its compact state from now on.
      if (state.sealed) state.delivered();
    }
    this.#touchedCount = 0;
    if (this.#batchDepth > 0) this.#changedInBatch = true;
    else if (this.subscribers.size > 0) this.outbox.push(this.#notifyTask);
    this.outbox.drain();
  }

  /** Runs `fn`; processors and subscribers hear of its changes once, after it. */
  batch<R>(fn: () => R): R {
    this.#batchDepth++;
    try {
      return fn();
    } finally {
      this.#batchDepth--;
      if (this.#batchDepth === 0) this.#flushBatch();
    }
  }

  #flushBatch(): void {
    const calls = this.#deferredProcessorCalls.splice(0);
    for (const call of calls) this.outbox.push(call);
    if (this.#changedInBatch) {
      this.#changedInBatch = false;
      this.outbox.push(this.#notifyTask);
    }
    this.outbox.drain();
  }

  /** One round of subscribers; one unsubscribed by an earlier one of the same round is not called. */
  readonly #notifyTask = (): void => this.subscribers.forEach(this.#notifyOne);
  readonly #notifyOne = (listener: () => void): void => this.guard('subscriber', listener);

  // ------------------------------------------------------------------ failures

  /** Runs a handler, subscriber or processor: what it throws is reported, never passed on. */
  guard(where: string, fn: () => void): void {
    try {
      fn();
    } catch (cause) {
      this.report(handlerFailed(where, cause), true);
    }
  }

  /** Tells `onError`, and (`emit`) the `error` handlers; logs it once when nobody listens. */
  report(error: TrackerError, emit: boolean): void {
    if (this.#onError !== undefined) {
      try {
        this.#onError(error);
      } catch {
        // onError is the last resort: if it throws too, there is nobody left to tell.
      }
    }
    if (!emit) return;
    if (this.#onError === undefined && !this.emitter.has('error')) this.#warnOnce(error.code, error.message);
    this.outbox.push(() => this.emitter.emit('error', error));
    this.outbox.drain();
  }

  /** A refused call: throws in strict mode, else reports and returns undefined. Changes nothing. */
  fail(error: TrackerError): undefined {
    if (this.#strict) throw error;
    this.report(error, true);
    return undefined;
  }

  /** A metric not kept: `metric:rejected`, and for an invalid one (or no span) a refused call too. */
  reject(blockId: unknown, key: unknown, value: unknown, reason: RejectionReason, error?: TrackerError): undefined {
    // Names given by the caller are shown as text that never throws (a key may be any value).
    const shownBlock = typeof blockId === 'string' ? blockId : (readBlockKey(blockId) ?? describe(blockId));
    const shownKey = typeof key === 'string' ? key : describe(key);
    const payload =
      error === undefined
        ? { blockId: shownBlock, key: shownKey, value, reason }
        : { blockId: shownBlock, key: shownKey, value, reason, error };
    if (this.emitter.has('metric:rejected')) this.emit('metric:rejected', payload);
    else if (error === undefined) {
      this.#warnOnce(
        `rejected:${reason}`,
        `a '${payload.key}' metric was not kept: its span is ${reason === 'rest' ? 'resting' : 'paused'}`,
      );
    }
    this.outbox.drain();
    return error === undefined ? undefined : this.fail(error);
  }

  #warnOnce(code: string, message: string): void {
    if (this.#strict || this.#warned.has(code)) return;
    this.#warned.add(code);
    const listen = code.startsWith('rejected:') ? "tracker.on('metric:rejected', …)" : "tracker.on('error', …) or the onError option";
    console.warn(`workout-spans: ${message}. Nobody listens: add ${listen} to see each one (this is logged once per kind).`);
  }
}
