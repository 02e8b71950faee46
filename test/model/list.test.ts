import { describe, expect, it } from 'vitest';
import { removeAt, removeItem } from '../../src/model/list';

describe('removeItem', () => {
  it('takes out the last occurrence and keeps the order of the rest', () => {
    const list = ['a', 'b', 'c', 'b', 'd'];
    expect(removeItem(list, 'b')).toBe(true);
    expect(list).toEqual(['a', 'b', 'c', 'd']);
    expect(removeItem(list, 'd')).toBe(true);
    expect(list).toEqual(['a', 'b', 'c']);
    expect(removeItem(list, 'a')).toBe(true);
    expect(list).toEqual(['b', 'c']);
  });

  it('leaves the list alone when the item is not there', () => {
    const list = [1, 2, 3];
    expect(removeItem(list, 4)).toBe(false);
    expect(list).toEqual([1, 2, 3]);
    const empty: number[] = [];
    expect(removeItem(empty, 1)).toBe(false);
    expect(empty).toEqual([]);
  });

  it('removeAt takes out the item at an index, first, middle or last', () => {
    const list = ['a', 'b', 'c', 'd'];
    removeAt(list, 1);
    expect(list).toEqual(['a', 'c', 'd']);
    removeAt(list, 2);
    expect(list).toEqual(['a', 'c']);
    removeAt(list, 0);
    expect(list).toEqual(['c']);
    removeAt(list, 0);
    expect(list).toEqual([]);
  });
});
