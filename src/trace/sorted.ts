/**
 * Sorted arrays kept sorted by insertion. Events arrive almost in time order,
 * so an insert is nearly always an append; an out-of-order one costs a splice.
 */
export type Compare<T> = (a: T, b: T) => number;

/** Index of the first element not less than `probe`. */
export function lowerBound<T>(arr: readonly T[], probe: T, cmp: Compare<T>): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp(arr[mid], probe) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element whose key is >= `key`. */
export function firstAtOrAfter<T>(arr: readonly T[], key: number, keyOf: (x: T) => number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keyOf(arr[mid]) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Inserts `item` in order and returns the index it now has. */
export function insertSorted<T>(arr: T[], item: T, cmp: Compare<T>): number {
  const n = arr.length;
  if (n === 0 || cmp(arr[n - 1], item) <= 0) {
    arr.push(item);
    return n;
  }
  const at = lowerBound(arr, item, cmp);
  arr.splice(at, 0, item);
  return at;
}

/**
 * Removes `item`, found by the key it had when it was inserted (`probe`
 * compares like that old key). Falls back to a scan if the key drifted.
 */
export function removeSorted<T>(arr: T[], item: T, probe: T, cmp: Compare<T>): void {
  let i = lowerBound(arr, probe, cmp);
  while (i < arr.length && arr[i] !== item && cmp(arr[i], probe) === 0) i++;
  if (arr[i] !== item) i = arr.indexOf(item);
  if (i >= 0) arr.splice(i, 1);
}
