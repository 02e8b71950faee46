import { readBlockKey } from '../model/block-key';
import type { BlockLike } from 'workout-spans';
import type { ActionTarget, IScriptRuntime } from './types';

/**
 * Whether `value` is an action's `{ blockId }` options object: a plain object (its prototype is
 * `Object.prototype` or `null`, not an array) whose `blockId` is a string. That is how the optional
 * last argument is told apart from the optional arguments before it, none of which is ever an
 * object (a `source` string, a segment `index` number, a `segmentId` string, a `durationMs` number).
 */
export function isActionTarget(value: unknown): value is ActionTarget {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  return typeof (value as { blockId?: unknown }).blockId === 'string';
}

/**
 * Splits an action's trailing arguments into those before the target and the bound block id.
 * A last argument that is an object but not a `{ blockId: string }` is a programming error: TypeError.
 */
export function splitTarget<A extends unknown[]>(args: readonly unknown[], action: string): { rest: A; blockId: string | undefined } {
  let end = args.length;
  while (end > 0 && args[end - 1] === undefined) end--;
  const last = args[end - 1];
  if (end > 0 && isActionTarget(last)) return { rest: args.slice(0, end - 1) as A, blockId: last.blockId };
  if (last !== null && typeof last === 'object') throw new TypeError(`${action}: the last argument must be { blockId: string }`);
  return { rest: args.slice(0, end) as A, blockId: undefined };
}

/** A block's key as a string (`String(key)` / `toString()`), or `''` when it has none that reads. */
export function keyOfBlock(block: BlockLike): string {
  return readBlockKey(block?.key) ?? '';
}

/**
 * The block key an action acts on: the bound block, else the runtime's current block, else
 * `undefined` (no block: the action does nothing). A current block whose key does not read as a
 * non-empty string is passed on as it is, so that the tracker reports it like any unknown block.
 */
export function targetBlockId(runtime: IScriptRuntime, bound: string | undefined): string | undefined {
  if (bound !== undefined) return bound;
  const current = runtime?.stack?.current;
  if (current === undefined || current === null) return undefined;
  return readBlockKey(current.key) ?? (current.key as string);
}
