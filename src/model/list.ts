/**
 * Takes the item at `i` out of `list`, keeping the order of the rest. Used on hot paths instead of
 * `splice`, which allocates the array of what it removed.
 */
export function removeAt<T>(list: T[], i: number): void {
  for (let j = i + 1; j < list.length; j++) list[j - 1] = list[j]!;
  list.pop();
}

/** Takes `item` out of `list` (its last occurrence), keeping the order of the rest; false when it was not there. */
export function removeItem<T>(list: T[], item: T): boolean {
  const i = list.lastIndexOf(item);
  if (i < 0) return false;
  removeAt(list, i);
  return true;
}

/** The first index whose number is ≥ `x`, in a list sorted in ascending order (binary search). */
export function lowerBound(list: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index whose number is > `x`, in a list sorted in ascending order (binary search). */
export function upperBound(list: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
