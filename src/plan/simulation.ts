/**
 * A simulation of a forecast against its staffing, composed from the files a planner has: the
 * forecast's calls per queue (arrivals flat within each interval, or shaped by the response to
 * the ad spots), and either agents per queue and interval (each queue its own pool) or a
 * schedule's coverage (one pool of cross-trained agents answering every queue, shrinkage off).
 *
 * @module
 */
import {
  gridSpacingMs,
  productiveFromScheduled,
  stepSeries,
  type AgentPool,
  type CallStream,
  type IntervalAgents,
  type SimulationOptions,
  type SimulationPoolNote,
} from "../erlang/index.ts";
import {
  arrivalProfile,
  type AdResponse,
  type AdRow,
  type IntervalCalls,
} from "../forecast/index.ts";
import { DataError } from "../io/errors.ts";
import { maxOf, minOf } from "../math/extent.ts";
import type { CoveragePoint } from "../schedule/index.ts";
import { formatInstant, type Zone } from "../time/zone.ts";

/** The longest forecast simulated at once, days: a year (the work limits bound the calls). */
export const MAX_SIMULATED_DAYS = 366;

/** The agents a simulation is given. */
export type SimulationStaffing =
  | {
      /** Agents per queue and interval: each queue its own pool. */
      readonly kind: "perQueue";
      readonly file: string;
      readonly rows: readonly IntervalAgents[];
    }
  | {
      /** A schedule's coverage: one pool answering every queue. */
      readonly kind: "schedule";
      readonly file: string;
      readonly coverage: readonly Pick<CoveragePoint, "startMs" | "scheduled">[];
      /** Share of the scheduled agents off the phones, 0..0.99. */
      readonly shrinkage: number;
      /** Where the shrinkage came from, in words (for the pool note). */
      readonly shrinkageFrom: string;
    };

/** A forecast interval as the simulation reads it (a `ForecastRow`, or a forecast CSV's row). */
export interface SimulatedCalls extends IntervalCalls {
  /** Expected AHT, seconds; undefined: the default handle time. */
  readonly ahtSeconds?: number | undefined;
}

/** What {@link planSimulation} composes. */
export interface SimulationInputs {
  /** The forecast's name in messages, and its rows. */
  readonly forecast: { readonly file: string; readonly rows: readonly SimulatedCalls[] };
  /** Handle time where a row has none, seconds; rows without one need it. */
  readonly ahtSeconds?: number;
  /** Mean caller patience, seconds; undefined: nobody hangs up. */
  readonly patienceSeconds?: number;
  /** Ad spots: arrivals after them follow the response (fitted, or the default). */
  readonly ads?: readonly AdRow[];
  /** Each queue's fitted ad response (`fitAdResponses`); default: the default response. */
  readonly responses?: ReadonlyMap<string, AdResponse>;
  readonly staffing: SimulationStaffing;
  /** The zone of day starts (the system starts empty at each). */
  readonly zone: Zone;
  /** Options passed through to the simulation. */
  readonly simulation?: Pick<
    SimulationOptions,
    "handleTime" | "handleCv" | "slSeconds" | "runs" | "seed"
  >;
}

/** A composed simulation: the engine's options and a note per pool. */
export interface PlannedSimulation {
  readonly options: SimulationOptions;
  readonly pools: SimulationPoolNote[];
}

/** Rows grouped by queue, the queues in order of first appearance. */
export function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list === undefined) out.set(k, [r]);
    else list.push(r);
  }
  return out;
}

/** The interval of the forecast: every queue's the same. */
function forecastStepMs(byQueue: Map<string, SimulatedCalls[]>, file: string): number {
  const spacing = new Map<string, number>();
  for (const [queue, list] of byQueue)
    spacing.set(
      queue,
      gridSpacingMs(
        list.map((r) => r.startMs),
        file,
      ),
    );
  const stepMs = minOf(spacing.values(), (s) => s);
  if (byQueue.size > 1 && maxOf(spacing.values(), (s) => s) !== stepMs) {
    const list = [...spacing].map(([q, s]) => `${q}: ${s / 60_000} min`);
    throw new DataError([
      {
        file,
        message: `the queues have different interval lengths (${list.slice(0, 10).join(", ")}): give every queue the same interval`,
      },
    ]);
  }
  return stepMs;
}

/** The forecast's arrivals as the simulation takes them. */
export interface ForecastArrivals {
  /** Queues in order of first appearance. */
  readonly queues: readonly string[];
  readonly stepMs: number;
  /** Start of the first interval and end of the last, epoch ms. */
  readonly first: number;
  readonly last: number;
  /** A queue's calls: rate (per minute steps) and handle time, without patience. */
  readonly streamOf: (queue: string) => CallStream;
  /** Local midnights from the first day to the last. */
  readonly dayStartsMs: readonly number[];
}

/**
 * The forecast's arrivals: flat within intervals, or shaped by the ads; checked for one interval
 * length, at most {@link MAX_SIMULATED_DAYS} days and a handle time everywhere.
 */
export function forecastArrivals(
  inputs: Pick<SimulationInputs, "forecast" | "ahtSeconds" | "ads" | "responses" | "zone">,
): ForecastArrivals {
  const { forecast, zone } = inputs;
  const rows = forecast.rows;
  if (rows.length === 0) throw new DataError([{ file: forecast.file, message: "no rows" }]);
  const byQueue = groupBy(rows, (r) => r.queue);
  const stepMs = forecastStepMs(byQueue, forecast.file);
  const queues = [...byQueue.keys()];
  if (inputs.ahtSeconds === undefined && rows.some((r) => r.ahtSeconds === undefined))
    throw new RangeError(`${forecast.file} has no aht_s column: give a default handle time`);
  const first = minOf(rows, (r) => r.startMs);
  const last = maxOf(rows, (r) => r.startMs) + stepMs;
  if (last - first > MAX_SIMULATED_DAYS * 86_400_000) {
    throw new DataError([
      {
        file: forecast.file,
        message: `the forecast spans ${Math.round((last - first) / 86_400_000)} days, from ${formatInstant(first, zone)} to ${formatInstant(last, zone)}: simulate at most ${MAX_SIMULATED_DAYS} days at a time`,
      },
    ]);
  }
  // arrival rates per minute: flat within intervals, or shaped by the ads
  const profiles = arrivalProfile(
    rows,
    stepMs / 60_000,
    inputs.ads ?? [],
    inputs.responses === undefined ? undefined : new Map(inputs.responses),
  );
  const streamOf = (queue: string): CallStream => {
    const list = byQueue.get(queue)!;
    const profile = profiles.find((p) => p.queue === queue)!;
    return {
      queue,
      rate: { startMs: profile.startMs, stepSeconds: 60, values: profile.rates },
      ahtSeconds: stepSeries(
        list.map((r) => r.startMs),
        list.map((r) => r.ahtSeconds ?? inputs.ahtSeconds!),
        stepMs,
      ),
    };
  };
  const dayStartsMs: number[] = [];
  for (let d = zone.dayOf(first); d <= zone.dayOf(last - 1); d++)
    dayStartsMs.push(zone.dayStart(d));
  return { queues, stepMs, first, last, streamOf, dayStartsMs };
}

/**
 * Composes the simulation of a forecast against its staffing.
 *
 * @throws DataError (naming the file) for a forecast without rows, duplicate or off-grid starts,
 *   queues of different intervals, more than {@link MAX_SIMULATED_DAYS} days, or a queue of the
 *   forecast without agents; RangeError when a row has no AHT and `ahtSeconds` is not given
 * @example
 * const { options, pools } = planSimulation({ forecast, staffing, zone: createZone("UTC") });
 * simulateQueues(options);
 */
export function planSimulation(inputs: SimulationInputs): PlannedSimulation {
  const { staffing } = inputs;
  const { queues, stepMs, first, last, streamOf, dayStartsMs } = forecastArrivals(inputs);
  const withPatience = (stream: CallStream): CallStream =>
    inputs.patienceSeconds === undefined
      ? stream
      : { ...stream, patienceSeconds: inputs.patienceSeconds };

  let pools: AgentPool[];
  let notes: SimulationPoolNote[];
  if (staffing.kind === "perQueue") {
    const agentsBy = groupBy(staffing.rows, (r) => r.queue);
    for (const q of queues) {
      if (!agentsBy.has(q))
        throw new DataError([
          { file: staffing.file, message: `no agents for queue "${q}" of the forecast` },
        ]);
    }
    pools = queues.map((q) => {
      const starts = agentsBy.get(q)!.map((r) => r.startMs);
      return {
        streams: [withPatience(streamOf(q))],
        agents: stepSeries(
          starts,
          agentsBy.get(q)!.map((r) => r.agents),
          gridSpacingMs(starts, staffing.file),
        ),
      };
    });
    notes = queues.map((q) => ({ name: q, queues: [q] }));
  } else {
    const starts = staffing.coverage.map((c) => c.startMs);
    // on the phones, as the plan counts them
    const values = staffing.coverage.map((c) =>
      productiveFromScheduled(Math.max(0, Math.round(c.scheduled)), staffing.shrinkage),
    );
    pools = [
      {
        streams: queues.map((q) => withPatience(streamOf(q))),
        agents: stepSeries(starts, values, gridSpacingMs(starts, staffing.file)),
      },
    ];
    notes = [
      {
        name: "all",
        queues,
        shrinkage: staffing.shrinkage,
        shrinkageFrom: staffing.shrinkageFrom,
      },
    ];
  }

  return {
    options: {
      pools,
      report: {
        startMs: first,
        intervalSeconds: stepMs / 1000,
        count: Math.round((last - first) / stepMs),
      },
      dayStartsMs,
      ...inputs.simulation,
    },
    pools: notes,
  };
}
