/**
 * The summary figures of a plan.
 *
 * @module
 */
import type { ForecastResult } from "../forecast/index.ts";
import type { RosterResult, ScheduleResult } from "../schedule/index.ts";
import type { ExpectedInterval, RequirementRow } from "./service.ts";
import type { PlanSummary } from "./types.ts";

/** The plan's totals and calls-weighted expected service. */
export function summarize(
  forecast: ForecastResult,
  requirements: readonly RequirementRow[],
  schedule: ScheduleResult,
  roster: RosterResult | undefined,
  expected: readonly ExpectedInterval[],
  intervalSeconds: number,
): PlanSummary {
  let paidSeconds = 0;
  let shifts = 0;
  for (const s of schedule.shifts) {
    paidSeconds += s.count * s.paidSeconds;
    shifts += s.count;
  }
  const withCalls = expected.filter((e) => e.calls > 0 && e.serviceLevel !== null);
  const callsWithService = withCalls.reduce((a, e) => a + e.calls, 0);
  const callsWeighted = (f: (e: ExpectedInterval) => number): number | null =>
    callsWithService > 0
      ? withCalls.reduce((a, e) => a + f(e) * e.calls, 0) / callsWithService
      : null;
  let load = 0;
  let agents = 0;
  for (const e of expected) {
    load += Math.min(e.loadErlangs, e.productiveAgents);
    agents += e.productiveAgents;
  }
  return {
    calls: forecast.rows.reduce((a, r) => a + r.calls, 0),
    requiredAgentSeconds:
      requirements.reduce((a, r) => a + r.result.fractionalScheduledAgents, 0) * intervalSeconds,
    scheduledAgentSeconds: expected.reduce((a, e) => a + e.scheduled, 0) * intervalSeconds,
    paidSeconds,
    shifts,
    expectedServiceLevel: callsWeighted((e) => e.serviceLevel!),
    expectedAbandonRate: callsWeighted((e) => e.abandonRate ?? 0),
    expectedOccupancy: agents > 0 ? load / agents : null,
    scheduleStatus: schedule.status,
    scheduleGap: schedule.gap,
    ...(schedule.stoppedBy === undefined ? {} : { scheduleStoppedBy: schedule.stoppedBy }),
    ...(roster === undefined
      ? {}
      : {
          rosterStatus: roster.status,
          rosterStoppedBy: roster.stoppedBy,
          agentsRostered: roster.agents.filter((a) => a.shifts > 0).length,
          unfilledShifts: roster.shortfalls.reduce((a, s) => a + s.missing, 0),
        }),
  };
}
