/**
 * workout-spans/runtime: the tracker driven by a block runtime's actions and behaviours
 * (`EmitMetricAction`, segment, pause and rest actions, `RestBehavior`).
 */
export type { IScriptRuntime, IRuntimeAction, ActionTarget, RuntimeMetric } from './types';
export { isActionTarget } from './target';
export { EmitMetricAction } from './metric-action';
export { StartSegmentAction, EndSegmentAction } from './segment-actions';
export { PauseAction, ResumeAction } from './pause-actions';
export { StartRestAction, EndRestAction } from './rest-actions';
export { RestBehavior } from './rest-behavior';
export { updateWithImmer } from './update-with-immer';
