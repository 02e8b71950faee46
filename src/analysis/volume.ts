/**
 * Pairs reps with the weight in effect for them, to make volume (Σ reps × weight). A weight is in
 * effect for reps of the *same exercise on the same span* (a composed block's kettlebell does not
 * weigh its push-ups; a barbell loaded on one set does not carry over to the next span):
 * - reps take the weight recorded last before them (a drop set: 5 at 100 kg, then 5 at 80 kg);
 * - reps recorded before any weight take the first weight recorded after them (a runtime that logs
 *   the reps, then the load);
 * - reps with no weight at all add no volume.
 * Records are fed in record order; each call answers the volume it adds.
 */
export class VolumeLedger {
  /** The weight in effect, per span and exercise. */
  readonly #weight = new Map<string, number>();
  /** Reps seen before any weight, per span and exercise. */
  readonly #waiting = new Map<string, number>();

  /** Reps of `exercise` on span `spanId`: the volume they add now (0 while they wait for a weight). */
  reps(spanId: string, exercise: string, reps: number): number {
    const key = `${spanId}\u0000${exercise}`;
    const weight = this.#weight.get(key);
    if (weight !== undefined) return reps * weight;
    this.#waiting.set(key, (this.#waiting.get(key) ?? 0) + reps);
    return 0;
  }

  /** A weight of `exercise` on span `spanId`: from now on in effect; adds the volume of the reps waiting for it. */
  weight(spanId: string, exercise: string, weight: number): number {
    const key = `${spanId}\u0000${exercise}`;
    this.#weight.set(key, weight);
    const waiting = this.#waiting.get(key);
    if (waiting === undefined) return 0;
    this.#waiting.delete(key);
    return waiting * weight;
  }
}
