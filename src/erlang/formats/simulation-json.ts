/**
 * The JSON of `staffcast simulate --json`: totals, how the queues were pooled, the intervals
 * with calls or agents, and the correction when one was asked for. Times are written in the
 * given zone; numbers unrounded.
 *
 * @module
 */
import { formatInstant, type Zone } from "../../time/zone.ts";
import type { StaffingCorrection } from "../correct-staffing.ts";
import type { SimulationOptions, SimulationResult } from "../simulation-types.ts";

/** How a pool of the simulation was formed, for people and in the JSON (`pools`). */
export interface SimulationPoolNote {
  /** The queue, for a pool of one queue's agents; `all` for a schedule's agents. */
  readonly name: string;
  /** The queues the pool answers, first come first served. */
  readonly queues: readonly string[];
  /** Shrinkage applied to a schedule's agents, 0..1. */
  readonly shrinkage?: number;
  /** Where that shrinkage came from, in words. */
  readonly shrinkageFrom?: string;
}

function totalJson(r: SimulationResult): Record<string, unknown> {
  return {
    serviceLevel: r.total.serviceLevel,
    serviceLevelCi: r.total.serviceLevelCi,
    asaSeconds: r.total.asaSeconds,
    abandonRate: r.total.abandonRate,
    abandonRateCi: r.total.abandonRateCi,
    occupancy: r.total.occupancy,
  };
}

/**
 * Formats a simulation (and its correction) as one line of JSON with a final newline.
 *
 * @param pools - one note per pool of `options.pools`, in order
 * @example
 * formatSimulationJson(simulateQueues(options), options, pools, createZone("UTC"));
 * // '{"total":{"serviceLevel":0.81,...},"pools":[...],"intervals":[...]}\n'
 */
export function formatSimulationJson(
  result: SimulationResult,
  options: SimulationOptions,
  pools: readonly SimulationPoolNote[],
  zone: Zone,
  correction?: StaffingCorrection,
): string {
  const { startMs, intervalSeconds } = options.report;
  return `${JSON.stringify({
    total: totalJson(result),
    pools,
    intervals: result.intervals
      .filter((x) => x.calls > 0 || x.agents > 0)
      .map((x) => ({
        start: formatInstant(x.startMs, zone),
        queue: x.queue,
        calls: x.calls,
        agents: x.agents,
        serviceLevel: x.serviceLevel,
        asaSeconds: x.asaSeconds,
        abandonRate: x.abandonRate,
        occupancy: x.occupancy,
      })),
    ...(correction === undefined
      ? {}
      : {
          correction: {
            met: correction.met,
            rounds: correction.rounds,
            total: totalJson(correction.result),
            intervals: correction.extra.flatMap((extra, p) =>
              [...extra].flatMap((n, j) =>
                n > 0
                  ? [
                      {
                        start: formatInstant(startMs + j * intervalSeconds * 1000, zone),
                        pool: pools[p]!.name,
                        extraAgents: n,
                      },
                    ]
                  : [],
              ),
            ),
          },
        }),
  })}\n`;
}
