export type { Clock, ClockJump, ManualClock } from './clock';
export { systemClock, createSystemClock } from './system-clock';
export type { SystemClock, SystemClockOptions } from './system-clock';
export { createManualClock } from './manual-clock';
