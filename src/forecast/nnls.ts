/**
 * Non-negative least squares on normal equations: minimize 1/2 x'Gx - b'x subject to x >= 0,
 * for a small symmetric positive semi-definite G (one row per ad channel). Lawson & Hanson's
 * active-set method ("Solving Least Squares Problems", 1974, chapter 23), applied to the Gram
 * matrix; a tiny ridge keeps singular systems (channels that never aired) solvable.
 *
 * @module
 */

import { maxOf } from "../math/extent.ts";

/** Solves the unconstrained system on the index set `free` by Gaussian elimination. */
function solveSubset(
  g: readonly Float64Array[],
  b: Float64Array,
  free: readonly number[],
): number[] {
  const n = free.length;
  const a = free.map((i) => free.map((j) => g[i]![j]! + (i === j ? 1e-12 * (1 + g[i]![i]!) : 0)));
  const y = free.map((i) => b[i]!);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++)
      if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    [y[col], y[pivot]] = [y[pivot]!, y[col]!];
    const p = a[col]![col]!;
    if (p === 0) continue;
    for (let r = col + 1; r < n; r++) {
      const f = a[r]![col]! / p;
      if (f === 0) continue;
      for (let c = col; c < n; c++) a[r]![c]! -= f * a[col]![c]!;
      y[r]! -= f * y[col]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = y[r]!;
    for (let c = r + 1; c < n; c++) s -= a[r]![c]! * x[c]!;
    x[r] = a[r]![r]! === 0 ? 0 : s / a[r]![r]!;
  }
  return x;
}

/**
 * Non-negative x minimizing 1/2 x'Gx - b'x.
 *
 * @param g - symmetric positive semi-definite n x n (rows as Float64Array)
 * @param b - length n
 * @example
 * nnls([Float64Array.of(1, 0), Float64Array.of(0, 1)], Float64Array.of(2, -1)); // => [2, 0]
 */
export function nnls(g: readonly Float64Array[], b: Float64Array): Float64Array {
  const n = b.length;
  const x = new Float64Array(n);
  const free = new Set<number>();
  const gradient = (): Float64Array => {
    const w = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = b[i]!;
      for (let j = 0; j < n; j++) s -= g[i]![j]! * x[j]!;
      w[i] = s;
    }
    return w;
  };
  const scale = maxOf(b, Math.abs, 1e-300);
  for (let outer = 0; outer < 3 * n + 3; outer++) {
    const w = gradient();
    let best = -1;
    for (let i = 0; i < n; i++) {
      if (!free.has(i) && w[i]! > 1e-12 * scale && (best < 0 || w[i]! > w[best]!)) best = i;
    }
    if (best < 0) break;
    free.add(best);
    for (let inner = 0; inner < 3 * n + 3; inner++) {
      const idx = [...free].sort((p, q) => p - q);
      const z = solveSubset(g, b, idx);
      if (z.every((v) => v > 0)) {
        idx.forEach((i, k) => (x[i] = z[k]!));
        break;
      }
      // step towards z until a variable hits zero, then drop it
      let alpha = 1;
      idx.forEach((i, k) => {
        if (z[k]! <= 0) {
          const denom = x[i]! - z[k]!;
          if (denom > 0) alpha = Math.min(alpha, x[i]! / denom);
        }
      });
      idx.forEach((i, k) => {
        x[i] = x[i]! + alpha * (z[k]! - x[i]!);
        if (x[i] <= 1e-15 * scale) {
          x[i] = 0;
          free.delete(i);
        }
      });
    }
  }
  return x;
}
