import { MAX_EPOCH_MS } from './timeline-options';

/**
 * The options of `renderTree` and `toCSV`, checked the way the timeline checks its own: missing or
 * `null` is no options, anything but an object is a TypeError, an option of the wrong type a
 * TypeError, and an `at` that is no time (NaN, Infinity, beyond what a Date holds) a RangeError. A
 * mistake in the call is said at once rather than drawn as `--:--` everywhere.
 */
export function readOptions(where: string, options: unknown, booleans: readonly string[]): { at?: number } & Record<string, unknown> {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object') throw new TypeError(`${where}: options must be an object`);
  const o = options as Record<string, unknown>;
  const at = o.at;
  if (at !== undefined) {
    if (typeof at !== 'number') throw new TypeError(`${where}: options.at must be a number`);
    if (!(Number.isFinite(at) && Math.abs(at) <= MAX_EPOCH_MS))
      throw new RangeError(`${where}: options.at must be a finite epoch millisecond`);
  }
  for (const key of booleans) {
    if (o[key] !== undefined && typeof o[key] !== 'boolean') throw new TypeError(`${where}: options.${key} must be true or false`);
  }
  return o as { at?: number } & Record<string, unknown>;
}
