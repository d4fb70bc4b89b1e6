/**
 * The MILP checker `violation()`, seen to fail: each kind of violation named, a feasible point
 * passed. A checker that always returns null fails every test here but the last.
 */
import { describe, expect, it } from "vitest";
import { MilpBuilder, objectiveOf, violation, type Milp } from "../../src/schedule/index.ts";

/**
 * minimize x + 2y subject to x + y <= 4 ("le"), x - y >= -1 ("ge"), 2x + y = 5 ("eq"),
 * x integer in [0, 3], y continuous >= 0.
 */
function model(): Milp {
  const b = new MilpBuilder();
  const x = b.addVar({ cost: 1, upper: 3, integer: true, name: "x" });
  const y = b.addVar({ cost: 2, name: "y" });
  b.addRow([x, y], [1, 1], { upper: 4, name: "le" });
  b.addRow([x, y], [1, -1], { lower: -1, name: "ge" });
  b.addRow([x, y], [2, 1], { lower: 5, upper: 5, name: "eq" });
  return b.build();
}

describe("violation", () => {
  it("names a variable outside its bounds", () => {
    expect(violation(model(), [5, 0])).toBe("x = 5 outside [0, 3]");
    expect(violation(model(), [2, -1])).toBe("y = -1 outside [0, Infinity]");
  });

  it("names an integer variable with a fractional value", () => {
    // 2 x 1.5 + 2 = 5: every row holds, only integrality fails
    expect(violation(model(), [1.5, 2])).toBe("x = 1.5 is not integral");
  });

  it("names a value that is not a number", () => {
    expect(violation(model(), [2, Number.NaN])).toBe("y is NaN");
  });

  it("names a row violated: <=, >= and =", () => {
    expect(violation(model(), [3, 2])).toBe("row le: 5 outside [-Infinity, 4]");
    expect(violation(model(), [0, 2])).toBe("row ge: -2 outside [-1, Infinity]");
    expect(violation(model(), [1, 1])).toBe("row eq: 3 outside [5, 5]");
  });

  it("passes a feasible point (within the tolerance) and gives its objective", () => {
    const m = model();
    expect(violation(m, [2, 1])).toBeNull();
    expect(violation(m, [2 + 1e-7, 1 - 1e-7])).toBeNull();
    expect(violation(m, [2, 1.5])).toBe("row eq: 5.5 outside [5, 5]");
    expect(objectiveOf(m, [2, 1])).toBe(4);
  });
});
