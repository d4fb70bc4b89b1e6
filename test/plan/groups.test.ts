/**
 * A plan by skill group (issue 14, item 5): staffed per group with the routing, scheduled and
 * rostered by group (a group's shifts only to agents with its skills), the schedule simulated
 * with the routing, and per queue the expected and simulated service level against the target;
 * the plan folder's files by group.
 */
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/io/csv.ts";
import { DataError } from "../../src/io/errors.ts";
import { parsePlanConfig, planFolderFiles, runPlan } from "../../src/plan/index.ts";
import { checkRosterSkills } from "../../src/schedule/index.ts";
import {
  fixtureGroupConfig,
  fixtureGroupPlan,
  fixtureGroups,
  fixtureHistory,
  fixtureShiftFile,
  fixtureSkilledAgents,
  fixtureSpec,
} from "../support/plan-fixture.ts";

const files = async (): Promise<Record<string, string>> =>
  planFolderFiles(await fixtureGroupPlan(), {
    config: fixtureGroupConfig,
    shiftFile: fixtureShiftFile,
    history: fixtureHistory(),
    title: "Groups",
  });

describe("a plan by skill group", () => {
  it("staffs, schedules and rosters by group, and simulates the schedule", async () => {
    const plan = await fixtureGroupPlan();
    expect(plan.units.map((u) => u.name)).toEqual(["desk", "sales", "care"]);
    expect(plan.requirements).toEqual([]);
    const g = plan.groups!;
    expect(Object.keys(g.routing.queues)).toEqual(["orders", "vip", "after"]);
    expect(g.routing.queues["orders"]!.rejectShare).toBe(0.02);
    expect(g.runs).toBe(20);
    // shift design was given each group's scheduled agents
    const cover = plan.schedule.groupCoverage!;
    for (const r of g.staffing.groups) {
      const c = cover.find((x) => x.startMs === r.startMs && x.group === r.group);
      if (c !== undefined) expect(c.required).toBe(r.scheduledAgents);
    }
    expect(plan.schedule.shifts.every((s) => s.group !== undefined)).toBe(true);
    expect(plan.schedule.groups!["care"]!.queues).toEqual(["after", "orders"]);
    // the roster: 0 unfilled, every segment with a group, skills kept (o1 has orders only)
    expect(plan.roster!.status).toBe("optimal");
    expect(plan.summary.unfilledShifts).toBe(0);
    expect(checkRosterSkills(plan.roster!, plan.schedule, fixtureSkilledAgents)).toEqual([]);
    expect(plan.roster!.segments.some((s) => s.agentId === "o1")).toBe(false);
    // per queue: target, expected and simulated service level with its interval
    const q = plan.summary.queues!;
    expect(Object.keys(q)).toEqual(["orders", "vip", "after"]);
    for (const x of Object.values(q)) {
      const ci = x.simulatedServiceLevelCi!;
      expect(ci[0]).toBeLessThanOrEqual(x.simulatedServiceLevel!);
      expect(ci[1]).toBeGreaterThanOrEqual(x.simulatedServiceLevel!);
      expect(x.expectedServiceLevel!).toBeGreaterThan(0.5);
    }
    expect(q["vip"]!.target).toBe(0.9);
    // agent-seconds per group add up to the totals
    const groups = Object.values(plan.summary.groups!);
    const sum = (f: (x: (typeof groups)[number]) => number): number =>
      groups.reduce((a, x) => a + f(x), 0);
    expect(sum((x) => x.requiredAgentSeconds)).toBeCloseTo(plan.summary.requiredAgentSeconds, 6);
    expect(sum((x) => x.scheduledAgentSeconds)).toBeCloseTo(plan.summary.scheduledAgentSeconds, 6);
  }, 60_000);

  it("is deterministic: the same plan folder twice", async () => {
    const again = await runPlan({
      config: fixtureGroupConfig,
      history: fixtureHistory(),
      shifts: fixtureSpec,
      agents: fixtureSkilledAgents,
    });
    const other = planFolderFiles(again, {
      config: fixtureGroupConfig,
      shiftFile: fixtureShiftFile,
      history: fixtureHistory(),
      title: "Groups",
    });
    expect(other).toEqual(await files());
  }, 60_000);

  it("writes the files by group: requirements, queues, roster with groups, plan.json", async () => {
    const f = await files();
    expect(Object.keys(f)).toEqual([
      "forecast.csv",
      "requirements.csv",
      "queues.csv",
      "schedule.json",
      "roster.csv",
      "plan.json",
      "report.html",
    ]);
    const req = parseCsv(f["requirements.csv"]!, "requirements.csv");
    expect(req.header).toEqual(["start", "group", "agents", "scheduled_agents"]);
    expect(parseCsv(f["queues.csv"]!, "queues.csv").header).toEqual([
      "start",
      "queue",
      "calls",
      "rejected",
      "service_level",
      "asa_s",
      "abandon_rate",
      "method",
    ]);
    expect(parseCsv(f["roster.csv"]!, "roster.csv").header).toEqual([
      "agent_id",
      "start",
      "end",
      "activity",
      "group",
    ]);
    const json = JSON.parse(f["plan.json"]!) as {
      config: { queues: Record<string, Record<string, unknown>>; groups: unknown };
      summary: { queues: Record<string, unknown>; groups: Record<string, unknown> };
      files: string[];
    };
    expect(json.files).toEqual(Object.keys(f));
    expect(json.config.groups).toBeDefined();
    // shrinkage and floors belong to the groups: not echoed per queue
    expect(Object.keys(json.config.queues["vip"]!)).not.toContain("shrinkage");
    expect(Object.keys(json.summary.queues["vip"]!)).toEqual([
      "target",
      "expectedServiceLevel",
      "simulatedServiceLevel",
      "simulatedServiceLevelCi",
    ]);
    expect(Object.keys(json.summary.groups["desk"]!)).toEqual([
      "requiredAgentHours",
      "scheduledAgentHours",
    ]);
  }, 60_000);

  it("shows per queue and per group tables in the report", async () => {
    const html = (await files())["report.html"]!;
    expect(html).toContain('<section id="queues">');
    expect(html).toContain('<section id="groups">');
    expect(html).not.toContain('<section id="units">');
    expect(html).toMatch(/simulated service level/);
    expect(html).toMatch(/<td>care<\/td><td>after, orders after 60 s<\/td>/);
  }, 60_000);

  it("names the field when the groups do not fit the history", async () => {
    const run = async (groups: unknown): Promise<string[]> => {
      const config = parsePlanConfig(
        { start: "2025-01-20", days: 1, groups, solver: { timeLimitSeconds: 10 } },
        { filePaths: false },
      );
      try {
        await runPlan({ config, history: fixtureHistory(), shifts: fixtureSpec });
      } catch (error) {
        expect(error).toBeInstanceOf(DataError);
        return (error as DataError).issues.map((i) => `${i.field}: ${i.message}`);
      }
      return [];
    };
    expect(await run({ desk: fixtureGroups.desk, sales: fixtureGroups.sales })).toEqual([
      'queues.after: no group serves queue "after", a queue of the history: add it to a group\'s serves',
    ]);
    expect(await run({ ...fixtureGroups, extra: { serves: [{ queue: "nope" }] } })).toEqual([
      'groups.extra.serves[0].queue: unknown queue "nope": neither in queues nor in the history (queues: orders, vip, after)',
    ]);
  }, 60_000);
});
