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
  /** Per span, then exercise: the weight in effect, and the reps seen before any weight. */
  readonly #bySpan = new Map<string, Map<string, { weight?: number; waiting: number }>>();

  #entry(spanId: string, exercise: string): { weight?: number; waiting: number } {
    let byExercise = this.#bySpan.get(spanId);
    if (byExercise === undefined) this.#bySpan.set(spanId, (byExercise = new Map()));
    let entry = byExercise.get(exercise);
    if (entry === undefined) byExercise.set(exercise, (entry = { waiting: 0 }));
    return entry;
  }

  /** Reps of `exercise` on span `spanId`: the volume they add now (0 while they wait for a weight). */
  reps(spanId: string, exercise: string, reps: number): number {
    const entry = this.#entry(spanId, exercise);
    if (entry.weight !== undefined) return reps * entry.weight;
    entry.waiting += reps;
    return 0;
  }

  /** A weight of `exercise` on span `spanId`: from now on in effect; adds the volume of the reps waiting for it. */
  weight(spanId: string, exercise: string, weight: number): number {
    const entry = this.#entry(spanId, exercise);
    entry.weight = weight;
    const volume = entry.waiting * weight;
    entry.waiting = 0;
    return volume;
  }
}
