import { enablePatches, produceWithPatches, type Draft, type Patch } from 'immer';
import type { MemoryReference, RuntimeMemory, TypedMemoryReference } from 'workout-spans';

let patchesEnabled = false;

/**
 * Changes a memory value through an immer recipe: the recipe edits a draft (or returns a new value),
 * the memory keeps the new frozen value, which shares what did not change with the old one, and its
 * listeners get the change with immer's patches. Returns the new value. A reference that was never
 * allocated, or was released, is a RangeError, as for `memory.set`.
 *
 * It lives here, not on `RuntimeMemory`, so that a tracker alone never bundles immer (as zustand
 * keeps its immer middleware out of its core).
 */
export function updateWithImmer<T>(
  memory: RuntimeMemory,
  ref: TypedMemoryReference<T> | MemoryReference,
  recipe: (draft: Draft<T>) => void | T | Draft<T>,
): T {
  if (!patchesEnabled) {
    enablePatches();
    patchesEnabled = true;
  }
  const current = memory.get<T>(ref);
  if (current === null) throw new RangeError(`updateWithImmer: no entry '${String(ref?.id)}' (never allocated, or released)`);
  const [next, patches] = produceWithPatches(current, recipe as never) as unknown as [T, Patch[]];
  memory.set(ref, next, { patches });
  return memory.get<T>(ref) as T;
}
