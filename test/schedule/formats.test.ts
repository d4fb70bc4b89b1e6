/**
 * The schedule engine's file formats from text: the requirement CSV, the shift file (old field
 * names included), the schedule JSON (written, read back, round trip), the agents and
 * availability CSVs, the roster CSV and JSON. Good files read; bad cells located as
 * `file:line:column: field`.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DataError } from "../../src/io/errors.ts";
import {
  designShifts,
  formatRosterCsv,
  formatRosterJson,
  formatScheduleJson,
  parseAgentsCsv,
  parseAvailabilityCsv,
  parseRequirementPointsCsv,
  parseScheduleJson,
  parseShiftFile,
  resampleCoverage,
  type RosterResult,
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

describe("requirement CSV", () => {
  it("sums the queues per interval", () => {
    const read = parseRequirementPointsCsv(
      "start,queue,agents\n2025-01-06T08:00:00Z,a,3\n2025-01-06T08:00:00Z,b,1.5\n2025-01-06T09:00:00Z,a,2\n",
      "req.csv",
    );
    expect(read.points).toEqual([
      { startMs: MONDAY + 8 * H, required: 4.5 },
      { startMs: MONDAY + 9 * H, required: 2 },
    ]);
    expect(read.warnings).toEqual([]);
    expect(read.file).toBe("req.csv");
  });

  it("reads another column, and locates bad cells", () => {
    const text = "start,agents,f\n2025-01-06T08:00:00Z,x,2.5\nyesterday,3,1\n";
    const good = "start,agents,f\n2025-01-06T08:00:00Z,x,2.5\n";
    expect(parseRequirementPointsCsv(good, "r.csv", { column: "f" }).points).toEqual([
      { startMs: MONDAY + 8 * H, required: 2.5 },
    ]);
    const message = problem(() => parseRequirementPointsCsv(text, "r.csv"));
    expect(message).toContain('r.csv:2:2: agents: expected a number from 0 to 100000 (got "x")');
    expect(message).toContain("r.csv:3:1: start: ");
    expect(problem(() => parseRequirementPointsCsv("start,agents\n", "e.csv"))).toBe(
      "e.csv: no requirement rows",
    );
  });

  it("refuses a row off the others' grid and warns of four weeks without rows", () => {
    const grid = ["start,agents", "2025-01-06T08:00:00Z,1", "2025-01-06T08:30:00Z,1"];
    const off = [...grid, "2025-01-06T09:00:00Z,1", "2025-01-06T09:10:00Z,1"].join("\n");
    expect(problem(() => parseRequirementPointsCsv(off, "g.csv"))).toContain(
      "g.csv:5:1: start: off the grid of the other rows (every 30 min): is its time a typo?",
    );
    const gap = parseRequirementPointsCsv(
      [...grid, "2025-02-06T08:00:00Z,1", "2025-02-06T08:30:00Z,1"].join("\n"),
      "w.csv",
    );
    expect(gap.warnings).toEqual([
      "w.csv: no rows for 31 days between line 3 (2025-01-06T08:30:00Z) and line 4 (2025-02-06T08:00:00Z): is a date wrong?",
    ]);
  });
});

describe("shift file", () => {
  const file = JSON.stringify({
    intervalMinutes: 30,
    timeZone: "Europe/Berlin",
    shifts: [
      {
        name: "day",
        startEarliest: "08:00",
        startLatest: "09:00",
        startStepMinutes: 30,
        lengthMinutes: [480, 510],
        breaks: [
          {
            kind: "meal",
            durationMinutes: 30,
            earliestAfterStartMinutes: 180,
            latestBeforeEndMinutes: 120,
          },
        ],
      },
    ],
  });

  it("reads the fields with their units, minutes, defaults filled in", () => {
    const read = parseShiftFile(file, "shifts.json");
    expect(read.warnings).toEqual([]);
    expect(read.raw).toEqual(JSON.parse(file));
    expect(read.spec).toMatchObject({ intervalMinutes: 30, timeZone: "Europe/Berlin" });
    expect(read.spec.shifts[0]).toEqual({
      name: "day",
      startEarliestMinutes: 480,
      startLatestMinutes: 540,
      startStepMinutes: 30,
      lengthMinutes: [480, 510],
      days: [0, 1, 2, 3, 4, 5, 6],
      costPerHour: 1,
      minCount: 0,
      maxCount: Number.POSITIVE_INFINITY,
      breaks: [
        {
          kind: "meal",
          durationMinutes: 30,
          earliestAfterStartMinutes: 180,
          latestBeforeEndMinutes: 120,
          paid: false,
        },
      ],
    });
  });

  it("reads the old names (test/fixtures/shifts-old-names.json) as the new, with one warning", () => {
    const old = parseShiftFile(
      readFileSync("test/fixtures/shifts-old-names.json", "utf8"),
      "old.json",
    );
    const now = parseShiftFile(readFileSync("examples/small-team/shifts.json", "utf8"));
    expect(old.spec).toEqual(now.spec);
    expect(now.warnings).toEqual([]);
    expect(old.warnings).toEqual([
      "old.json: old field names interval (now intervalMinutes), minutes (now durationMinutes), " +
        "earliestAfterStart (now earliestAfterStartMinutes), latestBeforeEnd (now " +
        "latestBeforeEndMinutes): they are still read, but rename them (the old names will stop " +
        "working in a later version)",
    ]);
  });

  it("names a field given under both names, and bad fields as the file wrote them", () => {
    const both = file.replace('"startStepMinutes":30', '"startStepMinutes":30,"startStep":30');
    expect(problem(() => parseShiftFile(both, "b.json"))).toBe(
      'b.json: shifts[0].startStepMinutes: given twice: as "startStep" (its old name) and as "startStepMinutes": keep "startStepMinutes"',
    );
    const oldBad = file
      .replace('"durationMinutes":30', '"minutes":-5')
      .replace('"intervalMinutes":30', '"interval":7');
    const message = problem(() => parseShiftFile(oldBad, "o.json"));
    expect(message).toContain("o.json: shifts[0].breaks[0].minutes: ");
    expect(message).not.toContain("durationMinutes");
    const newBad = file.replace('"durationMinutes":30', '"durationMinutes":45');
    expect(problem(() => parseShiftFile(newBad, "n.json"))).toBe(
      "n.json: shifts[0].breaks[0].durationMinutes: must be a multiple of the interval (30 minutes), got 45",
    );
    expect(problem(() => parseShiftFile('{"shifts": [}', "s.json"))).toMatch(
      /^s\.json:1:13: not valid JSON/,
    );
    expect(problem(() => parseShiftFile(file.replace('"08:00"', '"24:00"'), "c.json"))).toBe(
      "c.json: shifts[0].startEarliest: expected a time HH:MM",
    );
  });
});

describe("schedule JSON", () => {
  const shiftFile = {
    intervalMinutes: 60,
    timeZone: "Europe/Berlin",
    coverage: "hard",
    overPenalty: 0,
    shifts: [
      {
        name: "four",
        startEarliest: "08:00",
        startLatest: "09:00",
        lengthMinutes: 240,
        breaks: [
          {
            kind: "meal",
            durationMinutes: 60,
            earliestAfterStartMinutes: 60,
            latestBeforeEndMinutes: 60,
          },
        ],
      },
    ],
  };
  // 08:00-12:00 Berlin (07:00-11:00 UTC), 2 agents
  const requirement = [2, 2, 2, 2].map((required, h) => ({
    startMs: MONDAY + (7 + h) * H,
    required,
  }));

  it("is written with times in the shift file's zone, and read back to the same result", async () => {
    const spec = parseShiftFile(JSON.stringify(shiftFile)).spec;
    const schedule = await designShifts(requirement, spec);
    expect(schedule.timeZone).toBe("Europe/Berlin");
    // 4 agents for 4 hours with an unpaid meal: 3 paid hours each
    expect(schedule.shifts.map((s) => [s.count, s.paidSeconds])).toEqual([[4, 3 * 3600]]);
    const text = formatScheduleJson(schedule, shiftFile);
    expect(text.endsWith("}\n")).toBe(true);
    const json = JSON.parse(text) as { shifts: { start: string; end: string }[] };
    expect(json.shifts[0]).toMatchObject({
      start: "2025-01-06T08:00:00+01:00",
      end: "2025-01-06T12:00:00+01:00",
    });
    const back = parseScheduleJson(text, "s.json");
    const { shiftFile: carried, spec: parsedSpec, warnings, ...result } = back;
    expect(result).toEqual(schedule);
    expect(carried).toEqual(shiftFile);
    expect(parsedSpec).toEqual(spec);
    expect(warnings).toEqual([]);
    // and written again, the same text
    expect(formatScheduleJson(back)).toBe(text);
  });

  it("names bad fields, in the schedule and in its shift file", () => {
    const valid = {
      status: "optimal",
      objective: 8,
      gap: 0,
      shifts: [
        {
          name: "day",
          start: "2025-01-06T08:00:00Z",
          end: "2025-01-06T16:00:00Z",
          count: 1,
          breaks: [],
        },
      ],
      coverage: [{ start: "2025-01-06T08:00:00Z", required: 1, scheduled: 1 }],
    };
    const text = (v: unknown): string => JSON.stringify(v);
    expect(
      problem(() =>
        parseScheduleJson(
          text({ ...valid, coverage: [{ ...valid.coverage[0], start: "noon" }] }),
          "s.json",
        ),
      ),
    ).toBe(
      "s.json: coverage[0].start: expected an ISO-8601 instant with an offset, such as 2025-01-06T08:00:00Z",
    );
    expect(problem(() => parseScheduleJson(text(valid), "s.json", { needs: ["shiftFile"] }))).toBe(
      's.json: shiftFile: missing: not a schedule from "staffcast schedule --out" (it adds the shift file)',
    );
    expect(
      problem(() =>
        parseScheduleJson(text({ ...valid, coverage: [] }), "s.json", { needs: ["coverage"] }),
      ),
    ).toBe("s.json: coverage: empty: the schedule covers nothing");
    const badShiftFile = { ...valid, shiftFile: { shifts: [] } };
    expect(problem(() => parseScheduleJson(text(badShiftFile), "s.json"))).toMatch(
      /^s\.json: shiftFile\.shifts: /,
    );
    const otherTemplate = {
      ...valid,
      shiftFile: {
        shifts: [
          { name: "late", startEarliest: "12:00", startLatest: "12:00", lengthMinutes: 480 },
        ],
      },
    };
    expect(problem(() => parseScheduleJson(text(otherTemplate), "s.json"))).toBe(
      's.json: shifts[0].name: the shift file (shiftFile) has no template "day"',
    );
    expect(problem(() => parseScheduleJson("[1,", "s.json"))).toMatch(
      /^s\.json:1:4: not valid JSON/,
    );
  });

  it("without a shift file: meals unpaid, times in UTC; an old-name shift file warns once", () => {
    const text = JSON.stringify({
      status: "optimal",
      objective: 1,
      gap: 0,
      shifts: [
        {
          name: "day",
          start: "2025-01-06T09:00:00+01:00",
          end: "2025-01-06T17:00:00+01:00",
          count: 2,
          breaks: [
            {
              kind: "meal",
              start: "2025-01-06T12:00:00+01:00",
              end: "2025-01-06T12:30:00+01:00",
              count: 2,
            },
            {
              kind: "break",
              start: "2025-01-06T14:00:00+01:00",
              end: "2025-01-06T14:15:00+01:00",
              count: 2,
            },
          ],
        },
      ],
      coverage: [],
    });
    const read = parseScheduleJson(text, "s.json");
    expect(read.timeZone).toBe("UTC");
    expect(read.shifts[0]!.startMs).toBe(MONDAY + 8 * H);
    expect(read.shifts[0]!.paidSeconds).toBe(7.5 * 3600);
    const written = JSON.parse(formatScheduleJson(read)) as { shifts: { start: string }[] };
    expect(written.shifts[0]!.start).toBe("2025-01-06T08:00:00Z");
    const old = JSON.parse(text) as Record<string, unknown>;
    old["shiftFile"] = {
      interval: 30,
      shifts: [
        {
          name: "day",
          startEarliest: "09:00",
          startLatest: "09:00",
          lengthMinutes: 480,
          breaks: [{ kind: "meal", minutes: 30 }, { minutes: 30 }],
        },
      ],
    };
    const withOld = parseScheduleJson(JSON.stringify(old), "s.json");
    expect(withOld.warnings).toEqual([
      "s.json: shiftFile: old field names interval (now intervalMinutes), minutes (now durationMinutes): they are still read, but rename them (the old names will stop working in a later version)",
    ]);
    // the template's second break is paid: only its meal is not
    expect(withOld.shifts[0]!.paidSeconds).toBe(7.5 * 3600);
  });
});

describe("agents and availability CSVs", () => {
  it("reads agents, weekly hours into seconds", () => {
    const read = parseAgentsCsv(
      "agent_id,skills,min_hours_week,max_hours_week,max_days_week\nana,sales;vip,30,37.5,5\nbo,,,,\n",
      "agents.csv",
    );
    expect(read.rows).toEqual([
      {
        id: "ana",
        skills: ["sales", "vip"],
        minSecondsWeek: 108_000,
        maxSecondsWeek: 135_000,
        maxDaysWeek: 5,
      },
      { id: "bo" },
    ]);
    expect(read.table.line(1)).toBe(3);
  });

  it("locates bad agents' cells", () => {
    const message = problem(() =>
      parseAgentsCsv(
        "agent_id,min_hours_week,max_hours_week,max_days_week\nana,50,40,8\nana,x,200,1.5\n,1,1,1\n",
        "a.csv",
      ),
    );
    expect(message.split("\nerror: ")).toEqual([
      'a.csv:2:2: min_hours_week: exceeds max_hours_week (got "50")',
      'a.csv:2:4: max_days_week: at most 7 (got "8")',
      'a.csv:3:1: agent_id: duplicate agent (got "ana")',
      'a.csv:3:2: min_hours_week: expected a number >= 0 (got "x")',
      'a.csv:3:4: max_days_week: expected a whole number >= 0 (got "1.5")',
      'a.csv:3:3: max_hours_week: at most 168 (the hours of a week) (got "200")',
      'a.csv:4:1: agent_id: expected an id (got "")',
    ]);
  });

  it("reads availability (a window may end at 24:00) and locates bad cells", () => {
    const read = parseAvailabilityCsv(
      "agent_id,date,available_from,available_to\nana,2025-01-06,,\nana,2025-01-07,18:00,24:00\n",
      "off.csv",
      { agents: new Set(["ana"]) },
    );
    expect(read.rows).toEqual([
      { agentId: "ana", date: "2025-01-06" },
      { agentId: "ana", date: "2025-01-07", from: "18:00", to: "24:00" },
    ]);
    const message = problem(() =>
      parseAvailabilityCsv(
        "agent_id,date,available_from,available_to\nzed,2025-02-30,8:00,10:00\nana,2025-01-06,12:00,11:00\n",
        "off.csv",
        { agents: new Set(["ana"]) },
      ),
    );
    expect(message.split("\nerror: ")).toEqual([
      'off.csv:2:1: agent_id: not in the agents file (got "zed")',
      'off.csv:2:2: date: 2025-02-30 is not a calendar date (got "2025-02-30")',
      'off.csv:2:3: available_from: expected a time HH:MM (got "8:00")',
      'off.csv:3:4: available_to: must be after available_from (got "11:00")',
    ]);
  });
});

describe("roster CSV and JSON", () => {
  const roster: RosterResult = {
    status: "optimal",
    objective: 12.5,
    bound: 12.5,
    stoppedBy: "gap",
    work: 0,
    workLimit: 100_000,
    changes: [],
    changeCount: 0,
    gap: 0,
    timeZone: "Europe/Berlin",
    segments: [
      { agentId: "Doe, Jane", startMs: MONDAY + 7 * H, endMs: MONDAY + 9 * H, activity: "onQueue" },
      { agentId: "Doe, Jane", startMs: MONDAY + 9 * H, endMs: MONDAY + 9.5 * H, activity: "meal" },
    ],
    agents: [
      {
        agentId: "Doe, Jane",
        shifts: 1,
        days: 1,
        paidSeconds: 7200,
        belowMinimumSeconds: 3600,
        nightShifts: 0,
        unsocialShifts: 0,
      },
    ],
    shortfalls: [{ name: "day", startMs: MONDAY + 7 * H, endMs: MONDAY + 11 * H, missing: 1 }],
  };

  it("writes the segments CSV in a zone, quoting ids that need it", () => {
    expect(formatRosterCsv(roster.segments, roster.timeZone)).toBe(
      "agent_id,start,end,activity\n" +
        '"Doe, Jane",2025-01-06T08:00:00+01:00,2025-01-06T10:00:00+01:00,onQueue\n' +
        '"Doe, Jane",2025-01-06T10:00:00+01:00,2025-01-06T10:30:00+01:00,meal\n',
    );
  });

  it("writes the JSON: seconds, times in the roster's zone, segments optional", () => {
    const json = JSON.parse(formatRosterJson(roster)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      "status",
      "objective",
      "bound",
      "gap",
      "stoppedBy",
      "work",
      "agents",
      "shortfalls",
      "segments",
    ]);
    expect([json["bound"], json["stoppedBy"], json["work"]]).toEqual([12.5, "gap", 0]);
    expect(json["shortfalls"]).toEqual([
      {
        name: "day",
        start: "2025-01-06T08:00:00+01:00",
        end: "2025-01-06T12:00:00+01:00",
        missing: 1,
      },
    ]);
    expect(json["agents"]).toEqual([
      {
        agentId: "Doe, Jane",
        shifts: 1,
        days: 1,
        paidSeconds: 7200,
        belowMinimumSeconds: 3600,
        nightShifts: 0,
        unsocialShifts: 0,
      },
    ]);
    const without = JSON.parse(formatRosterJson(roster, { segments: false })) as Record<
      string,
      unknown
    >;
    expect(without["segments"]).toBeUndefined();
  });

  it("writes the changes to a kept roster: times in the roster's zone, group when there is one", () => {
    const kept: RosterResult = {
      ...roster,
      objective: 212.5,
      bound: 200.25,
      gap: 0.0576,
      stoppedBy: "workLimit",
      work: 123457,
      changes: [
        { agentId: "bo", startMs: MONDAY + 7 * H, endMs: MONDAY + 11 * H, action: "added" },
        {
          agentId: "cy",
          startMs: MONDAY + 7 * H,
          endMs: MONDAY + 11 * H,
          group: "sales",
          action: "removed",
        },
      ],
      changeCount: 2,
    };
    const json = JSON.parse(formatRosterJson(kept, { segments: false })) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      "status",
      "objective",
      "bound",
      "gap",
      "stoppedBy",
      "work",
      "agents",
      "shortfalls",
      "changes",
      "changeCount",
    ]);
    // numbers as the result has them, unrounded
    expect([json["bound"], json["gap"], json["stoppedBy"], json["work"]]).toEqual([
      200.25,
      0.0576,
      "workLimit",
      123457,
    ]);
    expect(json["changes"]).toEqual([
      {
        agentId: "bo",
        start: "2025-01-06T08:00:00+01:00",
        end: "2025-01-06T12:00:00+01:00",
        action: "added",
      },
      {
        agentId: "cy",
        start: "2025-01-06T08:00:00+01:00",
        end: "2025-01-06T12:00:00+01:00",
        action: "removed",
        group: "sales",
      },
    ]);
    expect(json["changeCount"]).toBe(2);
    // asked for (a roster was kept) they are written even when empty; else only when there are some
    const none = { ...roster, changes: [], changeCount: 0 };
    expect(JSON.parse(formatRosterJson(none, { changes: true }))).toMatchObject({
      changes: [],
      changeCount: 0,
    });
    expect(JSON.parse(formatRosterJson(none))).not.toHaveProperty("changes");
    expect(JSON.parse(formatRosterJson(kept, { changes: false }))).not.toHaveProperty(
      "changeCount",
    );
    // a proven bound unknown, a gap not a number: null
    const open = { ...roster, bound: null, gap: Number.NaN };
    expect(JSON.parse(formatRosterJson(open))).toMatchObject({ bound: null, gap: null });
  });
});

describe("resampleCoverage", () => {
  it("averages half-hour coverage onto hours, weighting by overlap; 0 where it does not reach", () => {
    const coverage = [3, 4, 6, 2].map((scheduled, k) => ({
      startMs: MONDAY + 8 * H + k * (H / 2),
      required: 0,
      scheduled,
    }));
    expect(
      resampleCoverage(coverage, [MONDAY + 8 * H, MONDAY + 9 * H, MONDAY + 10 * H], 3600),
    ).toEqual([3.5, 4, 0]);
    // a quarter hour inside one half hour: that half hour's agents
    expect(resampleCoverage(coverage, [MONDAY + 8.25 * H], 900)).toEqual([3]);
    expect(resampleCoverage([], [MONDAY], 900)).toEqual([0]);
  });
});
