/**
 * The plan configuration's skill groups against the rest of it: with `groups`, shrinkage and
 * floors belong to the groups (not the queues) and `pools` (their shorthand) is not given
 * besides; without them, a queue's `priority` and `rejectShare` have nothing to act on. The
 * routing checks that need no history (names, a queue listed twice, a queue of `queues` that no
 * group serves) apply here; those against the history's queues when the plan runs
 * (see routing.ts).
 *
 * @module
 */
import { appendAll } from "../math/extent.ts";
import { routingProblems, type RoutedQueue, type RoutingModel } from "../erlang/index.ts";
import type { DataIssue } from "../io/errors.ts";
import type { PlanConfig } from "./config.ts";

/** The fields of a queue that belong to the groups when there are groups. */
const GROUP_FIELDS = ["shrinkage", "minAgents"] as const;
/** The fields of a queue that only the routing of groups uses. */
const ROUTING_FIELDS = ["priority", "rejectShare"] as const;

/** Whether the raw JSON of queue `q` gives `field`. */
function gives(rawQueues: unknown, q: string, field: string): boolean {
  if (typeof rawQueues !== "object" || rawQueues === null) return false;
  const entry = (rawQueues as Record<string, unknown>)[q];
  return typeof entry === "object" && entry !== null && Object.hasOwn(entry, field);
}

/**
 * The problems of a valid configuration's groups (or of its routing fields without groups),
 * each named by its field.
 *
 * @param rawQueues - the `queues` as given (to tell a default from a value given)
 */
export function groupConfigIssues(config: PlanConfig, rawQueues: unknown): DataIssue[] {
  const issues: DataIssue[] = [];
  const queues = Object.keys(config.queues);
  if (config.groups === undefined) {
    for (const q of queues)
      for (const field of ROUTING_FIELDS)
        if (gives(rawQueues, q, field))
          issues.push({
            field: `queues.${q}.${field}`,
            message: `${field} applies with groups (pools answer their calls first come, first served)`,
          });
    return issues;
  }
  for (const q of queues)
    for (const field of GROUP_FIELDS)
      if (gives(rawQueues, q, field))
        issues.push({
          field: `queues.${q}.${field}`,
          message: `${field} belongs to the groups, not to a queue (give it to each group)`,
        });
  if (config.pools.length > 0)
    issues.push({
      field: "pools",
      message:
        "pools is a shorthand for groups (a pool is one group answering its queues first come, first served): give groups or pools, not both",
    });
  // every queue a group names counts as known here: the history's queues are checked when the
  // plan runs
  const known: Record<string, RoutedQueue> = Object.create(null) as Record<string, RoutedQueue>;
  for (const g of Object.values(config.groups))
    for (const s of g.serves) known[s.queue] = { slSeconds: 20, rejectShare: 0 };
  for (const q of queues) known[q] = { slSeconds: 20, rejectShare: 0 };
  const model: RoutingModel = { queues: known, groups: config.groups };
  // no queue configured is fine: the history's queues come in when the plan runs
  appendAll(
    issues,
    routingProblems(model).filter((i) => i.field !== "queues"),
  );
  return issues;
}
