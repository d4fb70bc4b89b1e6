/**
 * `staffcast schedule --work-limit`: the flag's range (exit 2 outside it), what stopped the
 * solve in the JSON and the summary, and the warning when the time limit stopped it (the
 * result may then differ between runs).
 *
 * HiGHS is wrapped (vi.mock) so that a test can make it report its time limit after it found a
 * schedule (the wall clock cannot be made to stop a small solve on cue); otherwise it is real.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { timeLimitWarning } from "../../src/cli/solver-flags.ts";
import { runCli } from "../support/cli.ts";

/** Whether the wrapped HiGHS reports its time limit (with its real solution) on its next model. */
const highsControl = vi.hoisted(() => {
  const control: { next: "real" | "timeLimitWithSolution" } = { next: "real" };
  return control;
});

vi.mock("highs", async (importOriginal) => {
  const actual = await importOriginal<{ default: unknown }>();
  type Model = { getModelStatus(): number; info: { get(name: string): unknown } };
  type Loader = (options?: object) => Promise<{ createModel: (...args: unknown[]) => Model }>;
  const d = actual.default as { default?: Loader } & Loader;
  const load: Loader = d.default ?? d;
  return {
    default: async (options?: object) => {
      const real = await load(options);
      return Object.assign(Object.create(real) as object, {
        createModel(...args: unknown[]): unknown {
          const model = real.createModel(...args);
          const next = highsControl.next;
          highsControl.next = "real";
          if (next === "real") return model;
          // the real solve, reported as stopped by the clock before its bound was proven
          return Object.assign(Object.create(model) as object, {
            getModelStatus: () => 13, // modelStatus.timeLimit
            info: {
              get: (name: string) => (name === "mip_dual_bound" ? 0 : model.info.get(name)),
            },
          });
        },
      });
    },
  };
});

/** A one-day requirement and a shift file whose model is a MIP (two templates, a meal). */
function files(): { req: string; shifts: string } {
  const d = mkdtempSync(join(tmpdir(), "staffcast-limits-"));
  const lines = ["start,agents"];
  for (let q = 16; q < 40; q++) {
    const t = new Date(Date.UTC(2025, 0, 6) + q * 1_800_000).toISOString();
    lines.push(`${t},${q >= 22 && q < 30 ? 5 : 3}`);
  }
  writeFileSync(join(d, "req.csv"), `${lines.join("\n")}\n`);
  writeFileSync(
    join(d, "shifts.json"),
    JSON.stringify({
      intervalMinutes: 30,
      coverage: "soft",
      shifts: [
        {
          name: "day",
          startEarliest: "08:00",
          startLatest: "12:00",
          lengthMinutes: 480,
          breaks: [
            {
              kind: "meal",
              durationMinutes: 30,
              earliestAfterStartMinutes: 180,
              latestBeforeEndMinutes: 120,
            },
          ],
        },
        { name: "part", startEarliest: "08:00", startLatest: "16:00", lengthMinutes: 240 },
      ],
    }),
  );
  return { req: join(d, "req.csv"), shifts: join(d, "shifts.json") };
}

describe("staffcast schedule --work-limit", () => {
  it("refuses a work limit that is not a whole number from 1 to 1e9 (exit 2)", async () => {
    const { req, shifts } = files();
    for (const bad of ["0", "-3", "1.5", "abc", "1e10", ""]) {
      const r = await runCli([
        "schedule",
        "--requirements",
        req,
        "--shifts",
        shifts,
        "--work-limit",
        bad,
      ]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toMatch(/--work-limit <units>/);
    }
  });

  it("says in the JSON and the summary what stopped the solve (here: the requested gap)", async () => {
    const { req, shifts } = files();
    const json = await runCli(["schedule", "--requirements", req, "--shifts", shifts, "--json"]);
    expect(json.code).toBe(0);
    const schedule = JSON.parse(json.stdout) as { status: string; stoppedBy: string; work: number };
    expect(schedule.status).toBe("optimal");
    expect(schedule.stoppedBy).toBe("gap");
    expect(Number.isInteger(schedule.work) && schedule.work >= 0).toBe(true);
    const people = await runCli(["schedule", "--requirements", req, "--shifts", shifts]);
    expect(people.stdout).toMatch(/^Schedule: optimal, .*, stopped at the requested gap/);
    expect(people.stderr).toBe("");
  });

  it("warns that a schedule the time limit stopped may differ between runs", async () => {
    const { req, shifts } = files();
    highsControl.next = "timeLimitWithSolution";
    const r = await runCli(["schedule", "--requirements", req, "--shifts", shifts, "--json"]);
    expect(r.code).toBe(0);
    const schedule = JSON.parse(r.stdout) as { status: string; stoppedBy: string };
    expect(schedule).toMatchObject({ status: "feasible", stoppedBy: "timeLimit" });
    expect(r.stderr).toBe(
      "warning: the schedule was stopped by the time limit (60 s) before its work limit: it may " +
        "differ between runs; a smaller --work-limit (now 100000) or a longer --time-limit makes " +
        "it reproducible\n",
    );
    highsControl.next = "timeLimitWithSolution";
    const people = await runCli(["schedule", "--requirements", req, "--shifts", shifts]);
    expect(people.stdout).toMatch(/^Schedule: feasible, .*, stopped by the time limit \(60 s\)/);
  });

  it("words the warning for the js solver, which cannot count its work", () => {
    expect(timeLimitWarning("schedule", { solver: "js", timeLimit: 5, workLimit: 100 })).toBe(
      "the schedule was stopped by the time limit (5 s): it may differ between runs; the js " +
        "solver cannot count its work (--work-limit does not apply to it): a longer --time-limit " +
        "or --solver highs makes it reproducible",
    );
  });
});
