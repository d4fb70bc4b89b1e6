/**
 * The JSON of `staffcast simulate --routing --json`: totals (with each queue's and group's),
 * the intervals per queue with calls, and per group with agents. Times in the given zone;
 * numbers unrounded.
 *
 * @module
 */
import { formatInstant, type Zone } from "../../time/zone.ts";
import type { RoutingSimulationResult } from "../routing/simulation-types.ts";

/**
 * Formats a routed simulation as one line of JSON with a final newline.
 *
 * @example
 * formatRoutedSimulationJson(simulateRouting(options), createZone("UTC"));
 * // '{"total":{"serviceLevel":0.83,...,"queues":{"vip":{...}},"groups":{...}},"intervals":[...],"groupIntervals":[...]}\n'
 */
export function formatRoutedSimulationJson(result: RoutingSimulationResult, zone: Zone): string {
  const t = result.total;
  return `${JSON.stringify({
    total: {
      serviceLevel: t.serviceLevel,
      serviceLevelCi: t.serviceLevelCi,
      asaSeconds: t.asaSeconds,
      abandonRate: t.abandonRate,
      abandonRateCi: t.abandonRateCi,
      occupancy: t.occupancy,
      queues: t.queues,
      groups: t.groups,
    },
    intervals: result.intervals
      .filter((x) => x.calls > 0 || x.rejected > 0)
      .map((x) => ({
        start: formatInstant(x.startMs, zone),
        queue: x.queue,
        calls: x.calls,
        serviceLevel: x.serviceLevel,
        asaSeconds: x.asaSeconds,
        abandonRate: x.abandonRate,
      })),
    groupIntervals: result.groupIntervals
      .filter((x) => x.agents > 0)
      .map((x) => ({
        start: formatInstant(x.startMs, zone),
        group: x.group,
        agents: x.agents,
        occupancy: x.occupancy,
      })),
  })}\n`;
}
