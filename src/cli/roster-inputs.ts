/**
 * What `staffcast roster` checks of its inputs before it solves: standard input (`-`) feeds one
 * input only, and the skill rule can do something with the agents and groups given.
 */
import { UsageError } from "../io/errors.ts";
import { rosterGroupSkills, type Agent, type ScheduleResult } from "../schedule/index.ts";

/** The flags of `roster` that name an input file, and their option names. */
const INPUT_FLAGS = {
  schedule: "--schedule",
  agents: "--agents",
  availability: "--availability",
  routing: "--routing",
  keep: "--keep",
} as const;

/**
 * Refuses `-` (stdin) for more than one input: the first would take all of it.
 *
 * @throws UsageError naming the flags, e.g. "--schedule and --keep both read stdin (-)..."
 */
export function stdinOnce(flags: Partial<Record<keyof typeof INPUT_FLAGS, string>>): void {
  const named = Object.entries(INPUT_FLAGS)
    .filter(([key]) => flags[key as keyof typeof INPUT_FLAGS] === "-")
    .map(([, option]) => option);
  if (named.length > 1)
    throw new UsageError(
      `${named.slice(0, -1).join(", ")} and ${named[named.length - 1]!} ${named.length === 2 ? "both" : "all"} ` +
        "read stdin (-), which can be read only once: give files",
    );
}

/** What the skill rule cannot do with these inputs, in words. */
export function skillWarnings(
  schedule: ScheduleResult,
  agents: readonly Agent[],
  given: Readonly<Record<string, readonly string[]>> | undefined,
): string[] {
  const skills = rosterGroupSkills(schedule, given);
  const groups = [
    ...new Set(schedule.shifts.flatMap((s) => (s.group === undefined ? [] : [s.group]))),
  ];
  const unknown = groups.filter((g) => !Object.hasOwn(skills, g));
  const warnings: string[] = [];
  if (unknown.length > 0)
    warnings.push(
      `the queues of group ${unknown.join(", ")} are unknown (neither in the schedule's groups nor in --routing): any agent may work its shifts`,
    );
  if (unknown.length < groups.length && agents.every((a) => (a.skills ?? []).length === 0))
    warnings.push("no agent has skills: every shift of a group with queues is left unfilled");
  return warnings;
}
