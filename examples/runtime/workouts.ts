/**
 * Four workouts as block trees: Fran (for time, 21-15-9), Cindy (AMRAP 20), an EMOM 10 and a Tabata
 * (8 × 20 s of air squats and 10 s of rest).
 */
import type { Block } from './block-runtime';
import { effort, emom, rest, sequence, session } from './blocks';

export type WorkoutId = 'fran' | 'cindy' | 'emom' | 'tabata';

export interface WorkoutDefinition {
  id: WorkoutId;
  title: string;
  /** One line on what it is. */
  summary: string;
  /** A fresh block tree for the workout (without its session). */
  build(): Block;
}

const FRAN_SCHEME = [21, 15, 9];

/** Fran: for time, 21-15-9 thrusters (95 lb) and pull-ups. */
export function fran(): Block {
  const rounds = sequence(
    { key: 'fran/rounds', label: '21-15-9', blockType: 'rounds', repScheme: FRAN_SCHEME, totalRounds: FRAN_SCHEME.length },
    (i) => {
      const round = Math.floor(i / 2);
      const reps = FRAN_SCHEME[round];
      if (reps === undefined) return undefined;
      return i % 2 === 0
        ? effort(
            { key: `fran/r${round + 1}/thrusters`, label: 'Thrusters', exerciseId: 'thruster', targetReps: reps },
            { weight: { value: 95, unit: 'lb' } },
          )
        : effort({ key: `fran/r${round + 1}/pull-ups`, label: 'Pull-ups', exerciseId: 'pull-up', targetReps: reps });
    },
    { perRound: 2 },
  );
  return sequence({ key: 'fran', label: 'Fran', blockType: 'timer' }, (i) => (i === 0 ? rounds : undefined), {
    timer: { direction: 'up' },
  });
}

export const CINDY_CAP_MS = 20 * 60_000;
const CINDY_MOVES = [
  { slug: 'pull-ups', label: 'Pull-ups', exerciseId: 'pull-up', reps: 5 },
  { slug: 'push-ups', label: 'Push-ups', exerciseId: 'push-up', reps: 10 },
  { slug: 'squats', label: 'Air squats', exerciseId: 'air-squat', reps: 15 },
] as const;

/** Cindy: as many rounds as possible in 20 minutes of 5 pull-ups, 10 push-ups, 15 air squats. */
export function cindy(): Block {
  return sequence(
    { key: 'cindy', label: 'Cindy', blockType: 'amrap' },
    (i) => {
      const move = CINDY_MOVES[i % CINDY_MOVES.length]!;
      const round = Math.floor(i / CINDY_MOVES.length) + 1;
      return effort({ key: `cindy/r${round}/${move.slug}`, label: move.label, exerciseId: move.exerciseId, targetReps: move.reps });
    },
    { timer: { direction: 'down', durationMs: CINDY_CAP_MS, expires: true }, perRound: CINDY_MOVES.length },
  );
}

/** EMOM 10: 10 burpees at the top of every minute, rest for what is left of it. */
export function emom10(): Block {
  return emom(
    { key: 'emom', label: 'EMOM 10' },
    {
      minutes: 10,
      work: (m) => effort({ key: `emom/m${m}/burpees`, label: 'Burpees', exerciseId: 'burpee', targetReps: 10 }),
    },
  );
}

export const TABATA_ROUNDS = 8;
export const TABATA_WORK_MS = 20_000;
export const TABATA_REST_MS = 10_000;

/** Tabata: 8 rounds of 20 s of air squats and a 10 s rest block. */
export function tabata(): Block {
  return sequence(
    { key: 'tabata', label: 'Tabata', blockType: 'interval', totalRounds: TABATA_ROUNDS },
    (i) => {
      const round = Math.floor(i / 2) + 1;
      if (round > TABATA_ROUNDS) return undefined;
      return i % 2 === 0
        ? effort({ key: `tabata/r${round}/squats`, label: 'Air squats', exerciseId: 'air-squat' }, { durationMs: TABATA_WORK_MS })
        : rest(`tabata/r${round}/rest`, TABATA_REST_MS, TABATA_REST_MS);
    },
    { timer: { direction: 'down', durationMs: TABATA_ROUNDS * (TABATA_WORK_MS + TABATA_REST_MS) }, perRound: 2 },
  );
}

export const WORKOUTS: readonly WorkoutDefinition[] = [
  { id: 'fran', title: 'Fran', summary: 'For time: 21-15-9 thrusters (95 lb) and pull-ups', build: fran },
  { id: 'cindy', title: 'Cindy', summary: 'AMRAP 20: 5 pull-ups, 10 push-ups, 15 air squats', build: cindy },
  { id: 'emom', title: 'EMOM 10', summary: 'Every minute on the minute: 10 burpees, rest the remainder', build: emom10 },
  { id: 'tabata', title: 'Tabata', summary: '8 rounds: 20 s of air squats, 10 s of rest', build: tabata },
];

/** The definition of a workout by id. */
export function workoutById(id: string): WorkoutDefinition | undefined {
  return WORKOUTS.find((w) => w.id === id);
}

/** The session block a runtime starts for a workout: `session/<id>`, with the workout inside. */
export function sessionOf(id: WorkoutId): Block {
  return session(workoutById(id)!.build());
}

/** Which workout a session's root span is for (from its block key), when it is one of these. */
export function workoutOfSession(rootBlockId: string): WorkoutDefinition | undefined {
  const m = /^session\/(.+)$/.exec(rootBlockId);
  return m === null ? undefined : workoutById(m[1]!);
}
