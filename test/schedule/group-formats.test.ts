/**
 * The files of shift design by skill group: the requirements' `group` column, the schedule
 * JSON's group parts (written and read back), the shift file's `groups`.
 */
import { describe, expect, it } from "vitest";
import { DataError } from "../../src/io/errors.ts";
import {
  designShifts,
  formatScheduleJson,
  parseAgentsCsv,
  parseRequirementPointsCsv,
  parseScheduleJson,
  parseShiftSpec,
} from "../../src/schedule/index.ts";

const T8 = Date.UTC(2025, 0, 6, 8);
const T9 = Date.UTC(2025, 0, 6, 9);

function issuesOf(f: () => unknown): string[] {
  try {
    f();
  } catch (error) {
    if (error instanceof DataError) return error.message.split("\n");
    throw error;
  }
  return [];
}

describe("the requirements' group column", () => {
  it("keeps one point per (start, group), the queues summed", () => {
    const read = parseRequirementPointsCsv(
      "start,queue,group,agents\n" +
        "2025-01-06T08:00:00Z,orders,all,2\n" +
        "2025-01-06T08:00:00Z,vip,all,1\n" +
        "2025-01-06T08:00:00Z,vip,vip,0.5\n" +
        "2025-01-06T09:00:00Z,orders,all,3\n",
      "req.csv",
    );
    expect(read.points).toEqual([
      { startMs: T8, required: 3, group: "all" },
      { startMs: T8, required: 0.5, group: "vip" },
      { startMs: T9, required: 3, group: "all" },
    ]);
  });

  it("without it, points carry no group (as before)", () => {
    const read = parseRequirementPointsCsv("start,agents\n2025-01-06T08:00:00Z,3\n", "req.csv");
    expect(read.points).toEqual([{ startMs: T8, required: 3 }]);
  });

  it("refuses an empty or formula-like group, naming file, line and column", () => {
    const issues = issuesOf(() =>
      parseRequirementPointsCsv(
        "start,group,agents\n2025-01-06T08:00:00Z,,1\n2025-01-06T09:00:00Z,=cmd,1\n",
        "req.csv",
      ),
    );
    expect(issues[0]).toMatch(/^req\.csv:2:2: group: expected a group/);
    expect(issues[1]).toMatch(/req\.csv:3:2: group: .*starts with "=", which spreadsheet/);
  });
});

describe("the agents' skills", () => {
  it("are queue names, trimmed, empty ones dropped", () => {
    const { rows } = parseAgentsCsv('agent_id,skills\nana,"orders; vip|"\n', "agents.csv");
    expect(rows[0]!.skills).toEqual(["orders", "vip"]);
  });
});

describe("the shift file's groups", () => {
  const template = { name: "day", startEarliest: "08:00", startLatest: "08:00", lengthMinutes: 60 };
  it("are read (duplicates once), absent by default", () => {
    const spec = parseShiftSpec({
      shifts: [
        { ...template, groups: ["vip", "all", "vip"] },
        { ...template, name: "b" },
      ],
    });
    expect(spec.shifts[0]!.groups).toEqual(["vip", "all"]);
    expect(spec.shifts[1]!.groups).toBeUndefined();
  });
  it("must be a non-empty list of names", () => {
    expect(issuesOf(() => parseShiftSpec({ shifts: [{ ...template, groups: [] }] }))[0]).toMatch(
      /^shifts\[0\]\.groups: /,
    );
    expect(issuesOf(() => parseShiftSpec({ shifts: [{ ...template, groups: [""] }] }))[0]).toMatch(
      /^shifts\[0\]\.groups\[0\]: /,
    );
  });
});

describe("the schedule JSON's group parts", () => {
  const shiftFile = {
    intervalMinutes: 60,
    coverage: "hard",
    overPenalty: 0,
    shifts: [{ name: "day", startEarliest: "08:00", startLatest: "08:00", lengthMinutes: 120 }],
  };
  it("are written and read back unchanged", async () => {
    const result = await designShifts(
      [
        { startMs: T8, required: 1, group: "all" },
        { startMs: T9, required: 0, group: "all" },
        { startMs: T9, required: 1, group: "vip" },
      ],
      parseShiftSpec(shiftFile),
      { groupSkills: { all: ["orders", "vip"], vip: ["vip"] } },
    );
    const text = formatScheduleJson(result, shiftFile);
    const json = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      "status",
      "objective",
      "gap",
      "stoppedBy",
      "work",
      "shifts",
      "coverage",
      "groupCoverage",
      "transfers",
      "groups",
      "shiftFile",
    ]);
    expect(json["transfers"]).toEqual([
      { start: "2025-01-06T09:00:00Z", from: "all", to: "vip", agents: 1 },
    ]);
    expect(json["groups"]).toEqual({
      all: { queues: ["orders", "vip"], costPerHour: 1 },
      vip: { queues: ["vip"], costPerHour: 1 },
    });
    expect((json["shifts"] as { group: string }[]).map((s) => s.group)).toEqual(["all"]);
    const back = parseScheduleJson(text, "schedule.json");
    expect(formatScheduleJson(back)).toBe(text);
    expect(back.groupCoverage).toEqual(result.groupCoverage);
    expect(back.transfers).toEqual(result.transfers);
  });

  it("are checked field by field", () => {
    const base = { status: "optimal", objective: 0, gap: 0, shifts: [], coverage: [] };
    const bad = JSON.stringify({
      ...base,
      groupCoverage: [{ start: "x", group: "all", required: 1, scheduled: 1, covered: 1 }],
      transfers: [{ start: "2025-01-06T08:00:00Z", from: "all", to: "vip", agents: -1 }],
      groups: { all: { queues: "orders" } },
    });
    const issues = issuesOf(() => parseScheduleJson(bad, "schedule.json")).join("\n");
    expect(issues).toMatch(/schedule\.json: groupCoverage\[0\]\.start: expected an ISO-8601/);
    expect(issues).toMatch(/schedule\.json: transfers\[0\]\.agents: /);
    expect(issues).toMatch(/schedule\.json: groups\.all\.queues: /);
  });
});
