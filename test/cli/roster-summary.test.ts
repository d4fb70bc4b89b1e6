/**
 * The pieces of `staffcast roster`'s output for people: the summary (status, gap, what
 * stopped the search, unfilled shifts by local day, the changes to a kept roster).
 */
import { describe, expect, it } from "vitest";
import {
  UNFILLED_LISTED,
  unfilledShifts,
  writeRosterSummary,
} from "../../src/cli/roster-summary.ts";
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
  workLimit: 50_000,
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
        "Roster: feasible, gap 4.8 %, stopped by the work limit (50000 LP iterations); 3 agent-shifts unfilled",
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
