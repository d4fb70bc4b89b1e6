/**
 * The roster's objective recomputed from what the roster shows (its shortfalls and the agents'
 * totals recomputed from the segments) and the roster's penalties, as documented in roster.ts:
 * an unfilled agent-shift costs 1000 per paid hour (at least one hour's worth); an hour below
 * an agent's weekly minimum 10; fairness 5 per hour outside the agent's band (its share of all
 * scheduled paid hours, in proportion to contract capacity, plus or minus the longest shift) and
 * 5 per unsocial shift above its share (rounded up); with `keep`, each change
 * `ROSTER_CHANGE_PENALTY`. The reported objective must match within a small tolerance (the
 * solver's own arithmetic), and the bound must not exceed it.
 *
 * @module
 */
import type { AgentSummary, Agent, RosterResult } from "./roster-types.ts";

const SHORTFALL_PER_HOUR = 1000;
const HOURS_SHORT_PER_HOUR = 10;
const FAIR_HOURS_PER_HOUR = 5;
const FAIR_UNSOCIAL_PER_SHIFT = 5;
/** Contract capacity for fairness when an agent has no weekly maximum, hours. */
const DEFAULT_CAPACITY_HOURS = 40;
/** Relative and absolute tolerance of the comparison. */
const RELATIVE_TOLERANCE = 1e-6;
const ABSOLUTE_TOLERANCE = 1e-3;

/** What the objective is recomputed from. */
export interface ObjectiveInputs {
  /** Each agent and its totals recomputed from the segments. */
  readonly agents: readonly { agent: Agent; summary: AgentSummary }[];
  readonly weeks: number;
  /** Every scheduled shift: its count, paid time, whether unsocial, and its reported shortfall. */
  readonly shifts: readonly {
    count: number;
    paidSeconds: number;
    unsocial: boolean;
    missing: number;
  }[];
  /** The cost of the changes against a kept roster (0 without one). */
  readonly changePenalty: number;
}

/** The objective the roster's penalties give for these totals. */
export function rosterObjective(inputs: ObjectiveInputs): number {
  const { agents, weeks, shifts } = inputs;
  let total = inputs.changePenalty;
  let scheduledHours = 0;
  let scheduledUnsocial = 0;
  let longest = 0;
  for (const s of shifts) {
    const hours = s.paidSeconds / 3600;
    total += SHORTFALL_PER_HOUR * Math.max(1, hours) * s.missing;
    scheduledHours += s.count * hours;
    if (s.unsocial) scheduledUnsocial += s.count;
    longest = Math.max(longest, hours);
  }
  const capacity = (a: Agent): number => {
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the hours of 0.1 callers
    const max = a.maxSecondsWeek === undefined ? a.maxHoursWeek : a.maxSecondsWeek / 3600;
    return (max !== undefined && max > 0 ? max : DEFAULT_CAPACITY_HOURS) * weeks;
  };
  const allCapacity = agents.reduce((sum, a) => sum + capacity(a.agent), 0);
  for (const { agent, summary } of agents) {
    total += (HOURS_SHORT_PER_HOUR * summary.belowMinimumSeconds) / 3600;
    const share = capacity(agent) / allCapacity;
    const target = Math.min(capacity(agent), scheduledHours * share);
    const hours = summary.paidSeconds / 3600;
    const over = Math.max(0, hours - (target + longest));
    const under = Math.max(0, Math.max(0, target - longest) - hours);
    total += FAIR_HOURS_PER_HOUR * (over + under);
    const fairUnsocial = Math.ceil(scheduledUnsocial * share - 1e-9);
    total += FAIR_UNSOCIAL_PER_SHIFT * Math.max(0, summary.unsocialShifts - fairUnsocial);
  }
  return total;
}

/**
 * Compares the reported objective and bound with the objective recomputed.
 *
 * @returns the problems, in words
 */
export function checkRosterObjective(
  result: Pick<RosterResult, "objective" | "bound">,
  inputs: ObjectiveInputs,
): string[] {
  const problems: string[] = [];
  const recomputed = rosterObjective(inputs);
  const tolerance = ABSOLUTE_TOLERANCE + RELATIVE_TOLERANCE * Math.abs(recomputed);
  if (result.objective === null) problems.push("objective: none reported for a roster");
  else if (Math.abs(result.objective - recomputed) > tolerance)
    problems.push(`objective: reported ${result.objective}, recomputed ${recomputed}`);
  if (
    result.bound !== null &&
    result.objective !== null &&
    result.bound > result.objective + tolerance
  )
    problems.push(`bound ${result.bound} above the objective ${result.objective}`);
  return problems;
}
