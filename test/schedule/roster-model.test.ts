/**
 * The roster model is the definition of the rules: the search's quick checks (roster-state.ts)
 * and costs (roster-point.ts) are checked against it here, on a greedy roster of a seeded week;
 * and the lower bound against a proven optimum.
 */
import { describe, expect, it } from "vitest";
import { violation } from "../../src/schedule/milp.ts";
import { agentTypes, rosterBound } from "../../src/schedule/roster-bound.ts";
import { rosterInstances } from "../../src/schedule/roster-instances.ts";
import { keepTerms, unavoidableAdditions } from "../../src/schedule/roster-keep.ts";
import { rosterModel, type RosterContext } from "../../src/schedule/roster-model.ts";
import { agentCost, memberCosts, pointOf } from "../../src/schedule/roster-point.ts";
import { constructRoster } from "../../src/schedule/roster-start.ts";
import { RosterState } from "../../src/schedule/roster-state.ts";
import { buildRoster, rosterContext } from "../../src/schedule/roster.ts";
import {
  highsSolver,
  ROSTER_CHANGE_PENALTY,
  rosterAssignments,
  type RosterOptions,
} from "../../src/schedule/index.ts";
import { createZone } from "../../src/time/zone.ts";
import { rosterWeek, weekSpec } from "./roster-fixture.ts";

const RULES = { minRestSeconds: 11 * 3600, twoConsecutiveDaysOff: true, maxNightShiftsWeek: 3 };

function context(agents: number, extra: Partial<RosterOptions> = {}): RosterContext {
  const week = rosterWeek(5, agents);
  const zone = createZone("UTC");
  const { instances, firstDay } = rosterInstances(week.schedule, weekSpec, zone);
  const options: RosterOptions = {
    agents: week.agents,
    availability: week.availability,
    ...RULES,
    ...extra,
  };
  return rosterContext(
    week.schedule,
    options,
    instances,
    { restMs: RULES.minRestSeconds * 1000, weeks: 1, firstDay, options },
    zone,
  );
}

describe("roster model and the search's checks", () => {
  it("every roster the state allows is a feasible point of the model, at the cost agentCost says", () => {
    const ctx = context(60);
    const state = new RosterState(ctx);
    constructRoster(ctx, state, 1);
    const members = ctx.agents.map((_, a) => a);
    const model = rosterModel(
      ctx,
      members,
      ctx.instances.map((i) => i.count),
    );
    const x = pointOf(model, (k) => state.shifts[k]!);
    expect(x).not.toBeNull();
    expect(violation(model.milp, x!)).toBeNull();
    const costs = memberCosts(model, x!);
    members.forEach((a) => {
      expect(agentCost(ctx, a, state.shifts[a]!)).toBeCloseTo(costs[a]!, 9);
    });
    expect(costs.some((c) => c > 0)).toBe(true); // the check is not vacuous
  });

  it("refuses a second shift the same day, and the model finds it broken", () => {
    const ctx = context(20);
    const state = new RosterState(ctx);
    constructRoster(ctx, state, 1);
    const a = state.shifts.findIndex((s) => s.length > 0);
    const mine = ctx.instances[state.shifts[a]![0]!]!;
    const other = ctx.instances.find(
      (i) =>
        i.day === mine.day &&
        i.index !== mine.index &&
        ctx.allowed[a * ctx.instances.length + i.index] === 1,
    )!;
    expect(state.canAdd(a, other.index)).toBe(false);
    const model = rosterModel(
      ctx,
      ctx.agents.map((_, k) => k),
      ctx.instances.map((i) => i.count + 1),
    );
    const broken = pointOf(model, (k) =>
      k === a ? [...state.shifts[a]!, other.index] : state.shifts[k]!,
    );
    expect(broken === null || violation(model.milp, broken) !== null).toBe(true);
  });

  it("counts a kept roster's changes as the model does", () => {
    const plain = context(30);
    const state = new RosterState(plain);
    constructRoster(plain, state, 1);
    // keep a roster with every other assignment of each agent moved to another shift
    const keep = state.shifts.flatMap((shifts, a) =>
      shifts.map((i, k) => {
        const inst = plain.instances[k % 2 === 0 ? i : (i + 1) % plain.instances.length]!;
        return { agentId: plain.agents[a]!.id, startMs: inst.start, endMs: inst.end };
      }),
    );
    const ctx = { ...plain, keep: keepTerms(keep, plain.instances, plain.agents, plain.allowed) };
    const members = ctx.agents.map((_, a) => a);
    const model = rosterModel(
      ctx,
      members,
      ctx.instances.map((i) => i.count),
    );
    const x = pointOf(model, (k) => state.shifts[k]!)!;
    const costs = memberCosts(model, x);
    members.forEach((a) => {
      expect(agentCost(ctx, a, state.shifts[a]!)).toBeCloseTo(costs[a]!, 9);
    });
  });

  /** A 14-agent week small enough to prove its optimum, and its options. */
  function smallWeek(): { week: ReturnType<typeof rosterWeek>; options: RosterOptions } {
    const week = rosterWeek(7, 14, 3.6);
    return { week, options: { agents: week.agents, availability: week.availability, ...RULES } };
  }
  /** The roster context of `options` over that week's schedule. */
  function contextFor(week: ReturnType<typeof rosterWeek>, options: RosterOptions): RosterContext {
    const zone = createZone("UTC");
    const { instances, firstDay } = rosterInstances(week.schedule, weekSpec, zone);
    const rules = { restMs: RULES.minRestSeconds * 1000, weeks: 1, firstDay, options };
    return rosterContext(week.schedule, options, instances, rules, zone);
  }
  const strict = { timeLimitSeconds: 60, relativeGap: 1e-6 };

  it("bounds the proven optimum of a small roster from below", async () => {
    const { week, options } = smallWeek();
    const exact = await buildRoster(week.schedule, weekSpec, options, highsSolver, strict);
    expect(exact.status).toBe("optimal");
    const ctx = contextFor(week, options);
    expect(agentTypes(ctx).members.length).toBeLessThanOrEqual(ctx.agents.length);
    const { bound } = await rosterBound(ctx, highsSolver, 100_000, performance.now() + 60_000);
    // valid: never above the optimum; and tight here (measured: 219.9998 against 220, the
    // agents' own rules alone cost that much)
    expect(exact.objective).toBeGreaterThan(0);
    expect(bound).toBeLessThanOrEqual(exact.objective! + 1e-6);
    expect(bound).toBeGreaterThanOrEqual(0.99 * exact.objective!);
  }, 60_000);

  it("with a kept roster an agent left, bounds the re-roster's proven optimum from below", async () => {
    const { week, options } = smallWeek();
    const first = await buildRoster(week.schedule, weekSpec, options, highsSolver, strict);
    const keep = rosterAssignments(first.segments);
    const gone = [...first.agents].sort((p, q) => q.shifts - p.shifts)[0]!;
    const again: RosterOptions = {
      ...options,
      agents: week.agents.filter((a) => a.id !== gone.agentId),
      keep,
    };
    const exact = await buildRoster(week.schedule, weekSpec, again, highsSolver, strict);
    expect(exact.status).toBe("optimal");
    const ctx = contextFor(week, again);
    // the leaving agent's shifts: each removed (forced) and each given to another (unavoidable)
    expect(ctx.keep!.forced).toBe(gone.shifts);
    expect(unavoidableAdditions(ctx)).toBe(gone.shifts);
    const { bound } = await rosterBound(ctx, highsSolver, 100_000, performance.now() + 60_000);
    expect(bound).toBeGreaterThanOrEqual(2 * gone.shifts * ROSTER_CHANGE_PENALTY);
    expect(bound).toBeLessThanOrEqual(exact.objective! + 1e-6);
  }, 60_000);
});
