import { EmitMetricAction, EndSegmentAction, StartSegmentAction, type IRuntimeAction } from 'workout-spans/runtime';
import { EndSpanAction, StartSpanAction, type Behavior, type Block } from './tiny-runtime';

/** Every block that should show in the tree: a span from push to pop. */
export const spanBehavior: Behavior = {
  onPush: (_rt, block) => [new StartSpanAction(block)],
  onPop: (_rt, block) => [new EndSpanAction(block.key)],
};

/** An exercise: what it is and its target at push, the reps done at pop. */
export function effortBehavior(exercise: { exerciseId: string; reps: number; weightLb?: number }): Behavior {
  return {
    onPush: () => {
      const actions: IRuntimeAction[] = [
        new EmitMetricAction('exerciseId', exercise.exerciseId, ''),
        new EmitMetricAction('targetReps', exercise.reps, 'reps'),
      ];
      if (exercise.weightLb !== undefined) actions.push(new EmitMetricAction('weight', exercise.weightLb, 'lb'));
      return actions;
    },
    onPop: () => [new EmitMetricAction('reps', exercise.reps, 'reps')],
  };
}

/** A rep scheme: each `next` opens the next `Round r` segment and records `currentRound`. */
export function roundsBehavior(scheme: number[]): Behavior {
  let round = 0;
  return {
    onPush: () => [new EmitMetricAction('repScheme', scheme, 'reps'), new EmitMetricAction('totalRounds', scheme.length, 'rounds')],
    onNext: () => {
      round++;
      return [new StartSegmentAction('round', `Round ${round}`, round - 1), new EmitMetricAction('currentRound', round, 'round')];
    },
    onPop: () => (round > 0 ? [new EndSegmentAction()] : []),
  };
}

/** An EMOM clock: each `next` opens the next `Minute m` segment. */
export function minutesBehavior(): Behavior {
  let minute = 0;
  return {
    onNext: () => {
      minute++;
      return [new StartSegmentAction('minute', `Minute ${minute}`, minute - 1)];
    },
    onPop: () => (minute > 0 ? [new EndSegmentAction()] : []),
  };
}

export function block(key: string, label: string, blockType: string, behaviors: Behavior[], extra: Partial<Block> = {}): Block {
  return { key, label, blockType, behaviors: [spanBehavior, ...behaviors], ...extra };
}
