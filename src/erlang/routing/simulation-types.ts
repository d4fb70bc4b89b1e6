/**
 * The types of a simulation of a routed centre (see simulate-routing.ts): calls per queue,
 * agents per group, and results per queue and per group.
 *
 * @module
 */
import type { SimulatedTotal, StepSeries } from "../simulation-types.ts";
import type { RoutingModel } from "./model.ts";

/** The calls dialled to one queue (rejected ones included: the queue's `rejectShare` is drawn). */
export interface RoutedStream {
  readonly queue: string;
  /** Arrival rate, calls per second. */
  readonly rate: StepSeries;
  /** Mean handle time, seconds (default: the queue's `ahtSeconds` in the routing). */
  readonly ahtSeconds?: StepSeries | number;
}

/** The agents of one group on the phones. */
export interface GroupAgents {
  readonly group: string;
  /** Productive agents (whole numbers; fractions are rounded down). */
  readonly agents: StepSeries;
  /** Agents added on top (a correction), if any. */
  readonly extraAgents?: StepSeries;
}

/** Options of {@link simulateRouting}. */
export interface RoutingSimulationOptions {
  readonly routing: RoutingModel;
  readonly streams: readonly RoutedStream[];
  /** Agents per group; a group of the routing not listed has none. */
  readonly groups: readonly GroupAgents[];
  /** Reporting intervals: `count` intervals of `intervalSeconds` from `startMs`. */
  readonly report: {
    readonly startMs: number;
    readonly intervalSeconds: number;
    readonly count: number;
  };
  /**
   * Instants at which the centre starts empty (day starts); default: the report's start. A day
   * starting before the report warms the centre up: its calls before the report are not counted.
   */
  readonly dayStartsMs?: readonly number[];
  readonly handleTime?: "exponential" | "lognormal";
  /** Coefficient of variation of lognormal handle times (default 1). */
  readonly handleCv?: number;
  /** Independent runs (default 20). */
  readonly runs?: number;
  readonly seed?: number;
}

/** One queue in one reporting interval, over all runs (calls by arrival interval). */
export interface RoutedQueueInterval {
  readonly queue: string;
  readonly startMs: number;
  /** Calls offered per run, on average (rejected ones not included). */
  readonly calls: number;
  /** Calls refused before queueing per run, on average. */
  readonly rejected: number;
  /** Answered within the queue's slSeconds / offered; null when no call was offered. */
  readonly serviceLevel: number | null;
  /** Mean wait of offered calls (abandoners until they hang up), seconds. */
  readonly asaSeconds: number | null;
  readonly abandonRate: number | null;
}

/** One group in one reporting interval, over all runs. */
export interface GroupInterval {
  readonly group: string;
  readonly startMs: number;
  /** Agents on the phones, on average over the interval and the runs. */
  readonly agents: number;
  /** Busy share of the agents present; null without agents. */
  readonly occupancy: number | null;
}

/** One queue over everything: means of the runs, 95 % intervals across runs. */
export interface RoutedQueueTotal {
  /** Calls offered per run (rejected ones not included). */
  readonly calls: number;
  readonly serviceLevel: number | null;
  readonly serviceLevelCi: readonly [number, number] | null;
  readonly asaSeconds: number | null;
  readonly abandonRate: number | null;
  readonly abandonRateCi: readonly [number, number] | null;
  /** Calls refused before queueing per run. */
  readonly rejected: number;
}

/** Result of {@link simulateRouting}. */
export interface RoutingSimulationResult {
  readonly total: SimulatedTotal & {
    /** Calls refused before queueing per run, all queues. */
    readonly rejected: number;
    readonly queues: Readonly<Record<string, RoutedQueueTotal>>;
    readonly groups: Readonly<Record<string, { readonly occupancy: number | null }>>;
  };
  /** By interval, then queue in the routing's order. */
  readonly intervals: readonly RoutedQueueInterval[];
  /** By interval, then group in the routing's order. */
  readonly groupIntervals: readonly GroupInterval[];
  readonly runs: number;
}
