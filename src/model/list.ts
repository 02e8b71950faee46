/**
 * Takes `item` out of `list` (its last occurrence), keeping the order of the rest; false when it
 * was not there. Used on hot paths instead of `splice`, which allocates the array of what it removed.
 */
export function removeItem<T>(list: T[], item: T): boolean {
  const i = list.lastIndexOf(item);
  if (i < 0) return false;
  for (let j = i + 1; j < list.length; j++) list[j - 1] = list[j]!;
  list.pop();
  return true;
}
