import { EXERCISE_COLORS, exerciseColor, textColorOn } from './timeline-colors';
import type { TimelineSpan } from './timeline-model';

/** One exercise of the drawing: how its efforts are filled and what the legend says of it. */
export interface TimelineExercise {
  key: string;
  /** The legend's name: the label of its first effort (with its key when two exercises share a label). */
  name: string;
  fill: string;
  ink: string;
  reps: number;
  runningMs: number;
}

/** FNV-1a of a key: where in the palette an exercise looks for its colour first. */
function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The exercises of the drawn efforts, in the order they first appear, each with its colour: the
 * caller's (`exerciseColors`), else a palette colour chosen from the exercise's key, so pull-ups keep
 * their colour from one workout to the next, unless an exercise before them took it; the palette
 * never gives two exercises of one drawing the same colour until it runs out.
 */
export function groupExercises(spans: readonly TimelineSpan[], colors: ReadonlyMap<string, string>): Map<string, TimelineExercise> {
  const out = new Map<string, TimelineExercise>();
  const taken = new Set<number>();
  const paletteColor = (key: string): string => {
    if (taken.size >= EXERCISE_COLORS.length) return exerciseColor(EXERCISE_COLORS.length + out.size);
    let slot = hash(key) % EXERCISE_COLORS.length;
    while (taken.has(slot)) slot = (slot + 1) % EXERCISE_COLORS.length;
    taken.add(slot);
    return EXERCISE_COLORS[slot]!;
  };
  for (const span of spans) {
    const key = span.exerciseKey;
    if (key === undefined) continue;
    let ex = out.get(key);
    if (ex === undefined) {
      const fill = colors.get(key) ?? paletteColor(key);
      ex = { key, name: span.label, fill, ink: textColorOn(fill), reps: 0, runningMs: 0 };
      out.set(key, ex);
    }
    ex.reps += span.reps ?? 0;
    ex.runningMs += span.runningMs;
  }
  const names = new Map<string, number>();
  for (const ex of out.values()) names.set(ex.name, (names.get(ex.name) ?? 0) + 1);
  for (const ex of out.values()) if (names.get(ex.name)! > 1 && ex.name !== ex.key) ex.name = `${ex.name} (${ex.key})`;
  return out;
}
