/**
 * The JSON of `staffcast erlang --json`: one interval's metrics, with the staffing search's
 * fractional agents and binding target when agents were searched (not given). Rates as
 * fractions 0..1, times in seconds, `null` where a queue is unstable (infinite wait).
 *
 * @module
 */
import type { QueueMetrics, StaffingResult } from "../types.ts";

/**
 * Formats one interval's metrics as one line of JSON with a final newline.
 *
 * @param scheduledAgents - the agents to schedule (with shrinkage)
 * @param staffing - the search's result, or null when the agents were given
 * @example
 * const s = staffInterval({ calls: 100, intervalSeconds: 1800, ahtSeconds: 180 });
 * formatStaffingJson(s, s.scheduledAgents, s);
 * // '{"model":"erlangC","loadErlangs":10,"agents":14,"scheduledAgents":14,...}\n'
 */
export function formatStaffingJson(
  metrics: QueueMetrics,
  scheduledAgents: number,
  staffing: StaffingResult | null,
): string {
  const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);
  const m = metrics;
  return `${JSON.stringify({
    model: m.model,
    loadErlangs: m.loadErlangs,
    agents: m.agents,
    scheduledAgents,
    ...(staffing === null
      ? {}
      : {
          fractionalAgents: staffing.fractionalAgents,
          fractionalScheduledAgents: staffing.fractionalScheduledAgents,
        }),
    probWait: m.probWait,
    serviceLevel: m.serviceLevel,
    asaSeconds: finite(m.asaSeconds),
    stable: m.stable,
    occupancy: m.occupancy,
    abandonRate: m.abandonRate,
    meanQueueLength: finite(m.meanQueueLength),
    ...(staffing === null ? {} : { binding: staffing.binding }),
  })}\n`;
}
