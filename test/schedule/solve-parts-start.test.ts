import { describe, expect, it } from "vitest";
import type { Milp } from "../../src/schedule/milp.ts";
import type { MilpSolver, SolveOptions } from "../../src/schedule/solve-result.ts";
import { solveByParts } from "../../src/schedule/solvers.ts";

/** Two independent parts of 300 columns each, interleaved: even columns and odd columns. */
function interleaved(): Milp {
  const n = 600;
  const columns = (parity: number): number[] =>
    Array.from({ length: n / 2 }, (_, k) => 2 * k + parity);
  return {
    cost: Array.from({ length: n }, () => 1),
    lower: Array.from({ length: n }, () => 0),
    upper: Array.from({ length: n }, () => 1),
    integer: Array.from({ length: n }, () => true),
    names: Array.from({ length: n }, (_, j) => `x${j}`),
    rows: [0, 1].map((parity) => ({
      indices: columns(parity),
      values: columns(parity).map(() => 1),
      lower: 1,
      upper: Number.POSITIVE_INFINITY,
      name: `cover${parity}`,
    })),
  };
}

describe("solveByParts with a start solution", () => {
  it("gives each part the start values of its own columns, in its own order", async () => {
    const model = interleaved();
    // the start: column j has value j (not a solution: it only shows where each value goes)
    const start = Float64Array.from(model.cost, (_, j) => j);
    const seen: { names: string[]; start: number[] | undefined }[] = [];
    const recording: MilpSolver = {
      name: "recording",
      solve(part: Milp, options: SolveOptions) {
        seen.push({
          names: part.names,
          start: options.start === undefined ? undefined : Array.from(options.start),
        });
        return Promise.resolve({
          status: "optimal",
          objective: 1,
          bound: 1,
          gap: 0,
          values: Float64Array.from(part.cost, (_, k) => (k === 0 ? 1 : 0)),
          stoppedBy: "gap",
          work: 0,
        });
      },
    };
    const result = await solveByParts(recording, model, {
      timeLimitSeconds: 10,
      relativeGap: 0,
      workLimit: 10_000,
      start,
    });
    expect(result.status).toBe("optimal");
    expect(seen).toHaveLength(2);
    for (const part of seen) {
      expect(part.start).toHaveLength(part.names.length);
      // each value is its column's index in the whole model (the name x<j>)
      expect(part.start).toEqual(part.names.map((name) => Number(name.slice(1))));
    }
  });
});
