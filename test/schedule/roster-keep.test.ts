/**
 * Incremental re-roster: with a kept roster, each change costs ROSTER_CHANGE_PENALTY, the search
 * starts from it, and the result lists the changes. One agent leaving a 450-agent roster
 * changes its shifts and the assignments that fill them, nothing else.
 */
import { describe, expect, it } from "vitest";
import {
  buildRoster,
  highsSolver,
  ROSTER_CHANGE_PENALTY,
  rosterAssignments,
  verifyRoster,
  type RosterOptions,
} from "../../src/schedule/index.ts";
import { brokenRules, MONDAY, rosterWeek, shiftsOf, weekSpec } from "./roster-fixture.ts";

const RULES = { minRestSeconds: 11 * 3600, twoConsecutiveDaysOff: true, maxNightShiftsWeek: 3 };
const limits = { timeLimitSeconds: 300, relativeGap: 1e-4, workLimit: 5_000 };

describe("re-roster against a kept roster", () => {
  it("changes only a leaving agent's shifts and those that fill them (450 agents)", async () => {
    const week = rosterWeek(21, 450);
    const options: RosterOptions = {
      agents: week.agents,
      availability: week.availability,
      ...RULES,
    };
    const first = await buildRoster(week.schedule, weekSpec, options, highsSolver, limits);
    expect(first.shortfalls).toEqual([]);
    const keep = rosterAssignments(first.segments);
    expect(keep.length).toBe(first.agents.reduce((s, a) => s + a.shifts, 0));
    // the agent with the most shifts leaves
    const gone = [...first.agents].sort((p, q) => q.shifts - p.shifts)[0]!;
    const agents = week.agents.filter((a) => a.id !== gone.agentId);
    const second = await buildRoster(
      week.schedule,
      weekSpec,
      { ...options, agents, keep },
      highsSolver,
      limits,
    );
    expect(second.shortfalls).toEqual([]);
    expect(verifyRoster(second, week.schedule, weekSpec, { ...options, agents, keep })).toEqual([]);
    expect(
      brokenRules(second, week.schedule, agents, week.availability, {
        restHours: 11,
        maxNights: 3,
      }),
    ).toEqual([]);
    const removed = second.changes.filter((c) => c.action === "removed");
    const added = second.changes.filter((c) => c.action === "added");
    expect(removed.filter((c) => c.agentId === gone.agentId)).toHaveLength(gone.shifts);
    expect(second.changeCount).toBe(second.changes.length);
    expect(second.changeCount).toBeLessThanOrEqual(3 * gone.shifts);
    // every shift of the leaving agent is given to someone: as many added as removed
    expect(added.length).toBe(removed.length);
    // the changes no roster avoids are in the bound (the leaving agent's shifts, removed and
    // given to others), every change in the objective
    expect(second.bound!).toBeGreaterThanOrEqual(2 * gone.shifts * ROSTER_CHANGE_PENALTY - 1e-6);
    expect(second.objective!).toBeGreaterThanOrEqual(second.changeCount * ROSTER_CHANGE_PENALTY);
    // sorted by agent, then start, then action
    const key = (c: (typeof second.changes)[number]): string =>
      `${c.agentId}|${String(c.startMs).padStart(16, "0")}|${c.action}`;
    expect(second.changes.map(key)).toEqual(second.changes.map(key).sort());
  }, 120_000);

  it("keeps an unchanged roster as it is, and drops what no longer exists (exact model)", async () => {
    const week = rosterWeek(7, 14, 3.6);
    const options: RosterOptions = {
      agents: week.agents,
      availability: week.availability,
      ...RULES,
    };
    const strict = { timeLimitSeconds: 60, relativeGap: 1e-6 };
    const first = await buildRoster(week.schedule, weekSpec, options, highsSolver, strict);
    expect(first.status).toBe("optimal");
    const keep = rosterAssignments(first.segments);
    const same = await buildRoster(
      week.schedule,
      weekSpec,
      { ...options, keep },
      highsSolver,
      strict,
    );
    expect(same.changes).toEqual([]);
    expect(same.changeCount).toBe(0);
    expect(shiftsOf(same)).toEqual(shiftsOf(first));
    // an agent who is not in the list, and a shift that is not designed: both dropped, counted
    const ghost = { agentId: "ZZ99", startMs: keep[0]!.startMs, endMs: keep[0]!.endMs };
    const odd = {
      agentId: keep[0]!.agentId,
      startMs: MONDAY + 3_600_000,
      endMs: MONDAY + 7_200_000,
    };
    const dropped = await buildRoster(
      week.schedule,
      weekSpec,
      { ...options, keep: [...keep, ghost, odd] },
      highsSolver,
      strict,
    );
    expect(dropped.changes).toEqual(
      [
        { ...ghost, action: "removed" },
        { ...odd, action: "removed" },
      ].sort((p, q) => (p.agentId < q.agentId ? -1 : 1)),
    );
    expect(dropped.objective).toBeCloseTo(first.objective! + 2 * ROSTER_CHANGE_PENALTY, 6);
    expect(dropped.bound!).toBeGreaterThanOrEqual(2 * ROSTER_CHANGE_PENALTY - 1e-6);
  }, 60_000);
});
