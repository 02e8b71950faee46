import type { BlockLike } from 'workout-spans';
import type { ExecutionTracker } from 'workout-spans';

/**
 * One metric in the shape of the older global collector (API.md §10): what `EmitMetricAction`
 * hands to `runtime.metrics.collect` for runtimes migrating off it.
 */
export interface RuntimeMetric {
  exerciseId: string;
  values: { type: string; value: number; unit: string }[];
  timeSpans: unknown[];
}

/** The narrow surface of a block runtime that actions rely on (API.md §10). */
export interface IScriptRuntime {
  /** The runtime's block stack; `current` is the block on top, if any. */
  stack: { current?: BlockLike | undefined };
  executionTracker: ExecutionTracker;
  /** An older global collector, still fed by `EmitMetricAction` while a runtime migrates. */
  metrics?: { collect(metric: RuntimeMetric): void };
}

/** Something a block's behaviour asks the runtime to do. */
export interface IRuntimeAction {
  do(runtime: IScriptRuntime): void;
}

/** The optional last argument of every action: binds it to that block instead of the current one. */
export interface ActionTarget {
  blockId: string;
}
