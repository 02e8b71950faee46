import { TrackerError } from '../errors/tracker-error';
import { readBlockKey } from '../model/block-key';
import type { BlockLike, SpanType, TimerInfo } from '../model/types';

const BLOCK_TYPES: Readonly<Record<string, SpanType>> = {
  timer: 'timer',
  timerblock: 'timer',
  rounds: 'rounds',
  roundsblock: 'rounds',
  effort: 'effort',
  effortblock: 'effort',
  interval: 'interval',
  intervalblock: 'interval',
  emom: 'emom',
  amrap: 'amrap',
  group: 'group',
};

/** The span type of a block (API.md §3): the listed names in any case; anything else is a group. */
export function spanTypeOf(blockType: string | undefined): SpanType {
  if (typeof blockType !== 'string') return 'group';
  return BLOCK_TYPES[blockType.toLowerCase()] ?? 'group';
}

export interface CheckedBlock {
  key: string;
  label: string;
  type: SpanType;
  timer: TimerInfo | undefined;
}

function invalid(why: string, block: unknown): TrackerError {
  return new TrackerError('INVALID_BLOCK', `invalid block: ${why}`, { block });
}

/** The block's key as a string, or an INVALID_BLOCK error (see `readBlockKey`). */
export function blockKeyOf(key: unknown): string | TrackerError {
  return readBlockKey(key) ?? invalid('the key must be a non-empty string or have a toString() that gives one', key);
}

/** Validates a block before a span is opened for it. */
export function checkBlock(block: unknown): CheckedBlock | TrackerError {
  if (block === null || typeof block !== 'object') return invalid('expected an object with key and label', block);
  const b = block as Partial<BlockLike>;
  const key = blockKeyOf(b.key);
  if (key instanceof TrackerError) return key;
  if (typeof b.label !== 'string') return invalid('the label must be a string', block);
  if (b.blockType !== undefined && typeof b.blockType !== 'string') return invalid('blockType must be a string', block);
  let timer: TimerInfo | undefined;
  if (b.timer !== undefined) {
    const t = b.timer as Partial<TimerInfo> | null;
    if (t === null || typeof t !== 'object' || (t.direction !== 'up' && t.direction !== 'down')) {
      return invalid("timer.direction must be 'up' or 'down'", block);
    }
    if (t.durationMs !== undefined && (typeof t.durationMs !== 'number' || !Number.isFinite(t.durationMs) || t.durationMs < 0)) {
      return invalid('timer.durationMs must be a finite number ≥ 0', block);
    }
    timer = Object.freeze(t.durationMs === undefined ? { direction: t.direction } : { direction: t.direction, durationMs: t.durationMs });
  }
  return { key, label: b.label, type: spanTypeOf(b.blockType), timer };
}
