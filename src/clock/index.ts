export type { Clock, ManualClock } from './clock';
export { systemClock } from './system-clock';
export { createManualClock } from './manual-clock';
