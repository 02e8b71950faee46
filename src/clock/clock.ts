import type { InterruptionCause } from '../model/types';

/**
 * A jump a clock saw in wall time. `from` is where the clock would have been had nothing jumped,
 * never earlier than its last reading; `to` is where wall time says it is. Forward (`to > from`,
 * cause `'suspend'`): `to - from` passed unseen. Back (`to < from`, cause `'clock-step'`): the wall
 * clock was set back by `from - to`, and the clock kept counting from `from` instead.
 */
export interface ClockJump {
  from: number;
  to: number;
  cause: InterruptionCause;
}

/** A source of epoch milliseconds. */
export interface Clock {
  now(): number;
  /**
   * Optional: tells listeners of time that passed unseen (a device that slept, a wall clock
   * stepped forward). A tracker on such a clock marks the gap on its active workouts.
   */
  onJump?(listener: (jump: ClockJump) => void): () => void;
}
/** A clock driven by hand, for tests, replays and examples. */
export interface ManualClock extends Clock {
  /** Moves the clock forward (or back, with a negative number) by `ms`. */
  advance(ms: number): number;
  /** Sets the clock to `ms`. */
  set(ms: number): number;
}
