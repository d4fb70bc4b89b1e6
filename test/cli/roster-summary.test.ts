/**
 * The pieces of `staffcast roster`'s output for people: the summary (status, gap, what
 * stopped the search, unfilled shifts by local day, the changes to a kept roster), the warning
 * of a roster stopped by the wall clock, and the progress line of the solve on a terminal.
 */
import { describe, expect, it } from "vitest";
import {
  UNFILLED_LISTED,
  unfilledShifts,
  warnTimeLimit,
  writeRosterSummary,
} from "../../src/cli/roster-summary.ts";
import { REDRAW_MS, solveProgressLine } from "../../src/cli/roster-progress.ts";
import type { RosterResult, Shortfall } from "../../src/schedule/index.ts";

const MONDAY = Date.UTC(2026, 2, 2); // Monday 2 March 2026
const H = 3_600_000;

function sink(isTTY = false): { text: string; isTTY: boolean; write(chunk: string): void } {
  return {
    text: "",
    isTTY,
    write(chunk: string) {
      this.text += chunk;
    },
  };
}

const base: RosterResult = {
  status: "feasible",
  objective: 2100,
  bound: 2000,
  gap: 0.047619,
  stoppedBy: "workLimit",
  work: 50_000,
  timeZone: "Europe/Berlin",
  segments: [],
  agents: [
    {
      agentId: "ana",
      shifts: 1,
      days: 1,
      paidSeconds: 27_000,
      belowMinimumSeconds: 0,
      nightShifts: 0,
      unsocialShifts: 0,
    },
  ],
  shortfalls: [
    { name: "late", startMs: MONDAY + 13 * H, endMs: MONDAY + 21 * H, missing: 1 },
    { name: "early", startMs: MONDAY + 5 * H, endMs: MONDAY + 13.5 * H, missing: 2 },
  ],
  changes: [],
  changeCount: 0,
};

describe("writeRosterSummary", () => {
  it("says status, gap, what stopped the search, and lists the unfilled shifts by local day", () => {
    const out = sink();
    writeRosterSummary(base, out);
    expect(out.text).toBe(
      [
        "Roster: feasible, gap 4.8 %, stopped by the work limit; 3 agent-shifts unfilled",
        "agent  shifts  days  paid h  h short  nights  unsocial",
        "ana         1     1     7.5      0.0       0         0",
        "Unfilled shifts:",
        "  day             shift  time         missing",
        "  Mon 2026-03-02  early  06:00-14:30        2",
        "  Mon 2026-03-02  late   14:00-22:00        1",
        "",
      ].join("\n"),
    );
  });

  it("names the gap or the time limit as what stopped it, and lists no shift when all are filled", () => {
    for (const [stoppedBy, words] of [
      ["gap", "stopped at the requested gap"],
      ["timeLimit", "stopped by the time limit"],
    ] as const) {
      const out = sink();
      writeRosterSummary({ ...base, stoppedBy, shortfalls: [] }, out);
      expect(out.text).toContain(`, ${words}; 0 agent-shifts unfilled`);
      expect(out.text).not.toContain("Unfilled");
    }
  });

  it("with a kept roster, counts the changes", () => {
    const out = sink();
    const change = { agentId: "ana", startMs: MONDAY, endMs: MONDAY + 8 * H };
    writeRosterSummary(
      {
        ...base,
        changes: [
          { ...change, action: "removed" },
          { ...change, startMs: MONDAY + H, action: "added" },
          { ...change, startMs: MONDAY + 2 * H, action: "added" },
        ],
        changeCount: 3,
      },
      out,
      { keep: true },
    );
    expect(out.text.endsWith("\n3 changes (2 added, 1 removed)\n")).toBe(true);
    const none = sink();
    writeRosterSummary(base, none, { keep: true });
    expect(none.text.endsWith("\n0 changes (0 added, 0 removed)\n")).toBe(true);
    const without = sink();
    writeRosterSummary(base, without);
    expect(without.text).not.toContain("changes");
  });

  it("without a roster: the status alone (the error that follows says why)", () => {
    const out = sink();
    const none = { ...base, objective: null, bound: null, gap: null, agents: [], shortfalls: [] };
    writeRosterSummary({ ...none, status: "infeasible", stoppedBy: "gap" }, out);
    expect(out.text.split("\n")[0]).toBe("Roster: infeasible; 0 agent-shifts unfilled");
  });
});

describe("unfilledShifts", () => {
  it(`lists at most ${UNFILLED_LISTED}, in time order, with the group column when there are groups`, () => {
    const many: Shortfall[] = Array.from({ length: 25 }, (_, k) => ({
      name: "day",
      group: k % 2 === 0 ? "sales" : "service",
      startMs: MONDAY + (24 - k) * 24 * H + 8 * H,
      endMs: MONDAY + (24 - k) * 24 * H + 16 * H,
      missing: 1,
    }));
    const lines = unfilledShifts(many, "UTC").split("\n");
    expect(lines[0]).toBe("Unfilled shifts:");
    expect(lines[1]).toBe("  day             shift  time         group    missing");
    expect(lines[2]).toBe("  Mon 2026-03-02  day    08:00-16:00  sales          1");
    expect(lines[3]).toBe("  Tue 2026-03-03  day    08:00-16:00  service        1");
    expect(lines).toHaveLength(2 + UNFILLED_LISTED + 1);
    expect(lines[lines.length - 1]).toBe("  ... and 5 more");
  });

  it("shows names from the data as text, never as terminal controls", () => {
    const text = unfilledShifts(
      [{ name: "x\u001b[31m", startMs: MONDAY, endMs: MONDAY + H, missing: 1 }],
      "UTC",
    );
    expect(text).toContain("x\\u001b[31m");
    expect(text).not.toContain("\u001b");
  });
});

describe("warnTimeLimit", () => {
  it("warns only when the wall clock stopped a roster that was found", () => {
    const out = sink();
    warnTimeLimit({ ...base, stoppedBy: "timeLimit" }, out);
    expect(out.text).toBe(
      "warning: the time limit stopped the search: the roster may differ between runs; give " +
        "--work-limit <units> for the same roster every time, or a longer --time-limit\n",
    );
    const quiet = sink();
    warnTimeLimit(base, quiet);
    warnTimeLimit({ ...base, status: "timeLimit", objective: null, stoppedBy: "timeLimit" }, quiet);
    expect(quiet.text).toBe("");
  });
});

describe("solveProgressLine", () => {
  it("draws incumbent, bound, gap and elapsed time in place, at most every REDRAW_MS, and erases itself", () => {
    const out = sink(true);
    let now = 1000;
    const line = solveProgressLine(out, true, () => now);
    now += 2500;
    line.update({ incumbent: 2100, bound: 2000, gap: 0.047619, work: 10 });
    expect(out.text).toBe("\r\u001b[Kincumbent 2100, bound 2000, gap 4.8 %, elapsed 2.5 s");
    now += REDRAW_MS / 2;
    line.update({ incumbent: 2050, bound: 2000, gap: 0.024, work: 20 });
    expect(out.text).not.toContain("2050"); // too soon
    now += REDRAW_MS;
    line.update({ incumbent: Number.NaN, bound: 1234.56789, gap: Number.NaN, work: 30 });
    expect(out.text).toMatch(
      // eslint-disable-next-line no-control-regex -- the erase-line escape is what is checked
      /\r\u001b\[Kincumbent none, bound 1234\.57, gap unknown, elapsed 2\.\d s$/,
    );
    line.clear();
    expect(out.text.endsWith("\r\u001b[K")).toBe(true);
  });

  it("writes nothing when disabled (not a terminal, or --json), and erases no line it never drew", () => {
    const out = sink();
    const line = solveProgressLine(out, false);
    line.update({ incumbent: 1, bound: 1, gap: 0, work: 1 });
    line.clear();
    solveProgressLine(out, true).clear();
    expect(out.text).toBe("");
  });
});
