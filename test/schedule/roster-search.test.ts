/**
 * The large-roster search (greedy start, cheap moves, large-neighbourhood search with HiGHS)
 * on a seeded week, forced on a roster small enough to test quickly: every shift filled, every
 * rule kept (checked from the segments, independently of the search), the bound below the
 * objective, the same roster every run, and a work limit that stops it and says so.
 */
import { describe, expect, it } from "vitest";
import {
  buildRoster,
  highsSolver,
  verifyRoster,
  type RosterOptions,
} from "../../src/schedule/index.ts";
import { brokenRules, rosterWeek, weekSpec } from "./roster-fixture.ts";

const RULES = { minRestSeconds: 11 * 3600, twoConsecutiveDaysOff: true, maxNightShiftsWeek: 3 };
const week = rosterWeek(13, 60, 4.5);
const options: RosterOptions = { agents: week.agents, availability: week.availability, ...RULES };
const search = { engine: "search" } as const;

describe("large-roster search", () => {
  it("fills every shift, keeps every rule, and gives the same roster every run", async () => {
    const limits = { timeLimitSeconds: 300, relativeGap: 1e-4, workLimit: 10_000 };
    const progress: number[] = [];
    const first = await buildRoster(
      week.schedule,
      weekSpec,
      options,
      highsSolver,
      { ...limits, onProgress: (p) => progress.push(p.incumbent) },
      search,
    );
    const second = await buildRoster(week.schedule, weekSpec, options, highsSolver, limits, search);
    expect(second).toEqual(first);
    expect(first.shortfalls).toEqual([]);
    expect(
      brokenRules(first, week.schedule, week.agents, week.availability, {
        restHours: 11,
        maxNights: 3,
      }),
    ).toEqual([]);
    // and the library's independent verifier (rules, counts, totals, objective) agrees
    expect(verifyRoster(first, week.schedule, weekSpec, options)).toEqual([]);
    expect(first.bound).not.toBeNull();
    expect(first.bound!).toBeLessThanOrEqual(first.objective! + 1e-9);
    expect(first.stoppedBy).not.toBe("timeLimit");
    expect(first.work).toBeLessThanOrEqual(limits.workLimit * 1.5);
    // progress after each round: the incumbent never rises
    expect(progress.length).toBeGreaterThan(0);
    for (let k = 1; k < progress.length; k++)
      expect(progress[k]!).toBeLessThanOrEqual(progress[k - 1]! + 1e-9);
    expect(progress[progress.length - 1]).toBeCloseTo(first.objective!, 9);
  }, 120_000);

  it("stops at the work limit and says so", async () => {
    const roster = await buildRoster(
      week.schedule,
      weekSpec,
      options,
      highsSolver,
      { timeLimitSeconds: 300, relativeGap: 0, workLimit: 2_000 },
      search,
    );
    expect(roster.stoppedBy).toBe("workLimit");
    expect(roster.status).toBe("feasible");
    expect(roster.gap!).toBeGreaterThan(0);
  }, 60_000);

  it("finds broken rules with the test's own check", async () => {
    const roster = await buildRoster(
      week.schedule,
      weekSpec,
      options,
      highsSolver,
      { timeLimitSeconds: 300, relativeGap: 1e-4, workLimit: 1 },
      search,
    );
    const rules = { restHours: 11, maxNights: 3 };
    expect(brokenRules(roster, week.schedule, week.agents, week.availability, rules)).toEqual([]);
    // one agent's first shift given again to the agent of the next segment: two shifts a day
    // or too short a rest, or more agents than the shift has
    const first = roster.segments[0]!;
    const other = roster.segments.find((s) => s.agentId !== first.agentId)!;
    const doubled = {
      segments: [
        ...roster.segments,
        ...roster.segments
          .filter((s) => s.agentId === first.agentId && s.startMs < first.startMs + 86_400_000)
          .map((s) => ({ ...s, agentId: other.agentId })),
      ],
    };
    expect(brokenRules(doubled, week.schedule, week.agents, week.availability, rules)).not.toEqual(
      [],
    );
  }, 60_000);
});
