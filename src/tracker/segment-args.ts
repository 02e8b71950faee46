import { TrackerError } from '../errors/tracker-error';
import { SEGMENT_TYPES, type SegmentType } from '../model/types';

/** Checks `startSegment`'s arguments (API.md §3): a known type other than pause, a string label, an index ≥ 0. */
export function checkSegmentArgs(type: unknown, label: unknown, index: unknown): TrackerError | undefined {
  if (!SEGMENT_TYPES.includes(type as SegmentType)) {
    return new TrackerError('INVALID_SEGMENT', `unknown segment type '${String(type)}'`, { type });
  }
  if (type === 'pause') return new TrackerError('INVALID_SEGMENT', 'pause segments come from pause()/resume() only', { type });
  if (typeof label !== 'string') return new TrackerError('INVALID_SEGMENT', 'the segment label must be a string', { label });
  if (index !== undefined && (typeof index !== 'number' || !Number.isInteger(index) || index < 0)) {
    return new TrackerError('INVALID_SEGMENT', `the segment index must be an integer ≥ 0, got ${String(index)}`, { index });
  }
  return undefined;
}
