/**
 * The roster's skill rule: a shift of a skill group goes only to agents whose skills include
 * every queue of the group. `checkRosterSkills` is seen to fail on a roster that breaks the
 * rule, and finds nothing on every roster `buildRoster` returns.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildRoster,
  checkRosterSkills,
  designShifts,
  formatRosterCsv,
  formatRosterJson,
  highsSolver,
  parseScheduleJson,
  formatScheduleJson,
  parseShiftSpec,
  rosterGroupSkills,
  type Agent,
  type RequirementPoint,
  type ScheduleResult,
} from "../../src/schedule/index.ts";

const H = 3_600_000;
const DAY = 24 * H;
const MONDAY = Date.UTC(2025, 0, 6);
const limits = { timeLimitSeconds: 60, relativeGap: 1e-6 };

/** Three weekdays 08:00-16:00: the generalists 2 agents, vip 1, orders 1. */
function requirement(): RequirementPoint[] {
  const points: RequirementPoint[] = [];
  for (let d = 0; d < 3; d++)
    for (let h = 8; h < 16; h++)
      for (const [group, required] of [
        ["all", 2],
        ["vip", 1],
        ["orders", 1],
      ] as const)
        points.push({ startMs: MONDAY + d * DAY + h * H, required, group });
  return points;
}

const shiftFile = {
  intervalMinutes: 60,
  overPenalty: 1,
  underPenalty: 50,
  shifts: [{ name: "day", startEarliest: "08:00", startLatest: "08:00", lengthMinutes: 480 }],
};
const spec = parseShiftSpec(shiftFile);
const groups = { all: ["orders", "vip"], vip: ["vip"], orders: ["orders"] };

const agents: Agent[] = [
  { id: "ana", skills: ["orders", "vip"] },
  { id: "ben", skills: ["vip", "orders"] },
  { id: "cai", skills: ["vip"] },
  { id: "dan", skills: ["orders"] },
  { id: "eve" },
  { id: "fay", skills: ["orders"] },
];

let schedule: ScheduleResult;
beforeAll(async () => {
  // no transfers: each group staffed on its own, its queues carried by the schedule
  const designed = await designShifts(requirement(), spec, { relativeGap: 1e-6 });
  schedule = parseScheduleJson(
    formatScheduleJson(
      {
        ...designed,
        groups: {
          all: { queues: groups.all },
          vip: { queues: groups.vip },
          orders: { queues: groups.orders },
        },
      },
      shiftFile,
    ),
  );
});

describe("the skill rule", () => {
  it("gives each group's shifts only to agents with all its queues", async () => {
    const roster = await buildRoster(schedule, spec, { agents }, highsSolver, limits);
    expect(roster.status).toBe("optimal");
    expect(checkRosterSkills(roster, schedule, agents)).toEqual([]);
    const groupsOf = (id: string) =>
      [...new Set(roster.segments.filter((s) => s.agentId === id).map((s) => s.group))].sort();
    expect(groupsOf("cai")).toEqual(["vip"]);
    expect(groupsOf("eve")).toEqual([]); // no skills: no shift of any group
    for (const id of ["dan", "fay"]) expect(groupsOf(id)).not.toContain("all");
    expect(roster.shortfalls).toEqual([]);
  });

  it("leaves a shift unfilled when nobody has its skills, naming its group", async () => {
    const few = agents.filter((a) => a.id === "dan" || a.id === "eve");
    const roster = await buildRoster(schedule, spec, { agents: few }, highsSolver, limits);
    expect(checkRosterSkills(roster, schedule, few)).toEqual([]);
    expect(new Set(roster.shortfalls.map((f) => f.group))).toEqual(new Set(["all", "vip"]));
    expect(roster.segments.every((s) => s.agentId === "dan" && s.group === "orders")).toBe(true);
    expect(formatRosterCsv(roster.segments, roster.timeZone).split("\n")[0]).toBe(
      "agent_id,start,end,activity,group",
    );
    const json = JSON.parse(formatRosterJson(roster)) as {
      shortfalls: { group: string }[];
      segments: { group: string }[];
    };
    expect(json.shortfalls[0]!.group).toBeDefined();
    expect(json.segments[0]!.group).toBe("orders");
  });

  it("takes the caller's queues over the schedule's", async () => {
    // vip now needs orders too: cai may no longer work it
    const given = { vip: ["vip", "orders"] };
    expect(rosterGroupSkills(schedule, given)["vip"]).toEqual(["vip", "orders"]);
    const roster = await buildRoster(
      schedule,
      spec,
      { agents, groupSkills: given },
      highsSolver,
      limits,
    );
    expect(checkRosterSkills(roster, schedule, agents, given)).toEqual([]);
    expect(roster.segments.some((s) => s.agentId === "cai")).toBe(false);
  });

  it("checkRosterSkills fails on a roster giving a shift to an agent without its skills", async () => {
    const roster = await buildRoster(schedule, spec, { agents }, highsSolver, limits);
    const caiOnAll = roster.segments.map((s) => (s.agentId === "cai" ? { ...s, group: "all" } : s));
    expect(checkRosterSkills({ ...roster, segments: caiOnAll }, schedule, agents)).toContain(
      "cai works for group all (on 2025-01-06T08:00:00Z) without its skills orders",
    );
    const noGroup = roster.segments.map((s) => ({
      agentId: s.agentId,
      startMs: s.startMs,
      endMs: s.endMs,
      activity: s.activity,
    }));
    expect(checkRosterSkills({ ...roster, segments: noGroup }, schedule, agents)[0]).toMatch(
      /no group, but the schedule's shifts have groups/,
    );
    const late = roster.segments.map((s) =>
      s.agentId === "ana" ? { ...s, startMs: s.startMs + 12 * H, endMs: s.endMs + 12 * H } : s,
    );
    expect(checkRosterSkills({ ...roster, segments: late }, schedule, agents).join("\n")).toMatch(
      /^ana at .*: no shift of group all then/m,
    );
    expect(checkRosterSkills(roster, schedule, agents.slice(1)).join("\n")).toMatch(
      /ana at .*: unknown agent/,
    );
  });

  it("without groups, skills change nothing and the CSV keeps its columns", async () => {
    const plain = await designShifts(
      requirement().map(({ startMs, required }) => ({ startMs, required })),
      spec,
    );
    const roster = await buildRoster(plain, spec, { agents }, highsSolver, limits);
    expect(roster.segments.some((s) => s.agentId === "eve")).toBe(true);
    expect(roster.segments.every((s) => s.group === undefined)).toBe(true);
    expect(formatRosterCsv(roster.segments, roster.timeZone).split("\n")[0]).toBe(
      "agent_id,start,end,activity",
    );
    expect(checkRosterSkills(roster, plain, agents)).toEqual([]);
  });
});
