/**
 * The last step of a plan with skill groups: its schedule simulated with the routing, each
 * group's own agents working (less its shrinkage), arrivals shaped by the ad spots with the
 * response fitted on the history (as `staffcast simulate --routing --schedule --ads --history`
 * does), a fixed seed; and the warnings where a queue's simulated service is surely off target.
 *
 * @module
 */
import {
  simulateRouting,
  type RoutingModel,
  type RoutingSimulationResult,
} from "../erlang/index.ts";
import {
  fitAdResponses,
  type AdRow,
  type ForecastResult,
  type HistoryInterval,
} from "../forecast/index.ts";
import { DataError } from "../io/errors.ts";
import type { ScheduleResult } from "../schedule/index.ts";
import type { Zone } from "../time/zone.ts";
import { planRoutedSimulation } from "./routed-simulation.ts";
import type { QueueGroupSummary } from "./types.ts";

/** Runs and seed of the plan's simulation: 20 independent runs from seed 1. */
export const PLAN_SIMULATION = { runs: 20, seed: 1 } as const;

/** What {@link simulateGroupSchedule} works from. */
export interface GroupSimulationInput {
  readonly forecast: ForecastResult;
  readonly routing: RoutingModel;
  readonly schedule: ScheduleResult;
  readonly zone: Zone;
  /** The plan's first instant: ad spots before it are those the response is fitted on. */
  readonly startMs: number;
  readonly history: readonly HistoryInterval[];
  readonly ads?: readonly AdRow[];
}

/**
 * Simulates the schedule by group with the routing.
 *
 * @throws DataError when the simulation is beyond its work limits (field `days`)
 */
export function simulateGroupSchedule(input: GroupSimulationInput): RoutingSimulationResult {
  const { zone } = input;
  const responses =
    input.ads === undefined
      ? undefined
      : fitAdResponses(input.history, {
          start: zone.dayStart(zone.dayOf(input.startMs)),
          timeZone: zone.name,
          ads: input.ads,
        });
  const options = planRoutedSimulation({
    forecast: { file: "the forecast", rows: input.forecast.rows },
    routing: input.routing,
    staffing: {
      kind: "schedule",
      file: "the schedule",
      coverage: (input.schedule.groupCoverage ?? []).map((c) => ({
        startMs: c.startMs,
        group: c.group,
        scheduled: c.scheduled,
      })),
    },
    zone,
    ...(input.ads === undefined ? {} : { ads: input.ads }),
    ...(responses === undefined ? {} : { responses }),
    simulation: { ...PLAN_SIMULATION },
  });
  try {
    return simulateRouting(options);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new DataError([
      { field: "days", message: `the simulation of the schedule: ${error.message}` },
    ]);
  }
}

const pct = (v: number): string => `${(100 * v).toFixed(1)} %`;

/**
 * Warnings for queues whose simulated service level lies wholly below its target (the whole
 * 95 % interval), or whose simulated abandonment lies wholly above its cap.
 */
export function simulationWarnings(
  result: RoutingSimulationResult,
  routing: RoutingModel,
  summary: Readonly<Record<string, QueueGroupSummary>>,
): string[] {
  const out: string[] = [];
  for (const [q, s] of Object.entries(result.total.queues)) {
    const own = summary[q];
    const spec = routing.queues[q]!;
    const misses: string[] = [];
    const ci = s.serviceLevelCi;
    if (own?.target != null && ci !== null && ci[1] < own.target - 1e-9)
      misses.push(
        `simulated service level ${pct(s.serviceLevel ?? 0)} (95 % interval ${pct(ci[0])} to ${pct(ci[1])}) lies wholly below its target of ${pct(own.target)} in ${spec.slSeconds} s` +
          (own.expectedServiceLevel === null
            ? ""
            : ` (expected at the agents required: ${pct(own.expectedServiceLevel)})`),
      );
    const ab = s.abandonRateCi;
    if (spec.maxAbandonRate !== undefined && ab !== null && ab[0] > spec.maxAbandonRate + 1e-9)
      misses.push(
        `simulated abandonment ${pct(s.abandonRate ?? 0)} (95 % interval ${pct(ab[0])} to ${pct(ab[1])}) lies wholly above its cap of ${pct(spec.maxAbandonRate)}`,
      );
    if (misses.length > 0)
      out.push(
        `queue "${q}" misses its targets in the simulation of the schedule (${result.runs} runs): ${misses.join("; ")}`,
      );
  }
  return out;
}
