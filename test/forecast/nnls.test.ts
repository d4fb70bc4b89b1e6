/**
 * Non-negative least squares (src/forecast/nnls.ts, Lawson & Hanson's active-set method) against
 * known answers and against a brute-force reference: the optimum of min |Ax - y|^2, x >= 0, is
 * the unconstrained least-squares solution on its own support, so trying every support (every
 * subset of the columns), keeping the non-negative solutions and taking the best finds it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nnls } from "../../src/forecast/nnls.ts";

type Matrix = readonly (readonly number[])[];

/** G = A'A and b = A'y: the normal equations nnls takes. */
function normal(a: Matrix, y: readonly number[]): { g: Float64Array[]; b: Float64Array } {
  const n = a[0]!.length;
  const g = Array.from({ length: n }, (_, i) =>
    Float64Array.from({ length: n }, (_, j) => a.reduce((s, row) => s + row[i]! * row[j]!, 0)),
  );
  const b = Float64Array.from({ length: n }, (_, i) =>
    a.reduce((s, row, k) => s + row[i]! * y[k]!, 0),
  );
  return { g, b };
}

/** |Ax - y|^2. */
function residual(a: Matrix, y: readonly number[], x: ArrayLike<number>): number {
  return a.reduce((s, row, k) => s + (row.reduce((t, v, j) => t + v * x[j]!, 0) - y[k]!) ** 2, 0);
}

/** Determinant by cofactor expansion (exact for the small integer matrices used here). */
function det(m: Matrix): number {
  if (m.length === 0) return 1;
  return m[0]!.reduce((s, v, j) => {
    if (v === 0) return s;
    const minor = m.slice(1).map((row) => row.filter((_, c) => c !== j));
    return s + (j % 2 === 0 ? 1 : -1) * v * det(minor);
  }, 0);
}

/** Solution of G_SS x = b_S by Cramer's rule, or undefined when G_SS is singular. */
function solveOn(
  g: Matrix,
  b: readonly number[],
  support: readonly number[],
): number[] | undefined {
  const sub = support.map((i) => support.map((j) => g[i]![j]!));
  const d = det(sub);
  if (d === 0) return undefined;
  return support.map(
    (_, k) => det(sub.map((row, r) => row.map((v, c) => (c === k ? b[support[r]!]! : v)))) / d,
  );
}

/** The least |Ax - y|^2 over x >= 0, by trying every support with independent columns. */
function bruteForce(a: Matrix, y: readonly number[]): { x: number[]; value: number } {
  const n = a[0]!.length;
  const { g, b } = normal(a, y);
  const gRows = g.map((row) => [...row]);
  let best = { x: new Array<number>(n).fill(0), value: residual(a, y, new Array(n).fill(0)) };
  for (let mask = 1; mask < 1 << n; mask++) {
    const support = [...Array(n).keys()].filter((i) => (mask >> i) & 1);
    const z = solveOn(gRows, [...b], support);
    if (z === undefined || z.some((v) => v < 0)) continue;
    const x = new Array<number>(n).fill(0);
    support.forEach((i, k) => (x[i] = z[k]!));
    const value = residual(a, y, x);
    if (value < best.value) best = { x, value };
  }
  return best;
}

/**
 * Lawson & Hanson without the drop step: variables enter by the largest gradient component and
 * the search stops as soon as the unconstrained solution on the free set has a component <= 0
 * (keeping the last non-negative one). Where this misses the optimum, reaching it needs the
 * drop step.
 */
function withoutDropStep(a: Matrix, y: readonly number[]): number[] {
  const n = a[0]!.length;
  const { g, b } = normal(a, y);
  const gRows = g.map((row) => [...row]);
  let x = new Array<number>(n).fill(0);
  const free: number[] = [];
  for (;;) {
    const w = [...b].map((bi, i) => bi - gRows[i]!.reduce((s, v, j) => s + v * x[j]!, 0));
    let best = -1;
    for (let i = 0; i < n; i++)
      if (!free.includes(i) && w[i]! > 1e-9 && (best < 0 || w[i]! > w[best]!)) best = i;
    if (best < 0) return x;
    free.push(best);
    const z = solveOn(gRows, [...b], free);
    if (z === undefined || z.some((v) => v <= 0)) return x;
    x = new Array<number>(n).fill(0);
    free.forEach((i, k) => (x[i] = z[k]!));
  }
}

function solve(a: Matrix, y: readonly number[]): Float64Array {
  const { g, b } = normal(a, y);
  return nnls(g, b);
}

/** Solutions are exact up to the solver's ridge (1e-12 relative) and rounding. */
const TOLERANCE = 1e-9;

describe("nnls: known answers", () => {
  it("SciPy's documented example: A = [[1,0],[1,0],[0,1]], y = (2,1,1) gives x = (1.5, 1), |r| = 0.7071", () => {
    // scipy.optimize.nnls documentation, Examples (residual norm 0.7071067811865475 = 1/sqrt 2)
    const a = [
      [1, 0],
      [1, 0],
      [0, 1],
    ];
    const x = solve(a, [2, 1, 1]);
    expect(x[0]).toBeCloseTo(1.5, 10);
    expect(x[1]).toBeCloseTo(1, 10);
    expect(Math.sqrt(residual(a, [2, 1, 1], x))).toBeCloseTo(0.7071067811865475, 10);
    // ... and y = (-1, -1, -1) gives x = 0 (same page)
    expect([...solve(a, [-1, -1, -1])]).toEqual([0, 0]);
  });

  it("runs the drop step: the variable that entered first leaves when the second enters", () => {
    // Solved by hand. Columns a0 = (2, 1), a1 = (1, 0), y = (2, -1): G = [[5, 2], [2, 1]],
    // b = (3, 2). The unconstrained solution is x = G^-1 b = [[1, -2], [-2, 5]] (3, 2) = (-1, 4),
    // an exact fit with a negative component. Lawson & Hanson: at x = 0 the gradient is b, so
    // x0 enters first (3 > 2): x = (3/5, 0). The gradient of x1 is then 2 - 2 (3/5) = 0.8 > 0,
    // so x1 enters; the solution on {0, 1} is (-1, 4), so the step from (0.6, 0) towards it
    // stops at alpha = 0.6 / (0.6 + 1) = 0.375, where x0 reaches 0: x = (0, 1.5), x0 leaves.
    // On {1} alone: x1 = 2 / 1 = 2. The gradient of x0 is then 3 - 2 x 2 = -1 < 0: optimal,
    // x = (0, 2) with |r|^2 = |(2, -1) - (2, 0)|^2 = 1 (the clipped unconstrained solution
    // (0, 4) has |r|^2 = 5).
    const a = [
      [2, 1],
      [1, 0],
    ];
    const y = [2, -1];
    const x = solve(a, y);
    expect(x[0]).toBe(0);
    expect(x[1]).toBeCloseTo(2, 10);
    expect(residual(a, y, x)).toBeCloseTo(1, 10);
    // without the drop step the search would stop at x = (0.6, 0): r = (1.2 - 2, 0.6 + 1),
    // |r|^2 = 0.64 + 2.56 = 3.2
    expect(withoutDropStep(a, y)).toEqual([0.6, 0]);
    expect(residual(a, y, [0.6, 0])).toBeCloseTo(3.2, 12);
  });

  it("three variables, all positive: the unconstrained solution itself", () => {
    // Solved by hand. A = I (3 x 3) with a fourth row (1, 1, 1): G = I + J (J all ones),
    // b = y[0..2] + y[3]. y = (1, 2, 3, 12): b = (13, 14, 15); (I + J)^-1 = I - J/4, so
    // x = b - sum(b)/4 = b - 10.5 = (2.5, 3.5, 4.5), residual (1.5, 1.5, 1.5, -1.5).
    const a = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
      [1, 1, 1],
    ];
    const x = solve(a, [1, 2, 3, 12]);
    expect(x[0]).toBeCloseTo(2.5, 10);
    expect(x[1]).toBeCloseTo(3.5, 10);
    expect(x[2]).toBeCloseTo(4.5, 10);
  });

  it("an all-zero right-hand side gives x = 0", () => {
    const g = [Float64Array.of(2, 1), Float64Array.of(1, 2)];
    expect([...nnls(g, Float64Array.of(0, 0))]).toEqual([0, 0]);
    expect([...nnls([Float64Array.of(0)], Float64Array.of(0))]).toEqual([0]);
    expect([...nnls([], new Float64Array(0))]).toEqual([]);
  });

  it("a right-hand side pointing away from the orthant gives x = 0", () => {
    // b <= 0 with G positive definite: the gradient at x = 0 is b, nothing may enter.
    const g = [Float64Array.of(1, 0.5), Float64Array.of(0.5, 1)];
    expect([...nnls(g, Float64Array.of(-1, -3))]).toEqual([0, 0]);
  });

  it("rank-deficient: two identical columns share the fit, which is still optimal", () => {
    // a0 = a1 = (1), y = (2): every x >= 0 with x0 + x1 = 2 fits exactly; G = [[1,1],[1,1]] is
    // singular and the ridge must keep it solvable.
    const x = solve([[1, 1]], [2]);
    expect(x[0]).toBeGreaterThanOrEqual(0);
    expect(x[1]).toBeGreaterThanOrEqual(0);
    expect(x[0]! + x[1]!).toBeCloseTo(2, 10);
  });

  it("degenerate: a column of zeros gets 0 and the others their fit", () => {
    // a0 = 0, a1 = (1, 1), y = (1, 5): x1 = 3, x0 anything, taken as 0.
    const x = solve(
      [
        [0, 1],
        [0, 1],
      ],
      [1, 5],
    );
    expect(x[0]).toBe(0);
    expect(x[1]).toBeCloseTo(3, 10);
  });

  it("does not depend on the scale of the problem (G and b multiplied by 1e-14 or 1e14)", () => {
    // The hand-solved case above, scaled. An absolute ridge of 1e-12 once turned the 1e-14 case
    // into x = (0.028, 0.019).
    for (const s of [1e-14, 1e-6, 1, 1e6, 1e14]) {
      const g = [Float64Array.of(5 * s, 2 * s), Float64Array.of(2 * s, 1 * s)];
      const x = nnls(g, Float64Array.of(3 * s, 2 * s));
      expect(x[0]).toBe(0);
      expect(x[1]).toBeCloseTo(2, 9);
    }
  });
});

describe("nnls: against brute force over every support", () => {
  const problem = fc
    .record({ m: fc.integer({ min: 1, max: 7 }), n: fc.integer({ min: 1, max: 5 }) })
    .chain(({ m, n }) =>
      fc.record({
        a: fc.array(fc.array(fc.integer({ min: -4, max: 4 }), { minLength: n, maxLength: n }), {
          minLength: m,
          maxLength: m,
        }),
        y: fc.array(fc.integer({ min: -6, max: 6 }), { minLength: m, maxLength: m }),
      }),
    );

  it("reaches the optimum on 2,000 random small problems, many of which need the drop step", () => {
    let needDrop = 0;
    let unconstrainedNegative = 0;
    fc.assert(
      fc.property(problem, ({ a, y }) => {
        const x = solve(a, y);
        const best = bruteForce(a, y);
        const scale = 1 + residual(a, y, new Array(a[0]!.length).fill(0));
        expect([...x].every((v) => v >= 0)).toBe(true);
        expect(Math.abs(residual(a, y, x) - best.value)).toBeLessThanOrEqual(TOLERANCE * scale);
        if (residual(a, y, withoutDropStep(a, y)) > best.value + TOLERANCE * scale) needDrop++;
        const { g, b } = normal(a, y);
        const all = [...Array(a[0]!.length).keys()];
        const z = solveOn(
          g.map((r) => [...r]),
          [...b],
          all,
        );
        if (z?.some((v) => v < 0)) unconstrainedNegative++;
      }),
      { seed: 12, numRuns: 2000 },
    );
    // The random problems are not all easy ones: in many the unconstrained solution has a
    // negative component, and in some the greedy search without the drop step falls short.
    // (with seed 12: 1,057 and 40)
    expect(unconstrainedNegative).toBeGreaterThan(500);
    expect(needDrop).toBeGreaterThan(20);
  });

  it("with full column rank the optimum is unique: x itself matches", () => {
    fc.assert(
      fc.property(problem, ({ a, y }) => {
        const { g } = normal(a, y);
        if (det(g.map((r) => [...r])) === 0) return;
        const x = solve(a, y);
        const best = bruteForce(a, y);
        best.x.forEach((v, i) => {
          expect(Math.abs(x[i]! - v)).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(v)));
        });
      }),
      { seed: 34, numRuns: 1000 },
    );
  });
});
