/**
 * The types of a queue simulation: calls, agent pools, options and results (see simulate.ts).
 *
 * @module
 */

/** A step function of time: `values[i]` over [startMs + i step, startMs + (i + 1) step). */
export interface StepSeries {
  readonly startMs: number;
  readonly stepSeconds: number;
  readonly values: ArrayLike<number>;
}

/** The calls of one queue. */
export interface CallStream {
  readonly queue: string;
  /** Arrival rate, calls per second. */
  readonly rate: StepSeries;
  /** Mean handle time, seconds, at the arrival (a step function, or one number). */
  readonly ahtSeconds: StepSeries | number;
  /** Mean patience, seconds; undefined: nobody hangs up. */
  readonly patienceSeconds?: number;
}

/** Agents and the queues they answer (one FIFO queue). */
export interface AgentPool {
  readonly streams: readonly CallStream[];
  /** Agents on the phones (whole numbers; fractions are rounded down). */
  readonly agents: StepSeries;
  /** Agents added on top (a correction), if any. */
  readonly extraAgents?: StepSeries;
}

/** Options of {@link simulateQueues}. */
export interface SimulationOptions {
  readonly pools: readonly AgentPool[];
  /** Reporting intervals: `count` intervals of `intervalSeconds` from `startMs`. */
  readonly report: {
    readonly startMs: number;
    readonly intervalSeconds: number;
    readonly count: number;
  };
  /** Instants at which the system starts empty (day starts), sorted; default: the report's start. */
  readonly dayStartsMs?: readonly number[];
  readonly handleTime?: "exponential" | "lognormal";
  /** Coefficient of variation of lognormal handle times (default 1). */
  readonly handleCv?: number;
  /** T of the service level, seconds (default 20). */
  readonly slSeconds?: number;
  /** Independent runs (default 20). */
  readonly runs?: number;
  readonly seed?: number;
}

/** One queue in one reporting interval, over all runs. */
export interface SimulatedInterval {
  readonly queue: string;
  readonly startMs: number;
  /** Calls offered per run, on average. */
  readonly calls: number;
  /** Agents of the queue's pool on the phones, on average over the interval. */
  readonly agents: number;
  /** null when no call was offered. */
  readonly serviceLevel: number | null;
  readonly asaSeconds: number | null;
  readonly abandonRate: number | null;
  /** Busy share of the pool's agents present in the interval; null without agents. */
  readonly occupancy: number | null;
}

/** Totals over everything, mean of the runs with 95 % intervals across runs. */
export interface SimulatedTotal {
  readonly serviceLevel: number | null;
  readonly serviceLevelCi: readonly [number, number] | null;
  readonly asaSeconds: number | null;
  readonly abandonRate: number | null;
  readonly abandonRateCi: readonly [number, number] | null;
  readonly occupancy: number | null;
  readonly calls: number;
}

/** Result of {@link simulateQueues}. */
export interface SimulationResult {
  readonly total: SimulatedTotal;
  /** By interval, then queue (pools in order, streams in order). */
  readonly intervals: readonly SimulatedInterval[];
  readonly runs: number;
}
