/**
 * Skill groups of shift design and rostering from a routing model: each group's skills are the
 * queues it serves, its relative cost its `costPerHour`.
 *
 * @module
 */
import { groupQueues, type RoutingModel } from "../erlang/index.ts";
import { DataError } from "../io/errors.ts";
import type { ShiftGroupOptions } from "./groups.ts";
import type { ScheduleGroup } from "./result.ts";

/**
 * The groups of a routing model as a schedule carries them: queues (skills) and cost per hour.
 *
 * @param only - the groups wanted (default every group of the model), in their order
 * @param file - the routing file, named in the error
 * @throws DataError when a wanted group is not in the model
 * @example
 * routingScheduleGroups(routing, ["sales"]); // => { sales: { queues: ["orders"], costPerHour: 1 } }
 */
export function routingScheduleGroups(
  routing: RoutingModel,
  only?: readonly string[],
  file?: string,
): Record<string, ScheduleGroup> {
  const names = only ?? Object.keys(routing.groups);
  const missing = names.filter((g) => !Object.hasOwn(routing.groups, g));
  if (missing.length > 0)
    throw new DataError(
      missing.map((g) => ({
        ...(file === undefined ? {} : { file }),
        field: "groups",
        message: `no group "${g}", which the requirements' group column names (groups: ${Object.keys(routing.groups).join(", ")})`,
      })),
    );
  const out = Object.create(null) as Record<string, ScheduleGroup>;
  for (const g of names)
    out[g] = { queues: groupQueues(routing, g), costPerHour: routing.groups[g]!.costPerHour };
  return out;
}

/**
 * The options of shift design for groups with skills and costs (e.g. from
 * {@link routingScheduleGroups}).
 *
 * @example
 * buildShiftModel(points, spec, shiftGroupOptions(routingScheduleGroups(routing, groups)));
 */
export function shiftGroupOptions(
  groups: Readonly<Record<string, ScheduleGroup>>,
): ShiftGroupOptions {
  const skills = Object.create(null) as Record<string, readonly string[]>;
  const costs = Object.create(null) as Record<string, number>;
  for (const [g, group] of Object.entries(groups)) {
    skills[g] = group.queues;
    costs[g] = group.costPerHour ?? 1;
  }
  return { groupSkills: skills, groupCostPerHour: costs };
}
