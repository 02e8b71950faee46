import { describe, expect, it } from 'vitest';
import { lowerBound, removeAt, removeItem, upperBound } from '../../src/model/list';

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

describe('lowerBound and upperBound', () => {
  it('find the first index ≥ and > a number in a sorted list, arrays and typed arrays alike', () => {
    for (const list of [[10, 20, 20, 30], Float64Array.from([10, 20, 20, 30])]) {
      expect([5, 10, 15, 20, 30, 35].map((x) => lowerBound(list, x))).toEqual([0, 0, 1, 1, 3, 4]);
      expect([5, 10, 15, 20, 30, 35].map((x) => upperBound(list, x))).toEqual([0, 1, 1, 3, 4, 4]);
    }
    expect([lowerBound([], 1), upperBound([], 1)]).toEqual([0, 0]);
  });
});
