import type { BlockLike, ExecutionTracker } from 'workout-spans';

/**
 * One metric in the shape of the older global collector: what `EmitMetricAction` hands to
 * `runtime.metrics.collect` for runtimes migrating off it.
 */
export interface RuntimeMetric {
  exerciseId: string;
  values: { type: string; value: number; unit: string }[];
  timeSpans: unknown[];
}

/** A runtime's block stack, as actions read it: `current` is the block on top, if any. */
export interface RuntimeStack {
  current?: BlockLike | undefined;
}

/**
 * What an action reads from where it runs: the runtime itself, or the context a runtime hands its
 * actions on each turn. It needs the block stack and a tracker, under either name: a runtime that
 * owns its tracker calls it `executionTracker`, a per-turn context often just `tracker`. An action
 * bound to a tracker (`{ tracker }`) needs neither.
 */
export interface IScriptRuntime {
  stack: RuntimeStack;
  /** The tracker actions act on; read first. */
  executionTracker?: ExecutionTracker | undefined;
  /** The tracker actions act on when there is no `executionTracker`. */
  tracker?: ExecutionTracker | undefined;
  /** An older global collector, still fed by `EmitMetricAction` while a runtime migrates. */
  metrics?: { collect(metric: RuntimeMetric): void } | undefined;
}

/** Something a block's behaviour asks the runtime to do. */
export interface IRuntimeAction {
  do(runtime: IScriptRuntime): void;
}

/**
 * The optional last argument of every action: what it acts on, fixed when it is made rather than
 * read from the context when it runs. `blockId`: a block key or a span id (the tracker takes
 * either); `tracker`: the tracker to use whatever the context holds.
 */
export interface ActionBinding {
  blockId?: string | undefined;
  tracker?: ExecutionTracker | undefined;
}

/** @deprecated The former name of `ActionBinding`. */
export type ActionTarget = ActionBinding;
