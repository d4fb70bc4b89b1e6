/**
 * The roster CSV read back (`parseRosterCsv`) and turned into assignments
 * (`rosterAssignments`, `parseRosterAssignmentsCsv`): what `roster --keep` reads. Touching
 * segments form one shift; bad rows are located as `file:line:column: field`.
 */
import { describe, expect, it } from "vitest";
import { DataError } from "../../src/io/errors.ts";
import {
  formatRosterCsv,
  parseRosterAssignmentsCsv,
  parseRosterCsv,
  rosterAssignments,
  type Segment,
} from "../../src/schedule/index.ts";

const MONDAY = Date.UTC(2025, 0, 6);
const H = 3_600_000;

/** The message of the DataError `parse` throws. */
function problem(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    return (error as Error).message;
  }
  throw new Error("no error");
}

const segments: Segment[] = [
  { agentId: "bo", startMs: MONDAY + 8 * H, endMs: MONDAY + 10 * H, activity: "onQueue" },
  { agentId: "ana", startMs: MONDAY + 7 * H, endMs: MONDAY + 9 * H, activity: "onQueue" },
  { agentId: "ana", startMs: MONDAY + 9 * H, endMs: MONDAY + 9.5 * H, activity: "meal" },
  { agentId: "ana", startMs: MONDAY + 9.5 * H, endMs: MONDAY + 12 * H, activity: "onQueue" },
  { agentId: "ana", startMs: MONDAY + 31 * H, endMs: MONDAY + 35 * H, activity: "onQueue" },
  { agentId: "bo", startMs: MONDAY + 10 * H, endMs: MONDAY + 10.25 * H, activity: "break" },
];

describe("rosterAssignments", () => {
  it("joins an agent's touching segments into one shift, sorted by agent and start", () => {
    expect(rosterAssignments(segments)).toEqual([
      { agentId: "ana", startMs: MONDAY + 7 * H, endMs: MONDAY + 12 * H },
      { agentId: "ana", startMs: MONDAY + 31 * H, endMs: MONDAY + 35 * H },
      { agentId: "bo", startMs: MONDAY + 8 * H, endMs: MONDAY + 10.25 * H },
    ]);
    expect(rosterAssignments([])).toEqual([]);
  });

  it("carries the shift's group", () => {
    const grouped = segments.slice(1, 3).map((s) => ({ ...s, group: "sales" }));
    expect(rosterAssignments(grouped)).toEqual([
      { agentId: "ana", startMs: MONDAY + 7 * H, endMs: MONDAY + 9.5 * H, group: "sales" },
    ]);
  });

  it("refuses overlaps, an end not after the start, and a shift of two groups (rows named)", () => {
    const bad: Segment[] = [
      { agentId: "ana", startMs: MONDAY + 7 * H, endMs: MONDAY + 9 * H, activity: "onQueue" },
      { agentId: "ana", startMs: MONDAY + 8 * H, endMs: MONDAY + 10 * H, activity: "onQueue" },
      { agentId: "bo", startMs: MONDAY + 8 * H, endMs: MONDAY + 8 * H, activity: "onQueue" },
      { agentId: "cy", startMs: MONDAY, endMs: MONDAY + H, activity: "onQueue", group: "a" },
      { agentId: "cy", startMs: MONDAY + H, endMs: MONDAY + 2 * H, activity: "break", group: "b" },
    ];
    try {
      rosterAssignments(bad);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DataError);
      expect((error as DataError).issues.map((i) => [i.row, i.field])).toEqual([
        [1, "start"],
        [2, "end"],
        [4, "group"],
      ]);
    }
  });
});

describe("parseRosterCsv and parseRosterAssignmentsCsv", () => {
  it("read back what formatRosterCsv writes, in any zone, with groups", () => {
    const grouped = segments.map((s) => ({ ...s, group: "sales" }));
    const text = formatRosterCsv(grouped, "Europe/Berlin");
    expect(parseRosterCsv(text, "r.csv").rows).toEqual(grouped);
    expect(parseRosterAssignmentsCsv(text, "r.csv")).toEqual(
      rosterAssignments(segments).map((a) => ({ ...a, group: "sales" })),
    );
    const plain = formatRosterCsv(segments, "UTC");
    expect(parseRosterCsv(plain, "r.csv").rows).toEqual(segments);
  });

  it("locate a bad cell: an activity the roster does not write, a time without offset", () => {
    expect(
      problem(() =>
        parseRosterCsv(
          "agent_id,start,end,activity\nana,2025-01-06T08:00:00Z,2025-01-06T09:00:00Z,lunch\n",
          "r.csv",
        ),
      ),
    ).toContain("r.csv:2:4: activity: expected onQueue, break or meal");
    expect(
      problem(() =>
        parseRosterCsv(
          "agent_id,start,end,activity\nana,2025-01-06T08:00:00,2025-01-06T09:00:00Z,onQueue\n",
          "r.csv",
        ),
      ),
    ).toMatch(/r\.csv:2:2: start: /);
    expect(problem(() => parseRosterCsv("agent_id,start,end\n", "r.csv"))).toMatch(
      /r\.csv.*activity/,
    );
  });

  it("locate an overlap at its file, line and column", () => {
    const text =
      "agent_id,start,end,activity\n" +
      "ana,2025-01-06T08:00:00Z,2025-01-06T12:00:00Z,onQueue\n" +
      "ana,2025-01-06T11:00:00Z,2025-01-06T13:00:00Z,onQueue\n";
    expect(problem(() => parseRosterAssignmentsCsv(text, "r.csv"))).toContain(
      'r.csv:3:2: start: overlaps another segment of agent "ana" (the one on record 1)',
    );
  });
});
