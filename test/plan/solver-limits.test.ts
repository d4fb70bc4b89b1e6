/**
 * A plan's steps stopped by the time limit (the safety net) are named in a warning: their
 * results may differ between runs. Stops on the gap or the work limit need none.
 */
import { describe, expect, it } from "vitest";
import { timeLimitWarning } from "../../src/plan/roster-step.ts";

const limits = { timeLimitSeconds: 60, relativeGap: 0.01, workLimit: 100_000 };

describe("a plan step's solver stop", () => {
  it("warns when the time limit stopped it, naming the fields that make it reproducible", () => {
    expect(timeLimitWarning("schedule", "timeLimit", limits)).toBe(
      "the schedule was stopped by the time limit (solver.timeLimitSeconds 60) before its work " +
        "limit or gap: it may differ between runs; a smaller solver.workLimit (now 100000) or a " +
        "longer time limit makes it reproducible",
    );
    expect(timeLimitWarning("roster", "timeLimit", limits)).toMatch(/^the roster was stopped/);
  });

  it("words it for the js engine, which cannot count its work", () => {
    expect(timeLimitWarning("schedule", "timeLimit", limits, "js")).toBe(
      "the schedule was stopped by the time limit (solver.timeLimitSeconds 60): it may differ " +
        "between runs; the js engine cannot count its work (solver.workLimit does not apply to " +
        "it): a longer time limit or engine highs makes it reproducible",
    );
  });

  it("says nothing when the gap or the work limit stopped it (the same on every run)", () => {
    for (const stop of ["gap", "workLimit", undefined] as const)
      expect(timeLimitWarning("schedule", stop, limits)).toBeUndefined();
  });
});
