/**
 * The shrinkage of the plan folder a schedule sits in, for simulating that schedule as the plan
 * staffed it.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { maxOf } from "../../math/extent.ts";

/**
 * The shrinkage of a plan folder's configuration, when `schedulePath` sits in one (a plan.json
 * with `config` and `summary` beside it): the largest of its queues', as the plan shares one
 * pool's agents. Undefined for stdin (`-`) or when there is no such plan.json; a queue
 * shrinkage outside 0..0.99 counts as 0.
 *
 * @example
 * folderPlanShrinkage("plan/schedule.json"); // => 0.3
 */
export function folderPlanShrinkage(schedulePath: string): number | undefined {
  if (schedulePath === "-") return undefined;
  let plan: unknown;
  try {
    plan = JSON.parse(readFileSync(join(dirname(schedulePath), "plan.json"), "utf8"));
  } catch {
    return undefined;
  }
  const p = plan as {
    config?: { queues?: Record<string, { shrinkage?: unknown } | null> | null };
    summary?: unknown;
  } | null;
  const queues = p?.config?.queues;
  if (typeof p?.summary !== "object" || typeof queues !== "object" || queues === null)
    return undefined;
  const values = Object.values(queues).map((q) => {
    const v = q?.shrinkage;
    return typeof v === "number" && v >= 0 && v <= 0.99 ? v : 0;
  });
  return maxOf(values, (v) => v, 0);
}
