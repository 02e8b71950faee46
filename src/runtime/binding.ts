import type { ExecutionTracker } from 'workout-spans';
import { isPlainObject } from '../model/read-value';
import type { ActionBinding } from './types';

const BINDING_KEYS: ReadonlySet<string> = new Set(['blockId', 'tracker']);

/**
 * Whether `value` reads as a tracker: an object with the tracker's `recordMetric` and
 * `getActiveSpan` methods. Checked by shape, not by class, so that a tracker from another copy of
 * the package is still accepted.
 */
export function isTrackerLike(value: unknown): value is ExecutionTracker {
  if (value === null || typeof value !== 'object') return false;
  const t = value as { recordMetric?: unknown; getActiveSpan?: unknown };
  return typeof t.recordMetric === 'function' && typeof t.getActiveSpan === 'function';
}

/**
 * Whether `value` is an action's binding: a plain object whose only keys are `blockId` (a string)
 * and `tracker` (a tracker), each of them optional. Unknown keys make it not a binding, so a typo
 * (`{ blockid }`) or an option meant for something else is caught when the action is made.
 */
export function isActionBinding(value: unknown): value is ActionBinding {
  if (!isPlainObject(value)) return false;
  for (const key of Object.keys(value)) if (!BINDING_KEYS.has(key)) return false;
  const { blockId, tracker } = value;
  if (blockId !== undefined && typeof blockId !== 'string') return false;
  return tracker === undefined || isTrackerLike(tracker);
}

/** @deprecated The former name of `isActionBinding`. */
export const isActionTarget = isActionBinding;

/** The arguments with the trailing `undefined`s left off: an omitted argument and `undefined` are alike. */
export function trimmed(args: readonly unknown[]): unknown[] {
  let end = args.length;
  while (end > 0 && args[end - 1] === undefined) end--;
  return args.slice(0, end);
}

/** The TypeError for a last argument that is an object but not a binding. */
export function notABinding(action: string): TypeError {
  return new TypeError(
    `${action}: the last argument must be { blockId?: string, tracker?: ExecutionTracker } (no other keys; tracker a workout-spans tracker)`,
  );
}

/**
 * Splits an action's arguments into those before the binding and the binding. A last argument that
 * is an object but not a binding is a programming error: TypeError, when the action is made.
 */
export function splitBinding<A extends unknown[]>(args: readonly unknown[], action: string): { rest: A; binding: ActionBinding } {
  const kept = trimmed(args);
  const last = kept[kept.length - 1];
  if (kept.length > 0 && isActionBinding(last)) return { rest: kept.slice(0, -1) as A, binding: last };
  if (last !== null && typeof last === 'object') throw notABinding(action);
  return { rest: kept as A, binding: {} };
}
