import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSystemClock, createTracker, systemClock, type ClockJump, type SystemClockOptions } from 'workout-spans';
import { NOT_A_TIME } from '../helpers';

/**
 * The system clock on scripted sources: a wall clock (epoch ms, may be stepped by NTP or the user)
 * and a monotonic clock (never stepped, but stopped while the machine sleeps on Linux and in Chrome
 * on macOS). Each case sets both by hand, reads the clock and checks what it returned and reported.
 */

const T0 = 1_700_000_000_000;
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

interface Sources {
  wall: number;
  mono: number;
}

/** A clock on sources the test moves by hand, and the jumps it reported. */
function scripted(options: { threshold?: number; noMonotonic?: boolean } = {}) {
  const src: Sources = { wall: T0, mono: 5_000 };
  const clockOptions: SystemClockOptions = {
    wallNow: () => src.wall,
    monotonicNow: options.noMonotonic === true ? null : () => src.mono,
  };
  if (options.threshold !== undefined) clockOptions.jumpThresholdMs = options.threshold;
  const clock = createSystemClock(clockOptions);
  const jumps: ClockJump[] = [];
  clock.onJump((jump) => jumps.push(jump));
  return {
    src,
    clock,
    jumps,
    /** Time passes with the machine awake: both clocks move together. */
    tick(ms: number): void {
      src.wall += ms;
      src.mono += ms;
    },
    /** The machine sleeps: wall time moves, the monotonic clock stands still. */
    sleep(ms: number): void {
      src.wall += ms;
    },
    /** The wall clock alone is set forward or back. */
    step(ms: number): void {
      src.wall += ms;
    },
  };
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('createSystemClock: readings', () => {
  it('reads wall time, in whole milliseconds', () => {
    const s = scripted();
    s.src.wall = T0 + 0.75;
    expect(s.clock.now()).toBe(T0);
    s.src.wall += 1.5;
    s.src.mono += 1.5;
    expect(s.clock.now()).toBe(T0 + 2);
    s.tick(1234.4);
    expect(s.clock.now()).toBe(T0 + 1236);
    expect(s.jumps).toEqual([]);
  });

  it('a clock made later starts at wall time then (a page reloaded after a sleep starts on time)', () => {
    const s = scripted();
    s.sleep(8 * HOUR);
    const reloaded = createSystemClock({ wallNow: () => s.src.wall, monotonicNow: () => 0 });
    expect(reloaded.now()).toBe(T0 + 8 * HOUR);
  });

  it('systemClock is such a clock: epoch milliseconds, whole, with onJump', () => {
    const t = systemClock.now();
    expect(Number.isInteger(t)).toBe(true);
    expect(Math.abs(t - Date.now())).toBeLessThan(60_000);
    const off = systemClock.onJump(() => undefined);
    expect(typeof off).toBe('function');
    off();
  });

  it('by default reads Date.now and performance.now at each reading', () => {
    const now = vi.spyOn(Date, 'now').mockReturnValue(T0);
    const mono = vi.spyOn(performance, 'now').mockReturnValue(100);
    const clock = createSystemClock();
    const jumps: ClockJump[] = [];
    clock.onJump((j) => jumps.push(j));
    expect(clock.now()).toBe(T0);
    now.mockReturnValue(T0 + 8 * HOUR);
    mono.mockReturnValue(150);
    expect(clock.now()).toBe(T0 + 8 * HOUR);
    expect(jumps).toEqual([{ from: T0 + 50, to: T0 + 8 * HOUR, cause: 'suspend' }]);
  });
});

describe('createSystemClock: a machine that sleeps', () => {
  it('after an 8 h suspend it reads wall time again and reports the 8 h as a suspend', () => {
    const s = scripted();
    expect(s.clock.now()).toBe(T0);
    s.tick(10 * MINUTE);
    expect(s.clock.now()).toBe(T0 + 10 * MINUTE);
    s.sleep(8 * HOUR);
    expect(s.clock.now()).toBe(T0 + 10 * MINUTE + 8 * HOUR);
    expect(s.jumps).toEqual([{ from: T0 + 10 * MINUTE, to: T0 + 10 * MINUTE + 8 * HOUR, cause: 'suspend' }]);
    // And it stays on wall time for the rest of the page's life (it used to stay 8 h behind).
    s.tick(MINUTE);
    expect(s.clock.now()).toBe(T0 + 11 * MINUTE + 8 * HOUR);
    expect(s.jumps).toHaveLength(1);
  });

  it('a sleep between two readings is reported as the time that passed unseen, ending at the reading', () => {
    const s = scripted();
    s.clock.now();
    s.tick(10 * MINUTE); // awake, nobody reads
    s.sleep(8 * HOUR);
    s.tick(3 * SECOND); // awake again, not read yet
    expect(s.clock.now()).toBe(T0 + 8 * HOUR + 10 * MINUTE + 3 * SECOND);
    const [jump] = s.jumps;
    expect(jump!.to - jump!.from).toBe(8 * HOUR);
    expect(jump).toEqual({ from: T0 + 10 * MINUTE + 3 * SECOND, to: T0 + 8 * HOUR + 10 * MINUTE + 3 * SECOND, cause: 'suspend' });
  });

  it('a sleep shorter than the threshold is followed silently', () => {
    const s = scripted();
    s.clock.now();
    s.sleep(1_900);
    expect(s.clock.now()).toBe(T0 + 1_900);
    expect(s.jumps).toEqual([]);
  });

  it('where the monotonic clock keeps counting through sleep, the clock is right and reports nothing', () => {
    const s = scripted();
    s.clock.now();
    s.tick(8 * HOUR);
    expect(s.clock.now()).toBe(T0 + 8 * HOUR);
    expect(s.jumps).toEqual([]);
  });
});

describe('createSystemClock: a wall clock that is stepped', () => {
  it('stepped 5 min forward: follows it, and reports it as a suspend (a page cannot tell the two apart)', () => {
    const s = scripted();
    s.clock.now();
    s.tick(MINUTE);
    s.clock.now();
    s.step(5 * MINUTE);
    expect(s.clock.now()).toBe(T0 + 6 * MINUTE);
    expect(s.jumps).toEqual([{ from: T0 + MINUTE, to: T0 + 6 * MINUTE, cause: 'suspend' }]);
  });

  it('stepped 5 min back: never reads earlier, keeps counting from where it was, reports a clock-step', () => {
    const s = scripted();
    s.clock.now();
    s.tick(MINUTE);
    expect(s.clock.now()).toBe(T0 + MINUTE);
    s.step(-5 * MINUTE);
    expect(s.clock.now()).toBe(T0 + MINUTE);
    expect(s.jumps).toEqual([{ from: T0 + MINUTE, to: T0 + MINUTE - 5 * MINUTE, cause: 'clock-step' }]);
    // Durations after the step are real durations: 30 s later reads 30 s later (not frozen 5 min).
    s.tick(30 * SECOND);
    expect(s.clock.now()).toBe(T0 + MINUTE + 30 * SECOND);
    s.tick(10 * MINUTE);
    expect(s.clock.now()).toBe(T0 + 11 * MINUTE + 30 * SECOND);
    expect(s.jumps).toHaveLength(1);
  });

  it('stepped back then forward again by the same amount: no gap is reported, and it is back on wall time', () => {
    const s = scripted();
    s.clock.now();
    s.tick(MINUTE);
    s.clock.now();
    s.step(-5 * MINUTE);
    s.clock.now();
    s.tick(2 * MINUTE);
    s.step(5 * MINUTE);
    expect(s.clock.now()).toBe(T0 + 3 * MINUTE);
    expect(s.src.wall).toBe(T0 + 3 * MINUTE);
    expect(s.jumps.map((j) => j.cause)).toEqual(['clock-step']);
    s.tick(SECOND);
    expect(s.clock.now()).toBe(s.src.wall);
  });

  it('a sleep after a step back gives back the time it ran ahead first, then reads wall time', () => {
    const s = scripted();
    s.clock.now();
    s.step(-5 * MINUTE);
    s.clock.now(); // T0, 5 min ahead of the wall clock
    s.tick(MINUTE);
    s.sleep(8 * HOUR);
    expect(s.clock.now()).toBe(s.src.wall);
    expect(s.jumps[1]).toEqual({ from: T0 + MINUTE, to: T0 + MINUTE + 8 * HOUR - 5 * MINUTE, cause: 'suspend' });
  });

  it('a sleep shorter than the time it ran ahead is absorbed: nothing reported, never back', () => {
    const s = scripted();
    s.clock.now();
    s.step(-10 * MINUTE);
    s.clock.now();
    s.sleep(4 * MINUTE);
    expect(s.clock.now()).toBe(T0);
    s.tick(SECOND);
    expect(s.clock.now()).toBe(T0 + SECOND);
    expect(s.jumps.map((j) => j.cause)).toEqual(['clock-step']);
  });

  it('steps back under the threshold are held a moment, not reported', () => {
    const s = scripted();
    s.clock.now();
    s.tick(SECOND);
    expect(s.clock.now()).toBe(T0 + SECOND);
    s.step(-1_500);
    expect(s.clock.now()).toBe(T0 + SECOND);
    s.tick(1_000);
    expect(s.clock.now()).toBe(T0 + SECOND); // wall is at T0 + 500
    s.tick(1_000);
    expect(s.clock.now()).toBe(T0 + 1_500);
    expect(s.jumps).toEqual([]);
  });

  it('jumpThresholdMs sets what counts as a jump', () => {
    const s = scripted({ threshold: 10 * SECOND });
    s.clock.now();
    s.step(5 * SECOND);
    expect(s.clock.now()).toBe(T0 + 5 * SECOND);
    expect(s.jumps).toEqual([]);
    s.step(15 * SECOND);
    expect(s.clock.now()).toBe(T0 + 20 * SECOND);
    expect(s.jumps).toEqual([{ from: T0 + 5 * SECOND, to: T0 + 20 * SECOND, cause: 'suspend' }]);
  });
});

describe('createSystemClock: drift', () => {
  it('many small drifts under the threshold: no jump, and it stays on wall time', () => {
    const s = scripted();
    s.clock.now();
    // The wall clock runs 1% fast for 10,000 readings a second apart: 100 s apart in the end.
    for (let i = 0; i < 10_000; i++) {
      s.src.mono += 1_000;
      s.src.wall += 1_010;
      s.clock.now();
    }
    expect(s.clock.now()).toBe(s.src.wall);
    expect(s.src.wall - T0 - (s.src.mono - 5_000)).toBe(100_000);
    expect(s.jumps).toEqual([]);
  });

  it('slow drift over a long quiet stretch is not mistaken for a jump (500 ppm allowed)', () => {
    const s = scripted();
    s.clock.now();
    s.src.mono += 8 * HOUR;
    s.src.wall += 8 * HOUR + 2_500; // ≈ 87 ppm: a wall clock being slewed by NTP
    expect(s.clock.now()).toBe(T0 + 8 * HOUR + 2_500);
    expect(s.jumps).toEqual([]);
  });

  it('random jitter under the threshold: whole, never back, never behind wall time, never reported', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: -900, max: 900 })), { maxLength: 200 }),
        (steps) => {
          const s = scripted();
          let base = T0;
          let last = s.clock.now();
          for (const [ms, jitter] of steps) {
            base += ms;
            s.src.mono += ms;
            s.src.wall = base + jitter;
            const t = s.clock.now();
            expect(Number.isInteger(t)).toBe(true);
            expect(t).toBeGreaterThanOrEqual(last);
            expect(t).toBeGreaterThanOrEqual(Math.floor(s.src.wall));
            expect(t - s.src.wall).toBeLessThanOrEqual(1_800);
            last = t;
          }
          expect(s.jumps).toEqual([]);
        },
      ),
    );
  });
});

describe('createSystemClock: readings that are not numbers', () => {
  it.each(NOT_A_TIME)('a wall reading of %s: the monotonic clock carries it on, and nothing is reported', (_name, bad) => {
    const s = scripted();
    s.clock.now();
    s.tick(SECOND);
    const good = s.src.wall;
    s.src.wall = bad;
    s.src.mono += 2_500;
    expect(s.clock.now()).toBe(T0 + 3_500);
    s.src.mono += 500;
    expect(s.clock.now()).toBe(T0 + 4_000);
    s.src.wall = good + 3_000;
    expect(s.clock.now()).toBe(T0 + 4_000);
    expect(s.jumps).toEqual([]);
  });

  it('a monotonic reading that is not a number: it follows the wall clock, and still sees a sleep across it', () => {
    const s = scripted();
    s.clock.now();
    const mono = s.src.mono;
    s.src.mono = Number.NaN;
    s.src.wall += 2 * SECOND;
    expect(s.clock.now()).toBe(T0 + 2 * SECOND);
    s.src.wall += 8 * HOUR; // slept meanwhile
    s.src.mono = mono + 3 * SECOND;
    expect(s.clock.now()).toBe(T0 + 8 * HOUR + 2 * SECOND);
    expect(s.jumps).toEqual([{ from: T0 + 3 * SECOND, to: T0 + 8 * HOUR + 2 * SECOND, cause: 'suspend' }]);
  });

  it('both readings bad: it holds its last reading', () => {
    const s = scripted();
    s.tick(0);
    s.clock.now();
    s.src.wall = Number.NaN;
    s.src.mono = Number.NaN;
    expect(s.clock.now()).toBe(T0);
    expect(s.clock.now()).toBe(T0);
  });

  it('no good wall reading yet: 0, then wall time from the first good one, without a jump', () => {
    const s = scripted();
    s.src.wall = Number.NaN;
    expect(s.clock.now()).toBe(0);
    s.src.mono += SECOND;
    expect(s.clock.now()).toBe(0);
    s.src.wall = T0;
    expect(s.clock.now()).toBe(T0);
    expect(s.jumps).toEqual([]);
  });

  it('a source that throws is a bad reading', () => {
    let wallThrows = false;
    let mono = 0;
    const clock = createSystemClock({
      wallNow: () => {
        if (wallThrows) throw new Error('no time');
        return T0 + mono;
      },
      monotonicNow: () => mono,
    });
    expect(clock.now()).toBe(T0);
    wallThrows = true;
    mono += 700;
    expect(clock.now()).toBe(T0 + 700);
  });
});

describe('createSystemClock: no monotonic clock', () => {
  it('`performance` undefined: it follows wall time, sees no sleep, and keeps counting after a step back', () => {
    vi.stubGlobal('performance', undefined);
    let wall = T0;
    const clock = createSystemClock({ wallNow: () => wall });
    const jumps: ClockJump[] = [];
    clock.onJump((j) => jumps.push(j));
    expect(clock.now()).toBe(T0);
    wall += 8 * HOUR; // a sleep looks like time passing
    expect(clock.now()).toBe(T0 + 8 * HOUR);
    expect(jumps).toEqual([]);
    wall -= 5 * MINUTE;
    expect(clock.now()).toBe(T0 + 8 * HOUR);
    expect(jumps).toEqual([{ from: T0 + 8 * HOUR, to: T0 + 8 * HOUR - 5 * MINUTE, cause: 'clock-step' }]);
    wall += 30 * SECOND;
    expect(clock.now()).toBe(T0 + 8 * HOUR + 30 * SECOND);
    wall -= 1_000; // under the threshold: held
    expect(clock.now()).toBe(T0 + 8 * HOUR + 30 * SECOND);
  });

  it('monotonicNow: null says the same', () => {
    const s = scripted({ noMonotonic: true });
    s.clock.now();
    s.sleep(HOUR);
    expect(s.clock.now()).toBe(T0 + HOUR);
    s.step(-HOUR);
    expect(s.clock.now()).toBe(T0 + HOUR);
    expect(s.jumps.map((j) => j.cause)).toEqual(['clock-step']);
  });

  it('a performance object without now() is no monotonic clock', () => {
    vi.stubGlobal('performance', {});
    let wall = T0;
    const clock = createSystemClock({ wallNow: () => wall });
    expect(clock.now()).toBe(T0);
    wall += HOUR;
    expect(clock.now()).toBe(T0 + HOUR);
  });
});

describe('createSystemClock: onJump', () => {
  it('listeners are told synchronously, before now() returns, and a listener may read the clock', () => {
    const s = scripted();
    s.clock.now();
    const seen: string[] = [];
    s.clock.onJump((jump) => seen.push(`jump to ${jump.to}, now ${s.clock.now()}`));
    s.sleep(HOUR);
    const t = s.clock.now();
    seen.push(`returned ${t}`);
    expect(seen).toEqual([`jump to ${T0 + HOUR}, now ${T0 + HOUR}`, `returned ${T0 + HOUR}`]);
    expect(s.jumps).toHaveLength(1); // the reading inside the listener did not report it again
  });

  it('unsubscribes, once or twice; the same function subscribed twice is told twice', () => {
    const s = scripted();
    s.clock.now();
    const calls: number[] = [];
    const listener = (j: ClockJump): void => void calls.push(j.to);
    const off1 = s.clock.onJump(listener);
    const off2 = s.clock.onJump(listener);
    s.sleep(HOUR);
    s.clock.now();
    expect(calls).toHaveLength(2);
    off1();
    off1();
    s.sleep(HOUR);
    s.clock.now();
    expect(calls).toHaveLength(3);
    off2();
    s.sleep(HOUR);
    s.clock.now();
    expect(calls).toHaveLength(3);
  });

  it('a listener removed by an earlier one in the same report is not told', () => {
    const s = scripted();
    s.clock.now();
    const told: string[] = [];
    let offB = (): void => undefined;
    s.clock.onJump(() => {
      told.push('a');
      offB();
    });
    offB = s.clock.onJump(() => told.push('b'));
    s.sleep(HOUR);
    s.clock.now();
    expect(told).toEqual(['a']);
  });

  it('a listener that throws does not stop the others nor the reading; its error is rethrown later', () => {
    const later: (() => void)[] = [];
    vi.stubGlobal('queueMicrotask', (f: () => void) => later.push(f));
    const s = scripted();
    s.clock.now();
    const boom = new Error('listener failed');
    s.clock.onJump(() => {
      throw boom;
    });
    const after: ClockJump[] = [];
    s.clock.onJump((j) => after.push(j));
    s.sleep(HOUR);
    expect(s.clock.now()).toBe(T0 + HOUR);
    expect(s.jumps).toHaveLength(1);
    expect(after).toHaveLength(1);
    expect(later).toHaveLength(1);
    expect(() => later[0]!()).toThrow(boom);
  });

  it('jumps are frozen records', () => {
    const s = scripted();
    s.clock.now();
    s.sleep(HOUR);
    s.clock.now();
    expect(Object.isFrozen(s.jumps[0])).toBe(true);
  });

  it('refuses a listener that is not a function', () => {
    expect(() => createSystemClock().onJump(42 as unknown as () => void)).toThrow(TypeError);
  });
});

describe('createSystemClock: options', () => {
  it.each([
    ['wallNow not a function', { wallNow: 5 }],
    ['monotonicNow not a function', { monotonicNow: 'fast' }],
    ['jumpThresholdMs NaN', { jumpThresholdMs: Number.NaN }],
    ['jumpThresholdMs Infinity', { jumpThresholdMs: Infinity }],
    ['jumpThresholdMs 0', { jumpThresholdMs: 0 }],
    ['jumpThresholdMs negative', { jumpThresholdMs: -1 }],
    ['jumpThresholdMs a string', { jumpThresholdMs: '2000' }],
  ])('refuses %s', (_name, options) => {
    expect(() => createSystemClock(options as unknown as SystemClockOptions)).toThrow(TypeError);
  });

  it('refuses options that are not an object', () => {
    expect(() => createSystemClock(5 as unknown as SystemClockOptions)).toThrow(TypeError);
    expect(createSystemClock(undefined).now()).toBeGreaterThan(0);
  });
});

describe('createSystemClock: any sequence of events', () => {
  type Event =
    { kind: 'tick' | 'sleep' | 'step'; ms: number } | { kind: 'bad-wall' | 'bad-mono'; ms: number } | { kind: 'read'; ms: number };
  const eventArb: fc.Arbitrary<Event> = fc.oneof(
    fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 10 * MINUTE }) }),
    fc.record({ kind: fc.constant('sleep' as const), ms: fc.integer({ min: 0, max: 10 * HOUR }) }),
    fc.record({ kind: fc.constant('step' as const), ms: fc.integer({ min: -HOUR, max: HOUR }) }),
    fc.record({ kind: fc.constant('bad-wall' as const), ms: fc.integer({ min: 0, max: MINUTE }) }),
    fc.record({ kind: fc.constant('bad-mono' as const), ms: fc.integer({ min: 0, max: MINUTE }) }),
    fc.record({ kind: fc.constant('read' as const), ms: fc.constant(0) }),
  );

  it('readings are whole and never go back; every jump starts at or after the reading before it; a long sleep brings it back to wall time', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 60 }), (events) => {
        const s = scripted();
        let last = s.clock.now();
        let reported = 0;
        const read = (): void => {
          const t = s.clock.now();
          expect(Number.isInteger(t)).toBe(true);
          expect(t).toBeGreaterThanOrEqual(last);
          for (const jump of s.jumps.slice(reported)) {
            expect(jump.from).toBeGreaterThanOrEqual(last);
            if (jump.cause === 'suspend') {
              expect(jump.to).toBeGreaterThan(jump.from);
              expect(t).toBeGreaterThanOrEqual(jump.to);
            } else {
              expect(jump.cause).toBe('clock-step');
              expect(jump.to).toBeLessThan(jump.from);
            }
          }
          reported = s.jumps.length;
          last = t;
        };
        for (const e of events) {
          if (e.kind === 'tick') s.tick(e.ms);
          else if (e.kind === 'sleep') s.sleep(e.ms);
          else if (e.kind === 'step') s.step(e.ms);
          else if (e.kind === 'bad-wall' || e.kind === 'bad-mono') {
            // One reading of one source is bad while `ms` pass awake; the next readings are good.
            const [bad, other] = e.kind === 'bad-wall' ? (['wall', 'mono'] as const) : (['mono', 'wall'] as const);
            const good = s.src[bad];
            s.src[bad] = Number.NaN;
            s.src[other] += e.ms;
            read();
            s.src[bad] = good + e.ms;
          }
          read();
        }
        // A sleep longer than anything it could have run ahead: it reads wall time again.
        s.sleep(48 * HOUR);
        read();
        expect(last).toBe(Math.floor(s.src.wall));
      }),
    );
  });
});

describe('a tracker on the system clock', () => {
  it('a span started after an 8 h sleep starts at wall time, and totals add up', () => {
    let wall = T0;
    let mono = 0;
    const clock = createSystemClock({ wallNow: () => wall, monotonicNow: () => mono });
    const tracker = createTracker({ clock, strict: true });
    const a = tracker.startSpan({ key: 'a', label: 'A' })!;
    expect(a.startTime).toBe(T0);
    wall += MINUTE;
    mono += MINUTE;
    tracker.endSpan('a');
    wall += 8 * HOUR; // slept
    mono += 0;
    const b = tracker.startSpan({ key: 'b', label: 'B' })!;
    expect(b.startTime).toBe(T0 + MINUTE + 8 * HOUR);
    wall += MINUTE;
    mono += MINUTE;
    const ended = tracker.endSpan('b')!;
    expect(ended.endTime).toBe(T0 + 2 * MINUTE + 8 * HOUR);
    const totals = tracker.totals(b.id)!;
    expect(totals.totalMs).toBe(totals.elapsedMs + totals.pausedMs);
    expect(totals.totalMs).toBe(MINUTE);
  });
});

describe('a tracker on the system clock, through a sleep and a step back', () => {
  const from = T0 + 10 * MINUTE;
  const to = from + 8 * HOUR - 5 * MINUTE;

  /** A run: 10 min, then 8 h asleep and the wall clock set back 5 min at once, then set back 5 min more, then 1 min. */
  function sleepAndStepBack(clockGaps: 'paused' | 'elapsed') {
    let wall = T0;
    let mono = 0;
    const clock = createSystemClock({ wallNow: () => wall, monotonicNow: () => mono });
    const tracker = createTracker({ clock, strict: true, clockGaps });
    const gaps: { from: number; to: number; cause: string; counted: string }[] = [];
    tracker.on('clock:gap', (gap) => gaps.push(gap));
    const run = tracker.startSpan({ key: 'run', label: 'Run' })!;
    wall += 10 * MINUTE;
    mono += 10 * MINUTE;
    tracker.recordMetric('run', 'heartRate', 140, 'bpm');
    wall += 8 * HOUR - 5 * MINUTE; // asleep in a pocket (or a closed laptop), and the clock set back 5 min
    const woke = tracker.now();
    wall -= 5 * MINUTE; // set back 5 min more, awake
    wall += MINUTE;
    mono += MINUTE;
    const after = tracker.recordMetric('run', 'heartRate', 150, 'bpm')!;
    const ended = tracker.endSpan('run')!;
    return { woke, after, ended, gaps, totals: tracker.totals(run.id)! };
  }

  it.each(['paused', 'elapsed'] as const)(
    'clockGaps %s: one clock:gap for the sleep, none for the step back; totals add up',
    (clockGaps) => {
      const { woke, after, ended, gaps, totals } = sleepAndStepBack(clockGaps);
      expect(woke).toBe(to);
      expect(after.recordedAt).toBe(to + MINUTE); // a minute later: not held by the step back
      expect(gaps).toHaveLength(1);
      expect(gaps[0]).toMatchObject({ to, cause: 'suspend', counted: clockGaps });
      expect(ended.segments.filter((seg) => seg.label === 'Interrupted').length).toBeLessThanOrEqual(1);
      expect(totals.totalMs).toBe(totals.elapsedMs + totals.pausedMs);
      expect(totals.totalMs).toBe(to + MINUTE - T0);
    },
  );

  // The clock reports a jump during the reading that noticed it: the gap runs from the clock's
  // `from`, the reading before the sleep.
  it.each(['paused', 'elapsed'] as const)('clockGaps %s: the gap runs from the last reading before the sleep', (clockGaps) => {
    const { ended, gaps, totals } = sleepAndStepBack(clockGaps);
    expect(gaps[0]).toEqual({ from, to, cause: 'suspend', counted: clockGaps });
    const interrupted = ended.segments.filter((seg) => seg.label === 'Interrupted');
    expect(interrupted).toHaveLength(1);
    expect(interrupted[0]).toMatchObject({ startTime: from, endTime: to, cause: 'suspend' });
    expect(totals.pausedMs).toBe(clockGaps === 'paused' ? to - from : 0);
  });
});
