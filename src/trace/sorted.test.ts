import { describe, expect, it } from 'vitest';
import { insertSorted } from './sorted';

describe('insertSorted', () => {
  it('keeps the array sorted and says where the item went: the end for an append, its place otherwise', () => {
    const arr = [1, 3, 5];
    const byValue = (a: number, b: number) => a - b;
    expect(insertSorted(arr, 7, byValue)).toBe(3);
    expect(insertSorted(arr, 4, byValue)).toBe(2);
    expect(insertSorted(arr, 0, byValue)).toBe(0);
    expect(arr).toEqual([0, 1, 3, 4, 5, 7]);
  });
});
