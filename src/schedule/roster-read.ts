/**
 * The roster as the result gives it: each agent's day as segments (onQueue, break, meal) that
 * partition its shifts, with the schedule's break slots handed out by rank; totals per agent;
 * the shifts left unfilled.
 *
 * @module
 */
import type { Instance } from "./roster-instances.ts";
import {
  weeklyHours,
  type Agent,
  type AgentSummary,
  type RosterResult,
  type Segment,
  type Shortfall,
} from "./roster-types.ts";

/**
 * Reads a roster given as each agent's instances.
 *
 * @param shifts - per agent (in the agents' order), the instance indices it works
 */
export function readRoster(
  shifts: readonly (readonly number[])[],
  instances: readonly Instance[],
  agents: readonly Agent[],
  weeks: number,
): Pick<RosterResult, "segments" | "agents" | "shortfalls"> {
  const segments: Segment[] = [];
  const summaries: AgentSummary[] = [];
  const used = instances.map(() => 0); // agents placed on each shift so far (break slot rank)
  agents.forEach((agent, a) => {
    const mine = [...shifts[a]!].sort((p, q) => p - q).map((i) => instances[i]!);
    let paidSeconds = 0;
    let nights = 0;
    let unsocial = 0;
    const workDays = new Set<number>();
    const paidPerWeek = new Float64Array(weeks);
    for (const inst of mine) {
      paidSeconds += inst.paidSeconds;
      paidPerWeek[inst.week]! += inst.paidSeconds;
      if (inst.night) nights++;
      if (inst.unsocial) unsocial++;
      workDays.add(inst.day);
      const breaks = inst.breaks[used[inst.index]!++] ?? [];
      let cursor = inst.start;
      const group = inst.group === undefined ? {} : { group: inst.group };
      const add = (startMs: number, endMs: number, activity: Segment["activity"]): void => {
        segments.push({ agentId: agent.id, startMs, endMs, activity, ...group });
      };
      for (const br of breaks) {
        if (br.start > cursor) add(cursor, br.start, "onQueue");
        add(br.start, br.end, br.kind);
        cursor = br.end;
      }
      if (inst.end > cursor) add(cursor, inst.end, "onQueue");
    }
    const minHours = weeklyHours(agent).min;
    let belowMinimumSeconds = 0;
    if (minHours !== undefined) {
      const minSeconds = agent.minSecondsWeek ?? minHours * 3600;
      for (let w = 0; w < weeks; w++)
        belowMinimumSeconds += Math.max(0, minSeconds - paidPerWeek[w]!);
    }
    summaries.push({
      agentId: agent.id,
      shifts: mine.length,
      days: workDays.size,
      paidSeconds,
      belowMinimumSeconds,
      nightShifts: nights,
      unsocialShifts: unsocial,
    });
  });
  const shortfalls: Shortfall[] = [];
  for (const inst of instances) {
    const missing = inst.count - used[inst.index]!;
    if (missing > 0)
      shortfalls.push({
        name: inst.name,
        startMs: inst.start,
        endMs: inst.end,
        missing,
        ...(inst.group === undefined ? {} : { group: inst.group }),
      });
  }
  segments.sort((p, q) =>
    p.agentId < q.agentId ? -1 : p.agentId > q.agentId ? 1 : p.startMs - q.startMs,
  );
  return { segments, agents: summaries, shortfalls };
}
