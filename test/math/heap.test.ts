import { describe, expect, it } from "vitest";
import { MinHeap } from "../../src/math/heap.ts";

/** Deterministic pseudo-random numbers (mulberry32) so a failure replays. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("MinHeap", () => {
  it("is empty at first: size 0, top key Infinity, top value NaN", () => {
    const h = new MinHeap();
    expect(h.size).toBe(0);
    expect(h.topKey()).toBe(Number.POSITIVE_INFINITY);
    expect(h.topValue()).toBeNaN();
    h.pop(); // popping an empty heap is a no-op
    expect(h.size).toBe(0);
  });

  it("pops in (key, value) order: the brute-force reference is a sort", () => {
    for (let seed = 1; seed <= 30; seed++) {
      const r = rng(seed);
      const h = new MinHeap();
      const all: Array<[number, number]> = [];
      const out: Array<[number, number]> = [];
      for (let step = 0; step < 400; step++) {
        if (r() < 0.6 || h.size === 0) {
          // few distinct keys so ties are common and the value order is exercised
          const key = Math.floor(r() * 20);
          const value = Math.floor(r() * 5);
          h.push(key, value);
          all.push([key, value]);
        } else {
          out.push([h.topKey(), h.topValue()]);
          h.pop();
        }
      }
      while (h.size > 0) {
        out.push([h.topKey(), h.topValue()]);
        h.pop();
      }
      // interleaved pops are not globally sorted, so check the invariant they must keep: each
      // popped pair is the minimum of what was in the heap at that moment, replayed by brute force
      const r2 = rng(seed);
      const bag: Array<[number, number]> = [];
      let k = 0;
      for (let step = 0; step < 400; step++) {
        if (r2() < 0.6 || bag.length === 0) {
          bag.push([Math.floor(r2() * 20), Math.floor(r2() * 5)]);
        } else {
          bag.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
          expect(out[k++]).toEqual(bag.shift());
        }
      }
      bag.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      expect(out.slice(k)).toEqual(bag);
      expect(out.length).toBe(all.length);
    }
  });

  it("clear() empties it", () => {
    const h = new MinHeap();
    h.push(2, 1);
    h.push(1);
    expect(h.topKey()).toBe(1);
    expect(h.topValue()).toBe(0);
    h.clear();
    expect(h.size).toBe(0);
  });
});
