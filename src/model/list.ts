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
