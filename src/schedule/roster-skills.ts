/**
 * The roster's skill rule: a shift of skill group g goes only to an agent whose skills include
 * every queue of g (the queues a schedule carries in its `groups`, or given by the caller).
 * The roster uses {@link rosterGroupSkills} and {@link hasSkills} to leave such agents out of
 * a shift's candidates; {@link checkRosterSkills} checks a roster after the fact.
 *
 * @module
 */
import { createZone, formatInstant } from "../time/zone.ts";
import { own } from "./groups.ts";
import type { ScheduleResult } from "./result.ts";
import type { Agent, RosterResult } from "./roster-types.ts";

/**
 * The queues of each group: the schedule's `groups`, then `given` over them.
 *
 * @example
 * rosterGroupSkills(schedule, { vip: ["vip"] }); // => { ...schedule's groups' queues, vip: ["vip"] }
 */
export function rosterGroupSkills(
  schedule: Pick<ScheduleResult, "groups">,
  given?: Readonly<Record<string, readonly string[]>>,
): Record<string, readonly string[]> {
  const out = Object.create(null) as Record<string, readonly string[]>;
  for (const [g, group] of Object.entries(schedule.groups ?? {})) out[g] = group.queues;
  for (const [g, queues] of Object.entries(given ?? {})) out[g] = queues;
  return out;
}

/**
 * Whether an agent may work a shift of `group`: no group, a group whose queues are unknown, or
 * skills that include every queue of it.
 */
export function hasSkills(
  agent: Agent,
  group: string | undefined,
  skills: Readonly<Record<string, readonly string[]>>,
): boolean {
  if (group === undefined) return true;
  const queues = own(skills, group);
  if (queues === undefined) return true;
  const mine = agent.skills ?? [];
  return queues.every((q) => mine.includes(q));
}

const DAY_MS = 86_400_000;

/** A shift's end after its start (a cyclic schedule's wrapped shift unwrapped, as rostered). */
function unwrappedEnd(start: number, end: number): number {
  return end > start ? end : start + ((((end - start) % DAY_MS) + DAY_MS) % DAY_MS || DAY_MS);
}

/**
 * Checks that a roster gives every shift of a skill group only to agents with its skills, and
 * that each segment's group is that of a shift of the schedule then.
 *
 * @param groupSkills - queues per group over the schedule's `groups` (as given to the roster)
 * @returns the problems, in words (empty when the roster keeps the rule)
 * @example
 * checkRosterSkills(roster, schedule, agents); // => [] for a roster from buildRoster
 */
export function checkRosterSkills(
  roster: Pick<RosterResult, "segments" | "timeZone">,
  schedule: Pick<ScheduleResult, "shifts" | "groups">,
  agents: readonly Agent[],
  groupSkills?: Readonly<Record<string, readonly string[]>>,
): string[] {
  const skills = rosterGroupSkills(schedule, groupSkills);
  const zone = createZone(roster.timeZone);
  const byId = new Map(agents.map((a) => [a.id, a]));
  const grouped = schedule.shifts.some((s) => s.group !== undefined);
  const problems = new Set<string>();
  for (const seg of roster.segments) {
    const what = `${seg.agentId} at ${formatInstant(seg.startMs, zone)}`;
    const agent = byId.get(seg.agentId);
    if (agent === undefined) {
      problems.add(`${what}: unknown agent`);
      continue;
    }
    if (seg.group === undefined) {
      if (grouped) problems.add(`${what}: no group, but the schedule's shifts have groups`);
      continue;
    }
    const within = schedule.shifts.some(
      (s) =>
        s.group === seg.group &&
        seg.startMs >= s.startMs &&
        seg.endMs <= unwrappedEnd(s.startMs, s.endMs),
    );
    if (!within) problems.add(`${what}: no shift of group ${seg.group} then`);
    if (!hasSkills(agent, seg.group, skills)) {
      const lacking = own(skills, seg.group)!.filter((q) => !(agent.skills ?? []).includes(q));
      problems.add(
        `${seg.agentId} works for group ${seg.group} (on ${formatInstant(seg.startMs, zone)}) without its skills ${lacking.join(", ")}`,
      );
    }
  }
  return [...problems];
}
