/**
 * Smallest and largest values of a collection by a plain loop. `Math.min(...values)` and
 * `Math.max(...values)` pass every value as an argument and throw "Maximum call stack size
 * exceeded" beyond about 100,000 of them; these work for any size.
 *
 * @module
 */

/**
 * The largest `value(item)` over the items, or `initial` when there are none (or all are
 * smaller).
 *
 * @example
 * maxOf([3, 9, 4], (v) => v); // => 9
 * maxOf([], (v: number) => v, 0); // => 0
 */
export function maxOf<T>(
  items: Iterable<T>,
  value: (item: T) => number,
  initial = Number.NEGATIVE_INFINITY,
): number {
  let best = initial;
  for (const item of items) {
    const v = value(item);
    if (v > best) best = v;
  }
  return best;
}

/**
 * The smallest `value(item)` over the items, or `initial` when there are none (or all are
 * larger).
 *
 * @example
 * minOf([{ t: 5 }, { t: 2 }], (r) => r.t); // => 2
 */
export function minOf<T>(
  items: Iterable<T>,
  value: (item: T) => number,
  initial = Number.POSITIVE_INFINITY,
): number {
  let best = initial;
  for (const item of items) {
    const v = value(item);
    if (v < best) best = v;
  }
  return best;
}

/** Appends every item of `source` to `target` (no spread: any length). */
export function appendAll<T>(target: T[], source: Iterable<T>): void {
  for (const item of source) target.push(item);
}
