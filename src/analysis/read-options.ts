import type { SummarizeOptions } from './types';

/**
 * `summarize`'s options, each read once and checked: a caller's mistake is a TypeError (not an
 * object, a field of the wrong type) or a RangeError (`at` not finite), named after `summarize`,
 * before any work is done. An `at` of NaN would otherwise read every span as not yet started.
 */
export function readOptions(options: unknown): SummarizeOptions {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object') throw new TypeError('summarize: options must be an object { at?, rootSpanId? }');
  const { at, rootSpanId } = options as Record<string, unknown>;
  const out: SummarizeOptions = {};
  if (at !== undefined) {
    if (typeof at !== 'number') throw new TypeError(`summarize: at must be a number (epoch ms), got ${typeof at}`);
    if (!Number.isFinite(at)) throw new RangeError(`summarize: at must be a finite number (epoch ms), got ${at}`);
    out.at = at;
  }
  if (rootSpanId !== undefined) {
    if (typeof rootSpanId !== 'string') throw new TypeError(`summarize: rootSpanId must be a string, got ${typeof rootSpanId}`);
    out.rootSpanId = rootSpanId;
  }
  return out;
}
