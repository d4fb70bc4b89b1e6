/**
 * A binary min-heap of (key, value) number pairs, ordered by key and then by value (so equal
 * keys come out in a fixed order: results never depend on insertion order). Keys and values sit
 * in two parallel arrays: no object per entry. The one heap of the project: event times of the
 * simulator, boundaries and alarms of the real-time monitor.
 *
 * @example
 * const h = new MinHeap();
 * h.push(5, 1); h.push(3, 2);
 * h.topKey(); // => 3
 * h.pop(); h.topValue(); // => 1
 */
export class MinHeap {
  private keys: number[] = [];
  private values: number[] = [];

  /** Number of entries. */
  get size(): number {
    return this.keys.length;
  }

  /** The smallest key, or Infinity when empty. */
  topKey(): number {
    return this.keys[0] ?? Number.POSITIVE_INFINITY;
  }

  /** The value of the entry with the smallest key (NaN when empty). */
  topValue(): number {
    return this.values[0] ?? Number.NaN;
  }

  /** Adds an entry. */
  push(key: number, value = 0): void {
    const k = this.keys;
    const v = this.values;
    let i = k.length;
    k.push(key);
    v.push(value);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (k[p]! < key || (k[p] === key && v[p]! <= value)) break;
      k[i] = k[p]!;
      v[i] = v[p]!;
      i = p;
    }
    k[i] = key;
    v[i] = value;
  }

  /** Removes the entry with the smallest key (read it first with topKey and topValue). */
  pop(): void {
    const k = this.keys;
    const v = this.values;
    const lastKey = k.pop();
    const lastValue = v.pop();
    if (lastKey === undefined || lastValue === undefined || k.length === 0) return;
    const n = k.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && (k[r]! < k[l]! || (k[r] === k[l] && v[r]! < v[l]!)) ? r : l;
      if (k[c]! > lastKey || (k[c] === lastKey && v[c]! >= lastValue)) break;
      k[i] = k[c]!;
      v[i] = v[c]!;
      i = c;
    }
    k[i] = lastKey;
    v[i] = lastValue;
  }

  /** Removes every entry. */
  clear(): void {
    this.keys = [];
    this.values = [];
  }
}
