import { TrackerError } from '../errors/tracker-error';
import { readBlockKey } from '../model/block-key';
import { deepFreeze } from '../model/freeze';
import { DESCRIPTOR_KEYS, describe, metricProblem, type DescriptorKey } from '../model/metric-keys';
import { copyValue, UnreadableValue } from '../model/read-value';
import { SEGMENT_TYPES, SPAN_STATUSES, type SegmentType, type SpanStatus, type SpanType, type TimerInfo } from '../model/types';

/**
 * The checks of the tracker's arguments. Each reads what it is given once (a getter or a Proxy is
 * never read twice), checks the copy, and returns it, or the TrackerError that refuses the call.
 */

const BLOCK_TYPES: ReadonlyMap<string, SpanType> = new Map([
  ['timer', 'timer'],
  ['timerblock', 'timer'],
  ['rounds', 'rounds'],
  ['roundsblock', 'rounds'],
  ['effort', 'effort'],
  ['effortblock', 'effort'],
  ['interval', 'interval'],
  ['intervalblock', 'interval'],
  ['emom', 'emom'],
  ['amrap', 'amrap'],
  ['group', 'group'],
]);

/**
 * The span type of a block: `'timer'`, `'TimerBlock'`, `'rounds'`, `'RoundsBlock'`, `'effort'`,
 * `'EffortBlock'`, `'interval'`, `'IntervalBlock'`, `'emom'`, `'amrap'`, `'group'`, in any case;
 * anything else is a `'group'`.
 */
export function spanTypeOf(blockType: unknown): SpanType {
  if (typeof blockType !== 'string') return 'group';
  return BLOCK_TYPES.get(blockType.toLowerCase()) ?? 'group';
}

/** What describes a span, checked: the values to show in its `metrics`. */
export type Descriptors = Partial<Record<DescriptorKey, string | number | number[]>>;

export interface CheckedBlock {
  key: string;
  label: string;
  type: SpanType;
  timer: TimerInfo | undefined;
  descriptors: Descriptors | undefined;
}

export interface CheckedPatch {
  label?: string;
  timer?: TimerInfo;
  descriptors: Descriptors | undefined;
}

function invalidBlock(why: string, details: Record<string, unknown> = {}): TrackerError {
  return new TrackerError('INVALID_BLOCK', `invalid block: ${why}`, details);
}

/** The block's key as a string, or an INVALID_BLOCK error (see `readBlockKey`). */
export function blockKeyOf(key: unknown): string | TrackerError {
  return (
    readBlockKey(key) ?? invalidBlock('the key must be a non-empty string (or a number, or have a toString() that gives one)', { key })
  );
}

/** Reads the named fields of an object once each; undefined when reading throws. */
function readFields<K extends string>(source: object, keys: readonly K[]): Partial<Record<K, unknown>> | undefined {
  try {
    const out: Partial<Record<K, unknown>> = {};
    for (const key of keys) out[key] = (source as Record<string, unknown>)[key];
    return out;
  } catch {
    return undefined;
  }
}

function checkTimer(raw: unknown): TimerInfo | TrackerError {
  if (raw === null || typeof raw !== 'object') return invalidBlock("timer must be { direction: 'up' | 'down', durationMs? }");
  const t = readFields(raw, ['direction', 'durationMs'] as const);
  if (t === undefined) return invalidBlock('its timer could not be read');
  if (t.direction !== 'up' && t.direction !== 'down') return invalidBlock("timer.direction must be 'up' or 'down'");
  const { direction, durationMs } = t;
  if (durationMs === undefined) return Object.freeze({ direction });
  if (typeof durationMs !== 'number' || !Number.isFinite(durationMs) || durationMs < 0)
    return invalidBlock('timer.durationMs must be a finite number ≥ 0');
  return Object.freeze({ direction, durationMs });
}

/** Checks descriptor values (read already) as `validateMetric` checks those keys: INVALID_METRIC. */
function checkDescriptors(raw: Partial<Record<DescriptorKey, unknown>>): Descriptors | undefined | TrackerError {
  let out: Descriptors | undefined;
  for (let i = 0; i < DESCRIPTOR_KEYS.length; i++) {
    const key = DESCRIPTOR_KEYS[i]!;
    const value = raw[key];
    if (value === undefined) continue;
    let copy: unknown;
    try {
      copy = copyValue(value, 1);
    } catch (cause) {
      return new TrackerError('INVALID_METRIC', `metric '${key}': ${cause instanceof Error ? cause.message : 'it could not be read'}`, {
        key,
        cause,
      });
    }
    const problem = metricProblem(key, copy, '');
    if (problem !== undefined && !problem.unitAtFault) {
      return new TrackerError('INVALID_METRIC', `metric '${key}': ${problem.why}`, { key, value: copy });
    }
    (out ??= {})[key] = Array.isArray(copy) ? (Object.freeze(copy) as number[]) : (copy as string | number);
  }
  return out;
}

/** Checks a block before a span is opened for it. */
export function checkBlock(block: unknown): CheckedBlock | TrackerError {
  if (block === null || typeof block !== 'object') return invalidBlock('expected an object with key and label', { block });
  // Each field read once, in this order (a getter or a Proxy is never read twice).
  let rawKey, label, blockType, rawTimer, exerciseId, exerciseImage, targetReps, totalRounds, repScheme: unknown;
  try {
    ({
      key: rawKey,
      label,
      blockType,
      timer: rawTimer,
      exerciseId,
      exerciseImage,
      targetReps,
      totalRounds,
      repScheme,
    } = block as Record<string, unknown>);
  } catch {
    return invalidBlock('its fields could not be read');
  }
  const key = blockKeyOf(rawKey);
  if (key instanceof TrackerError) return key;
  if (typeof label !== 'string') return invalidBlock('the label must be a string', { key });
  if (blockType !== undefined && typeof blockType !== 'string') return invalidBlock('blockType must be a string', { key });
  const timer = rawTimer === undefined ? undefined : checkTimer(rawTimer);
  if (timer instanceof TrackerError) return timer;
  let descriptors: Descriptors | undefined;
  if (
    exerciseId !== undefined ||
    exerciseImage !== undefined ||
    targetReps !== undefined ||
    totalRounds !== undefined ||
    repScheme !== undefined
  ) {
    const checked = checkDescriptors({ exerciseId, exerciseImage, targetReps, totalRounds, repScheme });
    if (checked instanceof TrackerError) return checked;
    descriptors = checked;
  }
  const out = checkedBlock;
  out.key = key;
  out.label = label;
  out.type = spanTypeOf(blockType);
  out.timer = timer;
  out.descriptors = descriptors;
  return out;
}

/** The result of `checkBlock`, reused call after call: read it before the next check. */
const checkedBlock: CheckedBlock = { key: '', label: '', type: 'group', timer: undefined, descriptors: undefined };

const PATCH_FIELDS = ['label', 'timer', ...DESCRIPTOR_KEYS] as const;
const PATCH_FIELD_SET: ReadonlySet<string> = new Set(PATCH_FIELDS);

/** Checks `updateSpan`'s patch: a label, a timer, descriptions; any other field is refused. */
export function checkPatch(patch: unknown): CheckedPatch | TrackerError {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch))
    return invalidBlock('updateSpan expects an object of fields to change');
  let keys: string[];
  try {
    keys = Object.keys(patch);
  } catch {
    return invalidBlock('the patch could not be read');
  }
  const unknown = keys.find((k) => !PATCH_FIELD_SET.has(k));
  if (unknown !== undefined) return invalidBlock(`updateSpan cannot change '${unknown}' (label, timer, ${DESCRIPTOR_KEYS.join(', ')})`);
  const p = readFields(patch, PATCH_FIELDS);
  if (p === undefined) return invalidBlock('the patch could not be read');
  const out: CheckedPatch = { descriptors: undefined };
  if (p.label !== undefined) {
    if (typeof p.label !== 'string') return invalidBlock('the label must be a string');
    out.label = p.label;
  }
  if (p.timer !== undefined) {
    const timer = checkTimer(p.timer);
    if (timer instanceof TrackerError) return timer;
    out.timer = timer;
  }
  const descriptors = checkDescriptors(p);
  if (descriptors instanceof TrackerError) return descriptors;
  out.descriptors = descriptors;
  return out;
}

/** `endSpan`'s status: completed, failed or skipped. */
export function checkStatus(status: unknown): SpanStatus | TrackerError {
  if (status !== 'active' && SPAN_STATUSES.includes(status as SpanStatus)) return status as SpanStatus;
  return invalidBlock(`invalid status ${describe(status)}: use completed, failed or skipped`, { status });
}

export const MAX_REASON_LENGTH = 64;

/** `endSpan`'s reason: a non-empty string of at most 64 characters. */
export function checkReason(reason: unknown): string | undefined | TrackerError {
  if (reason === undefined) return undefined;
  if (typeof reason === 'string' && reason.length > 0 && reason.length <= MAX_REASON_LENGTH) return reason;
  return invalidBlock(`an end reason must be a non-empty string of at most ${MAX_REASON_LENGTH} characters, got ${describe(reason)}`, {
    reason,
  });
}

/** `startSegment`'s arguments: a known type other than pause, a string label, an index ≥ 0. */
export function checkSegmentArgs(type: unknown, label: unknown, index: unknown): TrackerError | undefined {
  if (!SEGMENT_TYPES.includes(type as SegmentType)) {
    return new TrackerError('INVALID_SEGMENT', `unknown segment type ${describe(type)}`, { type });
  }
  if (type === 'pause') return new TrackerError('INVALID_SEGMENT', 'pause segments come from pause()/resume() only', { type });
  if (typeof label !== 'string') return new TrackerError('INVALID_SEGMENT', 'the segment label must be a string', { label });
  if (index !== undefined && (typeof index !== 'number' || !Number.isInteger(index) || index < 0)) {
    return new TrackerError('INVALID_SEGMENT', `the segment index must be an integer ≥ 0, got ${describe(index)}`, { index });
  }
  return undefined;
}

/** `startRest`'s options: `durationMs` a finite number ≥ 0, `label` a string. */
export function checkRestOptions(options: unknown): { durationMs: number | undefined; label: string } | TrackerError {
  if (options === undefined || options === null) return { durationMs: undefined, label: 'Rest' };
  if (typeof options !== 'object') return new TrackerError('INVALID_SEGMENT', 'rest options must be { durationMs?, label? }', { options });
  const o = readFields(options, ['durationMs', 'label'] as const);
  if (o === undefined) return new TrackerError('INVALID_SEGMENT', 'the rest options could not be read');
  const { durationMs, label = 'Rest' } = o;
  if (durationMs !== undefined && (typeof durationMs !== 'number' || !Number.isFinite(durationMs) || durationMs < 0)) {
    return new TrackerError('INVALID_SEGMENT', `rest durationMs must be a finite number ≥ 0, got ${describe(durationMs)}`, { durationMs });
  }
  if (typeof label !== 'string') return new TrackerError('INVALID_SEGMENT', 'rest label must be a string', { label });
  return { durationMs: durationMs as number | undefined, label };
}

/** A metric as the tracker keeps it: the value copied, frozen and checked. */
export interface CheckedMetric {
  value: unknown;
  source: string | undefined;
  exerciseId: string | undefined;
}

/** `recordMetric`'s key, value, unit and last argument (a source string or `{ source?, exerciseId? }`). */
export function checkMetric(key: unknown, value: unknown, unit: unknown, sourceOrOptions: unknown): CheckedMetric | TrackerError {
  const name = typeof key === 'string' ? key : String(describe(key));
  let copy: unknown;
  try {
    copy = copyValue(value);
  } catch (cause) {
    const why = cause instanceof UnreadableValue ? cause.message : 'it could not be read';
    return new TrackerError('INVALID_METRIC', `metric '${name}': ${why}`, { key, cause });
  }
  const problem = metricProblem(key, copy, unit);
  if (problem !== undefined) return new TrackerError('INVALID_METRIC', `metric '${name}': ${problem.why}`, { key, value: copy, unit });
  let source: unknown;
  let exerciseId: unknown;
  if (typeof sourceOrOptions === 'string' || sourceOrOptions === undefined) source = sourceOrOptions;
  else if (sourceOrOptions !== null && typeof sourceOrOptions === 'object' && !Array.isArray(sourceOrOptions)) {
    const o = readFields(sourceOrOptions, ['source', 'exerciseId'] as const);
    if (o === undefined) return new TrackerError('INVALID_METRIC', `metric '${name}': its options could not be read`, { key });
    ({ source, exerciseId } = o);
  } else {
    return new TrackerError('INVALID_METRIC', `metric '${name}': the last argument must be a source string or { source?, exerciseId? }`, {
      key,
    });
  }
  if (source !== undefined && typeof source !== 'string')
    return new TrackerError('INVALID_METRIC', `metric '${name}': source must be a string`, { key, source });
  if (exerciseId !== undefined && (typeof exerciseId !== 'string' || exerciseId.length === 0)) {
    return new TrackerError('INVALID_METRIC', `metric '${name}': exerciseId must be a non-empty string`, { key, exerciseId });
  }
  const out = checkedMetric;
  out.value = deepFreeze(copy);
  out.source = source;
  out.exerciseId = exerciseId;
  return out;
}

/** The result of `checkMetric`, reused call after call: read it before the next check. */
const checkedMetric: CheckedMetric = { value: undefined, source: undefined, exerciseId: undefined };
