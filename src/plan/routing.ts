/**
 * The routing model of a plan with skill groups: the configuration's queues (with their targets,
 * priority and reject share) and the history's other queues (80 % in 20 s), and the
 * configuration's groups; checked against the history's queues.
 *
 * @module
 */
import { routingProblems, type RoutedQueue, type RoutingModel } from "../erlang/index.ts";
import { DataError } from "../io/errors.ts";
import type { PlanConfig, QueueTargets } from "./config.ts";

/** A queue's targets as the routing model takes them (shrinkage and floors are the groups'). */
export function routedQueueOf(t: QueueTargets): RoutedQueue {
  return {
    ...(t.serviceLevel === undefined ? {} : { serviceLevel: t.serviceLevel }),
    slSeconds: t.slSeconds,
    ...(t.asaSeconds === undefined ? {} : { asaSeconds: t.asaSeconds }),
    ...(t.maxAbandonRate === undefined ? {} : { maxAbandonRate: t.maxAbandonRate }),
    ...(t.patienceSeconds === undefined ? {} : { patienceSeconds: t.patienceSeconds }),
    ...(t.maxOccupancy === undefined ? {} : { maxOccupancy: t.maxOccupancy }),
    ...(t.ahtSeconds === undefined ? {} : { ahtSeconds: t.ahtSeconds }),
    ...(t.priority === undefined ? {} : { priority: t.priority }),
    rejectShare: t.rejectShare ?? 0,
  };
}

/**
 * The routing model of a configuration with `groups`: its queues in the configuration's order,
 * then the history's other queues in their order.
 *
 * @param queues - the queues of the history (forecast)
 * @throws DataError naming the field: a group serving a queue neither configured nor in the
 *   history (`groups.sales.serves[1].queue`), a queue of the history no group serves
 *   (`queues.<name>`)
 */
export function planRouting(
  config: PlanConfig & { readonly groups: NonNullable<PlanConfig["groups"]> },
  queues: readonly string[],
  targetsOf: (queue: string) => QueueTargets,
  intervalMinutes: number,
): RoutingModel {
  const routed = Object.create(null) as Record<string, RoutedQueue>;
  for (const q of Object.keys(config.queues)) routed[q] = routedQueueOf(targetsOf(q));
  for (const q of queues) if (!Object.hasOwn(routed, q)) routed[q] = routedQueueOf(targetsOf(q));
  const model: RoutingModel = { intervalMinutes, queues: routed, groups: config.groups };
  const issues = routingProblems(model).map((i) =>
    /no group serves/.test(i.message)
      ? { ...i, message: `${i.message}, a queue of the history: add it to a group's serves` }
      : /^unknown queue/.test(i.message)
        ? {
            ...i,
            message: `${i.message.replace(/ \(not in queues\)$/, "")}: neither in queues nor in the history (queues: ${queues.join(", ")})`,
          }
        : i,
  );
  if (issues.length > 0) throw new DataError(issues);
  return model;
}
