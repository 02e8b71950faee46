/** A source of epoch milliseconds (API.md §2). */
export interface Clock {
  now(): number;
}

/** A clock driven by hand, for tests, replays and examples. */
export interface ManualClock extends Clock {
  /** Moves the clock forward (or back, with a negative number) by `ms`. */
  advance(ms: number): number;
  /** Sets the clock to `ms`. */
  set(ms: number): number;
}
