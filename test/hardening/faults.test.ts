import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createManualClock,
  createTracker,
  ExecutionTracker,
  RuntimeMemory,
  TrackerError,
  type ManualClock,
  type TrackerEventName,
  type TrackerOptions,
} from 'workout-spans';
import { LIFECYCLE_EVENTS, T0 } from '../helpers';
import { createAutosave, type Autosave } from 'workout-spans/persistence';
import { checkInvariants, InvariantError } from './invariants';
import { configArb, makeWorld, opArb, perform, runOps } from './ops';
import { numRuns, seed, timeout } from './runs';

/**
 * Fault injection: a throwing event handler, subscriber, processor hook, memory listener,
 * onArchive or onError never breaks tracking, in strict mode either: the session ends exactly as it
 * would have, the other handlers still run, and the failure is reported as HANDLER_FAILED. Then the
 * semantics of re-entrant calls (a handler that calls the tracker), each written as a test name.
 */

const EVENTS: TrackerEventName[] = [...LIFECYCLE_EVENTS, 'error'];

/** A session that fires every event (one refused call fires `error`), with one archive. */
function session(t: ExecutionTracker, clock: ManualClock): void {
  const refusal = (fn: () => unknown): void => {
    try {
      fn();
    } catch (e) {
      if (!(e instanceof TrackerError) || e.code === 'HANDLER_FAILED') throw e;
    }
  };
  t.startSpan({ key: 'warmup', label: 'Warm-up', blockType: 'timer' }, null);
  clock.advance(500);
  t.endSpan('warmup');
  t.startSpan({ key: 'w', label: 'Workout', blockType: 'amrap', timer: { direction: 'down', durationMs: 600_000 } }, null);
  t.startSpan({ key: 'r', label: 'Rounds', blockType: 'rounds' });
  t.startSegment('r', 'round', 'Round 1', 0);
  t.startSpan({ key: 'e', label: 'Thrusters', blockType: 'effort' });
  t.recordMetric('e', 'exerciseId', 'thruster', '');
  clock.advance(1000);
  t.recordMetric('e', 'reps', 21, 'reps');
  t.startRest('r', { durationMs: 30_000 });
  t.recordMetric('e', 'reps', 1, 'reps'); // rejected: rest
  clock.advance(1000);
  t.endRest('r');
  t.pause();
  clock.advance(500);
  t.recordMetric('e', 'heartRate', 150, 'bpm'); // rejected: paused
  t.resume();
  refusal(() => t.recordMetric('nope', 'reps', 1, 'reps')); // refused: error
  t.batch(() => {
    t.recordMetric('e', 'heartRate', 151, 'bpm');
    t.startSegment('r', 'round', 'Round 2', 1);
  });
  clock.advance(1000);
  t.trace({ key: 'note', label: 'Note' }, () => clock.advance(10));
  t.endSpan('e');
  t.endSpan('w');
}

/** The snapshot with span ids replaced by their start order, so two runs compare equal. */
function normalized(t: ExecutionTracker): string {
  let json = JSON.stringify(t.getSnapshot());
  t.getSnapshot().spans.forEach((s, i) => {
    json = json.split(s.id).join(`S${i}`);
  });
  return json.replace(/"version":\d+,/, '');
}

interface Run {
  tracker: ExecutionTracker;
  clock: ManualClock;
  onError: TrackerError[];
  /** What a well-behaved observer, added after the faulty ones, heard. */
  heard: string[];
  archived: number;
  archiveCalls: number;
}

/** Builds a tracker, lets `arm` add faulty handlers first, then a well-behaved observer of everything. */
function run(strict: boolean, arm: (t: ExecutionTracker, r: Run) => void = () => {}, options: TrackerOptions = {}, play = session): Run {
  const clock = createManualClock(T0);
  const r: Run = { clock, onError: [], heard: [], archived: 0, archiveCalls: 0, tracker: undefined as unknown as ExecutionTracker };
  r.tracker = createTracker({
    clock,
    strict,
    maxCompletedSpans: 1,
    onError: (e) => r.onError.push(e),
    onArchive: (spans) => {
      r.archived += spans.length;
      r.archiveCalls++;
    },
    ...options,
  });
  arm(r.tracker, r);
  for (const name of EVENTS) {
    r.tracker.on(name, (p) => r.heard.push(name === 'error' ? `error ${(p as TrackerError).code}` : name));
  }
  r.tracker.subscribe(() => r.heard.push('subscriber'));
  r.tracker.addProcessor({
    onStart: () => r.heard.push('onStart'),
    onEnd: () => r.heard.push('onEnd'),
    onMetric: () => r.heard.push('onMetric'),
    onSegment: () => r.heard.push('onSegment'),
  });
  r.tracker.memory.subscribe((c) => r.heard.push(`memory ${c.kind}`));
  play(r.tracker, clock);
  checkInvariants(r.tracker, { maxCompletedSpans: options.maxCompletedSpans ?? 1 });
  return r;
}

const withoutHandlerFailures = (heard: string[]): string[] => heard.filter((h) => h !== 'error HANDLER_FAILED');
const failures = (r: Run): TrackerError[] => r.onError.filter((e) => e.code === 'HANDLER_FAILED');

describe.each([false, true])('fault isolation (strict: %s)', (strict) => {
  const reference = run(strict);

  it('the reference session fires every event and archives', () => {
    // In strict mode a refusal is thrown, not emitted: `error` is heard only for handler failures.
    for (const name of EVENTS) expect(reference.heard.some((h) => h.startsWith(name))).toBe(!(strict && name === 'error'));
    expect(reference.archived).toBeGreaterThan(0);
    expect(failures(reference)).toEqual([]);
  });

  it.each(EVENTS)('a throwing %s handler: tracking goes on, the others run, HANDLER_FAILED is reported', (name) => {
    const boom = new Error(`${name} handler`);
    const r = run(strict, (t) => {
      t.on(name, () => {
        throw boom;
      });
    });
    const times = reference.heard.filter((h) => h.startsWith(name)).length;
    expect(normalized(r.tracker)).toBe(normalized(reference.tracker));
    expect(withoutHandlerFailures(r.heard)).toEqual(reference.heard);
    expect(failures(r)).toHaveLength(times);
    expect(failures(r).every((e) => e.details.cause === boom)).toBe(true);
    // An `error` handler that throws is reported to onError only: no `error` event about an `error` event.
    expect(r.heard.filter((h) => h === 'error HANDLER_FAILED')).toHaveLength(name === 'error' ? 0 : times);
  });

  it('a throwing subscriber: tracking goes on, the next subscriber runs, HANDLER_FAILED each time', () => {
    const r = run(strict, (t) => {
      t.subscribe(() => {
        throw new Error('subscriber');
      });
    });
    expect(normalized(r.tracker)).toBe(normalized(reference.tracker));
    expect(withoutHandlerFailures(r.heard)).toEqual(reference.heard);
    expect(failures(r)).toHaveLength(reference.heard.filter((h) => h === 'subscriber').length);
  });

  it.each(['onStart', 'onEnd', 'onMetric', 'onSegment'] as const)(
    'a processor whose %s throws: the other processors still hear everything',
    (hook) => {
      const r = run(strict, (t) => {
        t.addProcessor({
          [hook]: () => {
            throw new Error(hook);
          },
        });
      });
      expect(normalized(r.tracker)).toBe(normalized(reference.tracker));
      expect(withoutHandlerFailures(r.heard)).toEqual(reference.heard);
      expect(failures(r)).toHaveLength(reference.heard.filter((h) => h === hook).length);
    },
  );

  it('a processor whose shutdown throws is removed all the same, and the failure reported', () => {
    const r = run(strict);
    const remove = r.tracker.addProcessor({
      shutdown: () => {
        throw new Error('shutdown');
      },
    });
    const before = r.tracker.stats().processors;
    expect(() => remove()).not.toThrow();
    expect(r.tracker.stats().processors).toBe(before - 1);
    expect(failures(r).map((e) => (e.details.cause as Error).message)).toEqual(['shutdown']);
  });

  it('a throwing memory listener: tracking goes on, the other listeners run, HANDLER_FAILED each time', () => {
    const r = run(strict, (t) => {
      t.memory.subscribe(() => {
        throw new Error('memory listener');
      });
    });
    expect(normalized(r.tracker)).toBe(normalized(reference.tracker));
    expect(withoutHandlerFailures(r.heard)).toEqual(reference.heard);
    expect(failures(r)).toHaveLength(reference.heard.filter((h) => h.startsWith('memory')).length);
  });

  it('a throwing onArchive: the trees are archived all the same, and the failure reported', () => {
    const r = run(strict, () => {}, {
      onArchive: () => {
        throw new Error('archive');
      },
    });
    expect(normalized(r.tracker)).toBe(normalized(reference.tracker));
    expect(reference.archiveCalls).toBeGreaterThan(0);
    expect(failures(r).map((e) => (e.details.cause as Error).message)).toEqual(Array(reference.archiveCalls).fill('archive'));
    expect(r.tracker.stats().spans).toBe(reference.tracker.stats().spans);
  });

  it('onError that throws (with every handler throwing too): tracking goes on and `error` events still fire', () => {
    const errorEvents: string[] = [];
    const r = run(
      strict,
      (t) => {
        for (const name of EVENTS) {
          t.on(name, (p) => {
            if (name === 'error') errorEvents.push((p as TrackerError).code);
            throw new Error(`${name} handler`);
          });
        }
        t.subscribe(() => {
          throw new Error('subscriber');
        });
      },
      {
        onError: () => {
          throw new Error('onError');
        },
      },
    );
    expect(normalized(r.tracker)).toBe(normalized(reference.tracker));
    expect(withoutHandlerFailures(r.heard)).toEqual(reference.heard);
    expect(errorEvents.filter((c) => c === 'HANDLER_FAILED').length).toBeGreaterThan(10);
  });

  it('a storage that always throws (autosave): tracking goes on, every failed write is STORAGE_FAILED', async () => {
    let save: Autosave | undefined;
    const storage = {
      getItem: (): string | null => null,
      setItem: (): void => {
        throw new Error('quota exceeded');
      },
      removeItem: (): void => {},
    };
    const keepAll = { maxCompletedSpans: Infinity }; // so that there is something left to save
    const r = run(
      strict,
      (t) => {
        save = createAutosave(t, { storage, key: 'session', throttleMs: 0 });
      },
      keepAll,
    );
    await expect(save!.flush()).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    save!.stop();
    expect(normalized(r.tracker)).toBe(normalized(run(strict, () => {}, keepAll).tracker));
    expect(r.onError.filter((e) => e.code === 'STORAGE_FAILED').length).toBeGreaterThan(0);
    expect(r.onError.every((e) => e.code === 'STORAGE_FAILED' || e.code === 'NO_ACTIVE_SPAN')).toBe(true);
  });

  it.each(['event', 'subscriber', 'processor', 'memory'] as const)(
    'a %s that throws at any single point of the session changes nothing else',
    (kind) => {
      // Count the notifications of this kind, then throw at each one in turn.
      let total = 0;
      run(strict, (t) => arm(t, kind, () => void total++));
      expect(total).toBeGreaterThan(5);
      for (let k = 0; k < total; k++) {
        let n = 0;
        const r = run(strict, (t) =>
          arm(t, kind, () => {
            if (n++ === k) throw new Error(`fault at ${k}`);
          }),
        );
        expect(normalized(r.tracker), `fault at ${kind} #${k}`).toBe(normalized(reference.tracker));
        expect(withoutHandlerFailures(r.heard), `fault at ${kind} #${k}`).toEqual(reference.heard);
        expect(failures(r).map((e) => (e.details.cause as Error).message)).toEqual([`fault at ${k}`]);
      }
    },
  );
});

/** Adds one handler of that kind to every notification it can hear. */
function arm(t: ExecutionTracker, kind: 'event' | 'subscriber' | 'processor' | 'memory', fn: () => void): void {
  if (kind === 'event') for (const name of EVENTS) t.on(name, fn);
  if (kind === 'subscriber') t.subscribe(fn);
  if (kind === 'processor') t.addProcessor({ onStart: fn, onEnd: fn, onMetric: fn, onSegment: fn });
  if (kind === 'memory') t.memory.subscribe(fn);
}

describe('fault isolation with a shared memory', () => {
  it("a throwing listener of a caller's memory is reported to that memory's onError; tracking goes on", () => {
    const reported: TrackerError[] = [];
    const memory = new RuntimeMemory({ onError: (e) => reported.push(e) });
    memory.subscribe(() => {
      throw new Error('listener');
    });
    const tracker = new ExecutionTracker(memory, { clock: createManualClock(T0), strict: true });
    tracker.startSpan({ key: 'a', label: 'A' });
    tracker.recordMetric('a', 'reps', 1, 'reps');
    expect(tracker.getActiveSpan('a')!.metrics.reps!.value).toBe(1);
    expect(reported.length).toBeGreaterThan(0);
    expect(reported.every((e) => e.code === 'HANDLER_FAILED')).toBe(true);
  });
});

describe('every notification sees a finished change', () => {
  it(
    `invariants hold inside every handler, subscriber, processor hook and memory listener (${Math.round(numRuns() / 3)} runs)`,
    () => {
      fc.assert(
        fc.property(configArb, fc.array(opArb(2), { minLength: 1, maxLength: 40, size: 'max' }), (config, ops) => {
          const inside = { calls: 0 };
          const w = makeWorld(config);
          const look = (): void => {
            inside.calls++;
            checkInvariants(w.tracker, {
              policy: config.policy,
              ...(config.maxCompletedSpans !== undefined ? { maxCompletedSpans: config.maxCompletedSpans } : {}),
            });
          };
          for (const name of EVENTS) w.tracker.on(name, look);
          w.tracker.subscribe(look);
          w.tracker.addProcessor({ onStart: look, onEnd: look, onMetric: look, onSegment: look });
          w.tracker.memory.subscribe(look);
          // An InvariantError thrown inside a handler is caught as HANDLER_FAILED: surface it.
          w.tracker.on('error', (e) => {
            if (e.code === 'HANDLER_FAILED') throw e.details.cause;
          });
          runOps(w, ops);
          const broken = w.errors.find((e) => e.code === 'HANDLER_FAILED');
          if (broken !== undefined) throw broken.details.cause;
        }),
        { numRuns: Math.max(30, Math.round(numRuns() / 3)), ...seed() },
      );
    },
    timeout(),
  );
});

// ------------------------------------------------------------------ re-entrancy

/** A tracker and a log of every notification, in delivery order. */
function logged(strict = true, options: TrackerOptions = {}) {
  const clock = createManualClock(T0);
  const errors: TrackerError[] = [];
  const tracker = createTracker({ clock, strict, onError: (e) => errors.push(e), ...options });
  const log: string[] = [];
  for (const name of EVENTS) {
    tracker.on(name, (p) => {
      const q = p as { span?: { label: string }; segment?: { label: string }; code?: string; reason?: string };
      log.push([name, q.span?.label ?? q.code ?? q.reason, q.segment?.label].filter((x) => x !== undefined).join(' '));
    });
  }
  return { tracker, clock, log, errors };
}

describe('re-entrant calls from handlers', () => {
  it('a handler that records a metric on span:started: the metric lands on the new span, and its notifications follow every notification of startSpan', () => {
    const { tracker, log } = logged();
    const subscriberSaw: number[] = [];
    tracker.subscribe(() => subscriberSaw.push(tracker.getSnapshot().metrics.length));
    tracker.on('span:started', ({ span }) => {
      if (span.label === 'A') tracker.recordMetric('a', 'reps', 5, 'reps');
    });
    const returned = tracker.startSpan({ key: 'a', label: 'A' })!;
    expect(log).toEqual(['span:started A', 'metric:recorded A']);
    // startSpan's subscribers ran before the metric's: each round reads the state as it is then.
    expect(subscriberSaw).toEqual([1, 1]);
    // The value a call returns is the state when it returns: handlers' changes included.
    expect(returned.metrics.reps!.value).toBe(5);
    checkInvariants(tracker);
  });

  it('payloads describe the state at the change, reads inside a handler the state now', () => {
    const { tracker } = logged();
    const seen: string[] = [];
    tracker.on('span:started', ({ span }) => {
      seen.push(`payload ${span.status}`);
      tracker.endSpan('a');
      seen.push(`read ${tracker.getSpan(span.id)!.status}`);
    });
    tracker.on('span:stopped', ({ span }) => seen.push(`stopped payload ${span.status}`));
    tracker.startSpan({ key: 'a', label: 'A' });
    expect(seen).toEqual(['payload active', 'read completed', 'stopped payload completed']);
  });

  it('a handler that ends the span being started: span:started, then span:stopped; the span lasts zero ms; subscribers hear each change', () => {
    const { tracker, log } = logged();
    let rounds = 0;
    tracker.subscribe(() => rounds++);
    tracker.on('span:started', () => tracker.endSpan('a'));
    const span = tracker.startSpan({ key: 'a', label: 'A' })!;
    expect(log).toEqual(['span:started A', 'span:stopped A']);
    expect(span.status).toBe('completed');
    expect(span.endTime).toBe(span.startTime);
    expect(span.metrics.duration!.value).toBe(0);
    expect(rounds).toBe(2);
    expect(tracker.context.getActiveSpans()).toEqual([]);
    checkInvariants(tracker);
  });

  it('a handler that ends the parent while a child starts: the child ends with it, innermost first', () => {
    const { tracker, log } = logged();
    tracker.startSpan({ key: 'p', label: 'P' });
    tracker.on('span:started', ({ span }) => {
      if (span.label === 'C') tracker.endSpan('p', 'skipped');
    });
    tracker.startSpan({ key: 'c', label: 'C' });
    expect(log.slice(1)).toEqual(['span:started C', 'span:stopped C', 'span:stopped P']);
    expect(tracker.getSpans().map((s) => s.status)).toEqual(['skipped', 'skipped']);
    checkInvariants(tracker);
  });

  it('a handler that pauses on span:started: the whole tree is paused; span:paused follows span:started', () => {
    const { tracker, log } = logged();
    tracker.startSpan({ key: 'root', label: 'Root' });
    tracker.on('span:started', ({ span }) => {
      if (span.label === 'Child') tracker.pause();
    });
    const child = tracker.startSpan({ key: 'child', label: 'Child' })!;
    expect(log).toEqual([
      'span:started Root',
      'span:started Child',
      'segment:started Root Paused',
      'span:paused Root',
      'segment:started Child Paused',
      'span:paused Child',
    ]);
    expect(child.paused).toBe(true);
    expect(tracker.getSpans().every((s) => s.paused)).toBe(true);
    checkInvariants(tracker);
  });

  it('a handler that pauses on metric:recorded: the record keeps its running interval; later metrics are rejected while paused', () => {
    const { tracker, log } = logged(true, { policy: { paused: 'reject' } });
    tracker.startSpan({ key: 'a', label: 'A' });
    let once = true;
    tracker.on('metric:recorded', () => {
      if (once) {
        once = false;
        tracker.pause();
      }
    });
    const record = tracker.recordMetric('a', 'reps', 1, 'reps')!;
    expect(record.timeSpanId).not.toBeNull();
    expect(tracker.recordMetric('a', 'reps', 2, 'reps')).toBeUndefined();
    expect(log.slice(1)).toEqual(['metric:recorded A', 'segment:started A Paused', 'span:paused A', 'metric:rejected paused']);
    checkInvariants(tracker);
  });

  it('re-entrant calls are delivered breadth-first: a call made by a handler is heard after everything already waiting', () => {
    const { tracker, log } = logged();
    tracker.startSpan({ key: 'a', label: 'A' });
    tracker.startSpan({ key: 'b', label: 'B' }, null);
    let depth = 0;
    tracker.on('metric:recorded', ({ record }) => {
      log.push(`handler for ${record.value as number}`);
      if (depth++ < 2) tracker.recordMetric('b', 'reps', (record.value as number) + 10, 'reps');
    });
    tracker.batch(() => {
      tracker.recordMetric('a', 'reps', 1, 'reps');
    });
    expect(log.slice(2)).toEqual([
      'metric:recorded A',
      'handler for 1',
      'metric:recorded B',
      'handler for 11',
      'metric:recorded B',
      'handler for 21',
    ]);
  });

  it('a handler that calls the tracker and then throws: its call stands, the throw is HANDLER_FAILED', () => {
    const { tracker, errors } = logged();
    tracker.on('span:started', ({ span }) => {
      if (span.label !== 'A') return;
      tracker.recordMetric('a', 'reps', 3, 'reps');
      throw new Error('after the call');
    });
    tracker.startSpan({ key: 'a', label: 'A' });
    expect(tracker.getActiveSpan('a')!.metrics.reps!.value).toBe(3);
    expect(errors.map((e) => [e.code, (e.details.cause as Error).message])).toEqual([['HANDLER_FAILED', 'after the call']]);
  });

  it('a re-entrant call that is refused in strict mode throws into the handler: caught, it is the handler’s; uncaught, HANDLER_FAILED with the TrackerError as cause', () => {
    const { tracker, errors } = logged(true);
    const caught: string[] = [];
    tracker.on('span:started', () => {
      try {
        tracker.recordMetric('nope', 'reps', 1, 'reps');
      } catch (e) {
        caught.push((e as TrackerError).code);
      }
      tracker.endRest('a'); // NOT_RESTING, uncaught
    });
    tracker.startSpan({ key: 'a', label: 'A' });
    expect(caught).toEqual(['NO_ACTIVE_SPAN']);
    expect(errors.map((e) => e.code)).toEqual(['HANDLER_FAILED']);
    expect((errors[0]!.details.cause as TrackerError).code).toBe('NOT_RESTING');
    expect(tracker.getActiveSpan('a')!.status).toBe('active');
  });

  it('a re-entrant call that is refused in lenient mode is reported like any refusal, after what is already waiting', () => {
    const { tracker, errors, log } = logged(false);
    tracker.on('span:started', () => tracker.endRest('a'));
    tracker.startSpan({ key: 'a', label: 'A' });
    expect(errors.map((e) => e.code)).toEqual(['NOT_RESTING']);
    expect(log).toEqual(['span:started A', 'error NOT_RESTING']);
  });

  it('re-entrant calls from handlers inside a batch: subscribers still hear once, after the batch', () => {
    const { tracker } = logged();
    let rounds = 0;
    tracker.subscribe(() => rounds++);
    tracker.on('span:started', ({ span }) => tracker.recordMetric(span.blockId, 'reps', 1, 'reps'));
    tracker.batch(() => {
      tracker.startSpan({ key: 'a', label: 'A' });
      tracker.startSpan({ key: 'b', label: 'B' });
      expect(rounds).toBe(0);
    });
    expect(rounds).toBe(1);
    expect(tracker.getSnapshot().metrics).toHaveLength(2);
  });

  it('a subscriber that calls the tracker is called again for that change, after the current round of subscribers', () => {
    const { tracker } = logged();
    const order: string[] = [];
    tracker.subscribe(() => {
      const n = tracker.getSnapshot().metrics.length;
      order.push(`first sees ${n}`);
      if (tracker.getActiveSpan('a') !== undefined && n === 0) tracker.recordMetric('a', 'reps', 1, 'reps');
    });
    tracker.subscribe(() => order.push(`second sees ${tracker.getSnapshot().metrics.length}`));
    tracker.startSpan({ key: 'a', label: 'A' });
    expect(order).toEqual(['first sees 0', 'second sees 1', 'first sees 1', 'second sees 1']);
  });

  it('a processor that calls the tracker from onStart: the call is made; the other processors still hear the start first', () => {
    const { tracker } = logged();
    const heard: string[] = [];
    tracker.addProcessor({ onStart: (span) => span.label === 'A' && tracker.startSegment('a', 'round', 'Round 1') });
    tracker.addProcessor({ onStart: (span) => heard.push(`start ${span.label}`), onSegment: (seg) => heard.push(`segment ${seg.label}`) });
    tracker.startSpan({ key: 'a', label: 'A' });
    expect(heard).toEqual(['start A', 'segment Round 1']);
  });

  it('a memory listener runs after the change: on the span’s allocate, the span is already current and complete', () => {
    const { tracker, log } = logged();
    const seen: string[] = [];
    tracker.memory.subscribe((c) => {
      if (c.kind !== 'allocate' || c.type !== 'execution-span') return;
      seen.push(`current ${tracker.context.getCurrentSpan()?.label}`);
      checkInvariants(tracker);
      if (tracker.getSnapshot().metrics.length === 0) tracker.recordMetric('a', 'reps', 1, 'reps');
    });
    tracker.startSpan({ key: 'a', label: 'A' });
    expect(seen).toEqual(['current A']);
    // The listener's call is heard after startSpan's own notifications.
    expect(log).toEqual(['span:started A', 'metric:recorded A']);
  });

  it(
    'chaos: random sessions with handlers that call the tracker at random, or throw, keep every invariant',
    () => {
      const reentrant = fc.array(
        fc.record({ on: fc.constantFrom(...EVENTS, 'subscriber' as const, 'memory' as const), op: opArb(0), throws: fc.boolean() }),
        { maxLength: 6 },
      );
      fc.assert(
        fc.property(configArb, reentrant, fc.array(opArb(1), { minLength: 1, maxLength: 30, size: 'max' }), (config, handlers, ops) => {
          const clock = createManualClock(T0);
          const broken: unknown[] = [];
          const options: TrackerOptions = {
            clock,
            strict: config.strict,
            policy: config.policy,
            // An invariant broken inside a handler is caught as HANDLER_FAILED: collect it.
            onError: (e) => e.details.cause instanceof InvariantError && broken.push(e.details.cause),
          };
          if (config.maxCompletedSpans !== undefined) options.maxCompletedSpans = config.maxCompletedSpans;
          const tracker = createTracker(options);
          const started: string[] = [];
          let budget = 40; // handlers call the tracker at most this often per run: no endless loops
          const invariants = {
            policy: config.policy,
            ...(config.maxCompletedSpans !== undefined ? { maxCompletedSpans: config.maxCompletedSpans } : {}),
          };
          for (const h of handlers) {
            const fn = (): void => {
              checkInvariants(tracker, invariants);
              if (budget-- > 0 && h.op.op !== 'clock') perform(tracker, clock, h.op, started);
              if (h.throws) throw new Error('handler fault');
            };
            if (h.on === 'subscriber') tracker.subscribe(fn);
            else if (h.on === 'memory') tracker.memory.subscribe(fn);
            else tracker.on(h.on, fn);
          }
          for (const op of ops) {
            perform(tracker, clock, op, started);
            checkInvariants(tracker, invariants);
            if (broken.length > 0) throw broken[0];
          }
        }),
        { numRuns: Math.max(30, Math.round(numRuns() / 3)), ...seed() },
      );
    },
    timeout(),
  );
});
