/**
 * workout-spans/runtime: the tracker driven by a block runtime's actions and behaviours
 * (`EmitMetricAction`, segment, pause and rest actions, `RestBehavior`). Each action acts through
 * the tracker bound to it or found in the context it runs in, on the block bound to it or current
 * in that context.
 */
export type { IScriptRuntime, IRuntimeAction, ActionBinding, ActionTarget, RuntimeMetric, RuntimeStack } from './types';
export { isActionBinding, isActionTarget } from './binding';
export { EmitMetricAction } from './metric-action';
export { StartSegmentAction, EndSegmentAction } from './segment-actions';
export { PauseAction, ResumeAction } from './pause-actions';
export { StartRestAction, EndRestAction } from './rest-actions';
export { RestBehavior } from './rest-behavior';
export { updateWithImmer } from './update-with-immer';
