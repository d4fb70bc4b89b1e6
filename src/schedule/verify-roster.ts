/**
 * An independent check of a roster, from its segments alone (never from the roster's model):
 * each agent's segments rebuilt into shifts, each matched to a scheduled shift (start, end,
 * group) with its breaks at that shift's break slots; every scheduled shift's count equal to
 * the agents on it plus its reported shortfall; the rules of every agent (verify-roster-rules.ts:
 * one shift a local day, rest, weekly hours, days and nights, two consecutive days off,
 * availability, skills); the per-agent summaries equal to totals recomputed from the segments;
 * with `keep`, the changes against the kept roster; and the objective recomputed from the
 * roster's penalties. Used by the roster benchmarks (bench/roster.ts) and the tests, and
 * available to users of the library.
 *
 * @module
 */
import { appendAll, maxOf, minOf } from "../math/extent.ts";
import { createZone, formatInstant, type Zone } from "../time/zone.ts";
import type { ScheduleResult } from "./result.ts";
import {
  ROSTER_CHANGE_PENALTY,
  type Agent,
  type AgentSummary,
  type Assignment,
  type RosterOptions,
  type RosterResult,
  type Segment,
} from "./roster-types.ts";
import type { ShiftSpec } from "./spec.ts";
import { checkRosterObjective } from "./verify-roster-objective.ts";
import {
  availabilityByDay,
  checkAgentRules,
  isUnsocialShift,
  type WorkedShift,
} from "./verify-roster-rules.ts";

const DAY_MS = 86_400_000;
/** Default minimum rest of the roster: 11 hours. */
const DEFAULT_REST_SECONDS = 11 * 3600;

/** A scheduled shift as the check sees it: unwrapped, its break slots per template break. */
interface Planned {
  readonly index: number;
  readonly name: string;
  readonly group?: string;
  readonly start: number;
  readonly end: number;
  readonly count: number;
  readonly paidSeconds: number;
  /** Per break of the template: its kind, whether paid, and its slots. */
  readonly breaks: {
    kind: "break" | "meal";
    paid: boolean;
    slots: { start: number; end: number; count: number; used: number }[];
  }[];
}

/** A run of contiguous segments of one agent and one group: a shift as the agent works it. */
interface Block {
  start: number;
  end: number;
  readonly group?: string;
  readonly segments: Segment[];
}

/**
 * Re-verifies a roster against its schedule, shift file and options.
 *
 * @returns the problems found, in words (empty when every rule, count and total checks out)
 * @example
 * verifyRoster(roster, schedule, spec, { agents, twoConsecutiveDaysOff: true }); // => []
 */
export function verifyRoster(
  result: RosterResult,
  schedule: ScheduleResult,
  spec: ShiftSpec,
  options: RosterOptions,
): string[] {
  const zone = createZone(spec.timeZone);
  const problems: string[] = [];
  if (result.timeZone !== zone.name)
    problems.push(`time zone ${result.timeZone}, the shift file's is ${zone.name}`);
  if (result.status !== "optimal" && result.status !== "feasible") {
    if (result.segments.length > 0 || result.agents.length > 0)
      problems.push(`status ${result.status}, yet segments or agents are given`);
    return problems;
  }
  const planned = plannedShifts(schedule, spec, zone, problems);
  const byKey = new Map<string, Planned[]>();
  for (const p of planned) {
    const key = keyOf(p.start, p.end, p.group);
    byKey.set(key, [...(byKey.get(key) ?? []), p]);
  }
  const filled = planned.map(() => 0);
  const agents = new Map(options.agents.map((a) => [a.id, a]));
  const bySegmentAgent = new Map<string, Segment[]>();
  for (const s of result.segments) {
    if (!agents.has(s.agentId)) {
      problems.push(`segment of unknown agent ${s.agentId} at ${formatInstant(s.startMs, zone)}`);
      continue;
    }
    const list = bySegmentAgent.get(s.agentId);
    if (list === undefined) bySegmentAgent.set(s.agentId, [s]);
    else list.push(s);
  }
  // weeks: 7 local days each from the schedule's first day
  const firstDay = planned.length === 0 ? 0 : minOf(planned, (p) => zone.dayOf(p.start));
  const weeks = maxOf(planned, (p) => Math.floor((zone.dayOf(p.start) - firstDay) / 7) + 1, 1);
  const availability = availabilityByDay(options.availability ?? [], zone);
  appendAll(problems, availability.problems);
  const skills = new Map<string, readonly string[]>();
  for (const [g, group] of Object.entries(schedule.groups ?? {})) skills.set(g, group.queues);
  for (const [g, queues] of Object.entries(options.groupSkills ?? {})) skills.set(g, queues);
  const ctx = {
    zone,
    firstDay,
    weeks,
    restMs: (options.minRestSeconds ?? restFromHours(options)) * 1000,
    ...(options.maxNightShiftsWeek === undefined
      ? {}
      : { maxNightShiftsWeek: options.maxNightShiftsWeek }),
    twoConsecutiveDaysOff: options.twoConsecutiveDaysOff === true,
    windows: availability.windows,
    skills,
  };
  const summaries = new Map(result.agents.map((a) => [a.agentId, a]));
  const worked: Assignment[] = [];
  const objective: { agent: Agent; summary: AgentSummary }[] = [];
  for (const agent of options.agents) {
    const segments = [...(bySegmentAgent.get(agent.id) ?? [])].sort(
      (p, q) => p.startMs - q.startMs,
    );
    const shifts: WorkedShift[] = [];
    for (const block of blocksOf(agent.id, segments, zone, problems)) {
      const p = matchPlanned(
        agent.id,
        block,
        byKey.get(keyOf(block.start, block.end, block.group)) ?? [],
        zone,
        problems,
      );
      if (p !== undefined) filled[p.index]!++;
      shifts.push({
        start: block.start,
        end: block.end,
        ...(block.group === undefined ? {} : { group: block.group }),
        paidSeconds: paidOf(block, p),
      });
      worked.push({
        agentId: agent.id,
        startMs: block.start,
        endMs: block.end,
        ...(block.group === undefined ? {} : { group: block.group }),
      });
    }
    const checked = checkAgentRules(agent, shifts, ctx);
    appendAll(problems, checked.problems);
    objective.push({ agent, summary: checked.summary });
    const given = summaries.get(agent.id);
    if (given === undefined) {
      problems.push(`no summary for agent ${agent.id}`);
      continue;
    }
    summaries.delete(agent.id);
    for (const field of [
      "shifts",
      "days",
      "paidSeconds",
      "belowMinimumSeconds",
      "nightShifts",
      "unsocialShifts",
    ] as const) {
      if (Math.abs(given[field] - checked.summary[field]) > 1e-6)
        problems.push(
          `summary of ${agent.id}: ${field} ${given[field]}, recomputed ${checked.summary[field]}`,
        );
    }
  }
  for (const id of summaries.keys()) problems.push(`summary of unknown agent ${id}`);
  const missing = checkCounts(result, planned, filled, zone, problems);
  const changeCount = checkChanges(result, worked, options.keep, problems);
  appendAll(
    problems,
    checkRosterObjective(result, {
      agents: objective,
      weeks,
      shifts: planned.map((p, k) => ({
        count: p.count,
        paidSeconds: p.paidSeconds,
        unsocial: isUnsocialShift(zone, p.start, p.end),
        missing: missing[k]!,
      })),
      changePenalty: options.keep === undefined ? 0 : ROSTER_CHANGE_PENALTY * changeCount,
    }),
  );
  return problems;
}

/** The rest of 0.1 callers, hours (when `minRestSeconds` is absent). */
function restFromHours(options: RosterOptions): number {
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- the hours of 0.1 callers
  const hours = options.minRestHours;
  return hours === undefined ? DEFAULT_REST_SECONDS : hours * 3600;
}

const keyOf = (start: number, end: number, group: string | undefined): string =>
  `${start}|${end}|${group ?? ""}`;

/** The schedule's shifts, unwrapped, their break slots split by the template's breaks. */
function plannedShifts(
  schedule: ScheduleResult,
  spec: ShiftSpec,
  zone: Zone,
  problems: string[],
): Planned[] {
  const templates = new Map(spec.shifts.map((t) => [t.name, t]));
  const out: Planned[] = [];
  for (const s of schedule.shifts) {
    const name = `scheduled ${s.name} at ${formatInstant(s.startMs, zone)}`;
    const t = templates.get(s.name);
    if (t === undefined) {
      problems.push(`${name}: the shift file has no such template`);
      continue;
    }
    // a cyclic schedule wraps a shift past the horizon's end to its start
    const end =
      s.endMs > s.startMs
        ? s.endMs
        : s.startMs + ((((s.endMs - s.startMs) % DAY_MS) + DAY_MS) % DAY_MS || DAY_MS);
    const shift = end - s.endMs;
    const slots = s.breaks.map((b) => ({
      kind: b.kind,
      start: b.startMs < s.startMs ? b.startMs + shift : b.startMs,
      end: b.startMs < s.startMs ? b.endMs + shift : b.endMs,
      count: b.count,
    }));
    let next = 0;
    const breaks = t.breaks.map((rule, k) => {
      const mine: Planned["breaks"][number]["slots"] = [];
      let total = 0;
      while (total < s.count && next < slots.length) {
        const slot = slots[next++]!;
        if (slot.kind !== rule.kind)
          problems.push(`${name}: break ${k + 1} is a ${rule.kind}, a slot of it a ${slot.kind}`);
        mine.push({ start: slot.start, end: slot.end, count: slot.count, used: 0 });
        total += slot.count;
      }
      if (total !== s.count)
        problems.push(
          `${name}: break ${k + 1} has slots for ${total} agents, the shift ${s.count}`,
        );
      return { kind: rule.kind, paid: rule.paid, slots: mine };
    });
    out.push({
      index: out.length,
      name: s.name,
      ...(s.group === undefined ? {} : { group: s.group }),
      start: s.startMs,
      end,
      count: s.count,
      paidSeconds: s.paidSeconds,
      breaks,
    });
  }
  return out;
}

/** An agent's segments (sorted) as shifts: runs of contiguous segments of one group. */
function blocksOf(
  id: string,
  segments: readonly Segment[],
  zone: Zone,
  problems: string[],
): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  for (const s of segments) {
    if (!(s.endMs > s.startMs)) {
      problems.push(
        `${id}: a segment at ${formatInstant(s.startMs, zone)} that does not end after it starts`,
      );
      continue;
    }
    if (current !== undefined && s.startMs < current.end)
      problems.push(`${id}: segments overlap at ${formatInstant(s.startMs, zone)}`);
    if (current !== undefined && s.startMs === current.end && s.group === current.group) {
      current.end = s.endMs;
      current.segments.push(s);
      continue;
    }
    current = {
      start: s.startMs,
      end: s.endMs,
      ...(s.group === undefined ? {} : { group: s.group }),
      segments: [s],
    };
    blocks.push(current);
  }
  return blocks;
}

/**
 * The scheduled shift an agent's block works: the same start, end and group, and its breaks
 * (the segments that are not onQueue) one per template break, in order, each at a slot of it.
 * A block that matches none is named in `problems`.
 */
function matchPlanned(
  id: string,
  block: Block,
  candidates: readonly Planned[],
  zone: Zone,
  problems: string[],
): Planned | undefined {
  const at = (ms: number): string => formatInstant(ms, zone);
  const what = `${id}: the shift ${at(block.start)} to ${at(block.end)}${block.group === undefined ? "" : ` (group ${block.group})`}`;
  if (candidates.length === 0) {
    problems.push(`${what} is no scheduled shift`);
    return undefined;
  }
  const breaks = block.segments.filter((s) => s.activity !== "onQueue");
  let why = "";
  for (const p of candidates) {
    if (breaks.length !== p.breaks.length) {
      why = `has ${breaks.length} breaks, the ${p.name} shift ${p.breaks.length}`;
      continue;
    }
    const slots = breaks.map((b, k) => {
      const rule = p.breaks[k]!;
      return rule.kind === b.activity
        ? rule.slots.find((s) => s.start === b.startMs && s.end === b.endMs)
        : undefined;
    });
    const bad = slots.findIndex((s) => s === undefined);
    if (bad >= 0) {
      const b = breaks[bad]!;
      why = `has a ${b.activity} ${at(b.startMs)} to ${at(b.endMs)} where the ${p.name} shift has no such ${p.breaks[bad]!.kind} slot`;
      continue;
    }
    for (const s of slots) s!.used++;
    return p;
  }
  problems.push(`${what} ${why}`);
  return undefined;
}

/** Paid time of a block: its length less its unpaid breaks (meals, unless the shift says). */
function paidOf(block: Block, planned: Planned | undefined): number {
  let unpaid = 0;
  let k = 0;
  for (const s of block.segments) {
    if (s.activity === "onQueue") continue;
    const paid = planned === undefined ? s.activity !== "meal" : planned.breaks[k]!.paid;
    if (!paid) unpaid += s.endMs - s.startMs;
    k++;
  }
  return (block.end - block.start - unpaid) / 1000;
}

/**
 * Checks that each scheduled shift's count is its agents plus its reported shortfall, and that
 * no break slot has more agents than its count.
 *
 * @returns the reported shortfall of each scheduled shift
 */
function checkCounts(
  result: RosterResult,
  planned: readonly Planned[],
  filled: readonly number[],
  zone: Zone,
  problems: string[],
): number[] {
  const missing = planned.map(() => 0);
  const byName = new Map(planned.map((p) => [`${p.name}|${keyOf(p.start, p.end, p.group)}`, p]));
  for (const f of result.shortfalls) {
    const p = byName.get(`${f.name}|${keyOf(f.startMs, f.endMs, f.group)}`);
    if (p === undefined) {
      problems.push(
        `shortfall of ${f.name} at ${formatInstant(f.startMs, zone)}: no such scheduled shift`,
      );
      continue;
    }
    if (!(f.missing > 0))
      problems.push(
        `shortfall of ${f.name} at ${formatInstant(f.startMs, zone)}: missing ${f.missing}`,
      );
    missing[p.index]! += f.missing;
  }
  for (const p of planned) {
    const name = `${p.name} at ${formatInstant(p.start, zone)}`;
    if (filled[p.index]! + missing[p.index]! !== p.count)
      problems.push(
        `${name}: ${p.count} agents scheduled, ${filled[p.index]!} rostered and ${missing[p.index]!} reported short`,
      );
    p.breaks.forEach((b, k) => {
      for (const s of b.slots)
        if (s.used > s.count)
          problems.push(
            `${name}: ${s.used} agents take break ${k + 1} at ${formatInstant(s.start, zone)}, its slot has ${s.count}`,
          );
    });
  }
  return missing;
}

/**
 * Checks the changes against the kept roster (`keep`): assignments added (in the roster, not
 * kept) and removed (kept, not in the roster); without `keep`, none.
 *
 * @returns the number of changes recomputed
 */
function checkChanges(
  result: RosterResult,
  worked: readonly Assignment[],
  keep: readonly Assignment[] | undefined,
  problems: string[],
): number {
  const key = (a: Assignment): string => `${a.agentId}|${keyOf(a.startMs, a.endMs, a.group)}`;
  const expected: string[] = [];
  if (keep !== undefined) {
    const kept = new Set(keep.map(key));
    const now = new Set(worked.map(key));
    for (const a of worked) if (!kept.has(key(a))) expected.push(`added|${key(a)}`);
    for (const a of keep) if (!now.has(key(a))) expected.push(`removed|${key(a)}`);
  }
  const given = result.changes.map((c) => `${c.action}|${key(c)}`);
  const sorted = (xs: string[]): string => [...xs].sort().join("\n");
  if (sorted(given) !== sorted(expected))
    problems.push(
      `changes: ${given.length} reported, ${expected.length} recomputed against the kept roster` +
        (keep === undefined ? " (none was kept)" : ""),
    );
  if (result.changeCount !== expected.length)
    problems.push(`changeCount ${result.changeCount}, recomputed ${expected.length}`);
  return expected.length;
}
