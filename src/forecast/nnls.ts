/**
 * Non-negative least squares on normal equations: minimize 1/2 x'Gx - b'x subject to x >= 0,
 * for a small symmetric positive semi-definite G (one row per ad channel, or the day level and
 * the spots of an intraday update). Lawson & Hanson's active-set method ("Solving Least Squares
 * Problems", 1974, chapter 23, algorithm NNLS), applied to the Gram matrix G = A'A, b = A'y of
 * min |Ax - y|^2: variables enter the free set one at a time by the largest gradient component;
 * when the unconstrained solution on the free set has a component <= 0, the step towards it
 * stops where the first variable reaches 0, and that variable leaves the set.
 *
 * @module
 */
import { maxOf } from "../math/extent.ts";

/**
 * The ridge added to the diagonal: RIDGE x (d + g_ii), d the largest diagonal entry capped at
 * 1. It keeps singular systems (two identical columns, a channel that never aired) solvable and
 * moves a well-posed solution by about this much, relatively. With the cap the ridge follows
 * the matrix's scale when the matrix is small (an absolute 1e-12 would swamp a Gram matrix of
 * 1e-14s); at d = 1 it is the ridge this solver always had, so forecasts keep their digits.
 */
const RIDGE = 1e-12;

/**
 * A variable enters the free set when its gradient component exceeds this share of the
 * largest |b| (Lawson & Hanson test it against 0; the share keeps rounding noise out).
 */
const GRADIENT_TOLERANCE = 1e-12;

/**
 * A variable leaves the free set when the step leaves it at or below this share of the largest
 * value in the step: the one that blocked the step lands on 0 up to rounding.
 */
const ZERO_TOLERANCE = 1e-15;

/**
 * Iterations of each loop per variable: Lawson & Hanson's Fortran NNLS stops after 3n
 * iterations (the default `maxiter` of SciPy's wrapper of it, `scipy.optimize.nnls`, is 3n).
 */
const ITERATIONS_PER_VARIABLE = 3;

/** Solves the unconstrained system on the index set `free` by Gaussian elimination. */
function solveSubset(
  g: readonly Float64Array[],
  b: Float64Array,
  free: readonly number[],
  ridgeFloor: number,
): number[] {
  const n = free.length;
  const a = free.map((i) =>
    free.map((j) => g[i]![j]! + (i === j ? RIDGE * (ridgeFloor + g[i]![i]!) : 0)),
  );
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
 * Non-negative x minimizing 1/2 x'Gx - b'x (for G = A'A and b = A'y: the x >= 0 minimizing
 * |Ax - y|). Invariant to scaling G and b together.
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
  const ridgeFloor = Math.min(
    1,
    maxOf(g.keys(), (i) => g[i]![i]!, 0),
  );
  const iterations = ITERATIONS_PER_VARIABLE * n + 3;
  for (let outer = 0; outer < iterations; outer++) {
    const w = gradient();
    let best = -1;
    for (let i = 0; i < n; i++) {
      if (!free.has(i) && w[i]! > GRADIENT_TOLERANCE * scale && (best < 0 || w[i]! > w[best]!))
        best = i;
    }
    if (best < 0) break;
    free.add(best);
    for (let inner = 0; inner < iterations; inner++) {
      const idx = [...free].sort((p, q) => p - q);
      const z = solveSubset(g, b, idx, ridgeFloor);
      if (z.every((v) => v > 0)) {
        idx.forEach((i, k) => (x[i] = z[k]!));
        break;
      }
      // step towards z until a variable hits zero, then drop it
      let alpha = 1;
      let size = 0;
      idx.forEach((i, k) => {
        size = Math.max(size, Math.abs(x[i]!), Math.abs(z[k]!));
        if (z[k]! <= 0) {
          const denom = x[i]! - z[k]!;
          if (denom > 0) alpha = Math.min(alpha, x[i]! / denom);
        }
      });
      idx.forEach((i, k) => {
        x[i] = x[i]! + alpha * (z[k]! - x[i]!);
        if (x[i] <= ZERO_TOLERANCE * size) {
          x[i] = 0;
          free.delete(i);
        }
      });
    }
  }
  return x;
}
