/**
 * A simulation of a forecast against the agents of each skill group of a routing model,
 * composed from the files a planner has: the forecast's calls per queue (flat within each
 * interval, or shaped by the ads), and agents per group and interval (productive) or a
 * schedule's coverage per group (scheduled, each group's shrinkage off).
 *
 * @module
 */
import {
  gridSpacingMs,
  productiveFromScheduled,
  stepSeries,
  type GroupAgents,
  type GroupIntervalAgents,
  type RoutingModel,
  type RoutingSimulationOptions,
} from "../erlang/index.ts";
import { DataError } from "../io/errors.ts";
import { forecastArrivals, groupBy, type SimulationInputs } from "./simulation.ts";

/** The agents of a routed simulation. */
export type RoutedStaffing =
  | {
      /** Productive agents per group and interval. */
      readonly kind: "perGroup";
      readonly file: string;
      readonly rows: readonly GroupIntervalAgents[];
    }
  | {
      /** A schedule's coverage per group: scheduled agents, each group's shrinkage off. */
      readonly kind: "schedule";
      readonly file: string;
      readonly coverage: readonly {
        readonly startMs: number;
        readonly group: string;
        readonly scheduled: number;
      }[];
    };

/** What {@link planRoutedSimulation} composes. */
export interface RoutedSimulationInputs extends Pick<
  SimulationInputs,
  "forecast" | "ahtSeconds" | "ads" | "responses" | "zone"
> {
  readonly routing: RoutingModel;
  readonly staffing: RoutedStaffing;
  /** Options passed through to the simulation. */
  readonly simulation?: Pick<RoutingSimulationOptions, "handleTime" | "handleCv" | "runs" | "seed">;
}

/**
 * Composes the routed simulation of a forecast against agents per group. A forecast row without
 * aht_s takes its queue's `ahtSeconds` in the routing, else `ahtSeconds`.
 *
 * @throws DataError naming the file for a queue of the forecast the routing lacks, a group of
 *   the staffing the routing lacks, a queue without a handle time, or a forecast
 *   `forecastArrivals` refuses
 * @example
 * const options = planRoutedSimulation({ forecast, routing, staffing, zone: createZone("UTC") });
 * simulateRouting(options).total.queues.vip.serviceLevel;
 */
export function planRoutedSimulation(inputs: RoutedSimulationInputs): RoutingSimulationOptions {
  const { routing, forecast, staffing } = inputs;
  const issues: { file: string; message: string }[] = [];
  for (const q of new Set(forecast.rows.map((r) => r.queue)))
    if (!Object.hasOwn(routing.queues, q))
      issues.push({
        file: forecast.file,
        message: `queue "${q}" of the forecast is not in the routing`,
      });
  // productive agents per group and interval
  const rowsOf: readonly GroupIntervalAgents[] =
    staffing.kind === "perGroup"
      ? staffing.rows
      : staffing.coverage.map((c) => ({
          startMs: c.startMs,
          group: c.group,
          agents: Object.hasOwn(routing.groups, c.group)
            ? productiveFromScheduled(
                Math.max(0, Math.round(c.scheduled)),
                routing.groups[c.group]!.shrinkage,
              )
            : 0,
        }));
  for (const g of new Set(rowsOf.map((r) => r.group)))
    if (!Object.hasOwn(routing.groups, g))
      issues.push({ file: staffing.file, message: `group "${g}" is not in the routing` });
  const rows = forecast.rows.map((r) => {
    const aht = r.ahtSeconds ?? routing.queues[r.queue]?.ahtSeconds ?? inputs.ahtSeconds;
    return aht === undefined ? r : { ...r, ahtSeconds: aht };
  });
  const noAht = [...new Set(rows.filter((r) => r.ahtSeconds === undefined).map((r) => r.queue))];
  if (noAht.length > 0)
    issues.push({
      file: forecast.file,
      message: `no handle time for ${noAht.map((q) => `"${q}"`).join(", ")}: give aht_s, the queue's ahtSeconds in the routing, or --aht`,
    });
  if (issues.length > 0) throw new DataError(issues);
  const arrivals = forecastArrivals({ ...inputs, forecast: { file: forecast.file, rows } });
  const byGroup = groupBy(rowsOf, (r) => r.group);
  const groups: GroupAgents[] = [...byGroup].map(([group, list]) => {
    const starts = list.map((r) => r.startMs);
    const values = list.map((r) => r.agents);
    return { group, agents: stepSeries(starts, values, gridSpacingMs(starts, staffing.file)) };
  });
  return {
    routing,
    streams: arrivals.queues.map((q) => arrivals.streamOf(q)),
    groups,
    report: {
      startMs: arrivals.first,
      intervalSeconds: arrivals.stepMs / 1000,
      count: Math.round((arrivals.last - arrivals.first) / arrivals.stepMs),
    },
    dayStartsMs: arrivals.dayStartsMs,
    ...inputs.simulation,
  };
}
