/**
 * workout-spans/fit: Garmin FIT export. A separate entry so that only its users need
 * `@garmin/fitsdk`, an optional peer dependency.
 */
export { toFit } from './to-fit';
export type { ToFitOptions } from './to-fit';
