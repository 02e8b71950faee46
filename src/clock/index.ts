export type { Clock, ClockJump, ManualClock } from './clock';
export { systemClock } from './system-clock';
export { createManualClock } from './manual-clock';
