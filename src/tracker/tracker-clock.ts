import type { Clock, ClockJump } from '../clock/clock';

/**
 * The tracker's view of its clock: readings that never step back (a reading earlier than the last one
 * is taken as the last one; one that is not a finite number is ignored), shifted by an offset when a
 * restored session was saved ahead of this device's clock, and the jumps a clock reports while the
 * tracker has active spans.
 */
export class TrackerClock {
  readonly #clock: Clock;
  readonly #onJump: (jump: ClockJump) => void;
  #last = -Infinity;
  /** Added to every reading: a restored session saved "in the future" carries on from where it was. */
  #offset = 0;
  #unwatch: (() => void) | undefined;
  /** Jumps reported while the clock was being read: handled once the reading is known. */
  #pending: ClockJump[] = [];
  #reading = false;

  /** `onJump`: called with a jump (already shifted by the offset) while the tracker watches. */
  constructor(clock: Clock, onJump: (jump: ClockJump) => void) {
    this.#clock = clock;
    this.#onJump = onJump;
  }

  /** Reads the clock and keeps the reading: never earlier than the last one, nor than `floor`. */
  now(floor?: number): number {
    let t = this.peek();
    if (floor !== undefined && t < floor) t = floor;
    if (t === -Infinity) t = 0;
    // A jump seen during this reading is marked from the last reading kept before it.
    if (this.#pending.length > 0) this.#flushJumps();
    if (t > this.#last) this.#last = t;
    return t;
  }

  /** The clock as `now` reads it, without keeping the reading. */
  peek(): number {
    this.#reading = true;
    let raw: unknown;
    try {
      raw = this.#clock.now();
    } finally {
      this.#reading = false;
    }
    const t = typeof raw === 'number' && Number.isFinite(raw) ? raw + this.#offset : -Infinity;
    return t > this.#last ? t : this.#last;
  }

  /**
   * Makes the readings continue from `t` when the clock reads earlier (a session saved on a device
   * whose clock was ahead): returns by how much the readings were moved, 0 when they were not.
   */
  carryOnFrom(t: number): number {
    const reading = this.peek();
    if (!(reading < t) || !Number.isFinite(t)) return 0;
    const skew = t - reading;
    this.#offset += skew;
    return skew;
  }

  /** Listens to the clock's jumps while `active` (the tracker has active spans), not otherwise. */
  watch(active: boolean): void {
    if (active === (this.#unwatch !== undefined)) return;
    if (!active) {
      this.#unwatch!();
      this.#unwatch = undefined;
      return;
    }
    const onJump = this.#clock.onJump;
    if (typeof onJump !== 'function') return;
    const unwatch = onJump.call(this.#clock, this.#heard);
    this.#unwatch = typeof unwatch === 'function' ? unwatch : () => {};
  }

  /** The listener given to the clock (one function, whatever the number of times it watches). */
  readonly #heard = (jump: ClockJump): void => {
    this.#pending.push(jump);
    // Outside a reading (a clock that noticed on its own): handle it now.
    if (!this.#reading) this.#flushJumps();
  };

  #flushJumps(): void {
    const jumps = this.#pending;
    this.#pending = [];
    for (const jump of jumps) {
      if (!(jump?.to > jump?.from)) continue; // a step back is held, not replayed as negative time
      const from = Math.max(jump.from + this.#offset, Math.min(this.#last, jump.to + this.#offset));
      this.#onJump({ from, to: jump.to + this.#offset, cause: jump.cause });
    }
  }
}
