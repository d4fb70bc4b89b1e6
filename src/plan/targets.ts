/**
 * A queue's targets from the plan configuration, as the staffing engine takes them.
 *
 * @module
 */
import type { StaffingPolicy } from "../erlang/index.ts";
import type { PlanConfig, QueueTargets } from "./config.ts";

/** The targets of a queue the configuration does not list: 80 % in 20 s. */
export const DEFAULT_TARGETS: QueueTargets = { slSeconds: 20, shrinkage: 0, minAgents: 0 };

/** The staffing policy of a queue's targets. */
export function policyOf(t: QueueTargets): StaffingPolicy {
  const targets = {
    ...(t.serviceLevel === undefined
      ? {}
      : { serviceLevel: { fraction: t.serviceLevel, seconds: t.slSeconds } }),
    ...(t.asaSeconds === undefined ? {} : { asaSeconds: t.asaSeconds }),
    ...(t.maxOccupancy === undefined ? {} : { maxOccupancy: t.maxOccupancy }),
    ...(t.maxAbandonRate === undefined ? {} : { maxAbandonRate: t.maxAbandonRate }),
  };
  return {
    targets,
    slSeconds: t.slSeconds,
    shrinkage: t.shrinkage,
    minAgents: t.minAgents,
    ...(t.patienceSeconds === undefined ? {} : { patienceSeconds: t.patienceSeconds }),
  };
}

/**
 * The targets of each queue: the configuration's own entries only (a queue named
 * `constructor` or `__proto__` is a queue like any other), else {@link DEFAULT_TARGETS}.
 */
export function targetsIn(config: PlanConfig): (queue: string) => QueueTargets {
  return (q) => (Object.hasOwn(config.queues, q) ? config.queues[q]! : DEFAULT_TARGETS);
}
