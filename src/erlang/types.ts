/**
 * Public types of the staffing engine (and the metrics of an idle interval). Rates are fractions
 * in [0, 1], durations are seconds.
 *
 * @module
 */

/** Queueing model: Erlang C (M/M/N, nobody abandons) or Erlang A (M/M/N+M, exponential patience). */
export type QueueModel = "erlangC" | "erlangA";

/**
 * What "service level" counts under Erlang A (Erlang C has no abandonment, so all agree there):
 * - `"offered"`: answered within T / all offered calls (abandoners are failures); the default.
 * - `"answered"`: answered within T / answered calls.
 * - `"excludeShortAbandons"`: answered within T / (offered - abandoned within T).
 * - `"virtualWait"`: share of offered calls whose offered wait is at most T (abandoners who would
 *   have been answered in time count as successes).
 *
 * See Mandelbaum & Zeltyn, "The Palm/Erlang-A queue, with applications to call centers"; the
 * four values for their 48 calls/min example are 94.30 %, 97.31 %, 97.20 % and 96.79 %.
 */
export type ServiceLevelDefinition =
  "offered" | "answered" | "excludeShortAbandons" | "virtualWait";

/** One interval's traffic. */
export interface Workload {
  /** Calls offered in the interval (may be fractional, e.g. a forecast); >= 0. */
  readonly calls: number;
  /** Interval length in seconds; > 0. */
  readonly intervalSeconds: number;
  /** Average handle time in seconds; > 0. */
  readonly ahtSeconds: number;
}

/** Model options shared by evaluation and staffing. */
export interface ModelOptions {
  /**
   * Mean patience in seconds. When given, the Erlang A model is used; otherwise Erlang C.
   * Must be > 0.
   */
  readonly patienceSeconds?: number;
  /** Service-level definition for Erlang A (default `"offered"`). */
  readonly slDefinition?: ServiceLevelDefinition;
  /** The T of "X % answered within T seconds" used for the reported service level (default 20). */
  readonly slSeconds?: number;
}

/** Performance of one interval at a given number of productive agents. */
export interface QueueMetrics {
  readonly model: QueueModel;
  /** Offered load A = calls x AHT / interval length, in Erlangs. */
  readonly loadErlangs: number;
  /** Productive agents N. */
  readonly agents: number;
  /** Probability that an arriving call has to wait (all agents busy). */
  readonly probWait: number;
  /** Service level under the chosen definition, in [0, 1]. */
  readonly serviceLevel: number;
  /**
   * Average speed of answer over all offered calls, in seconds (Erlang A: mean wait of all
   * offered calls, abandoners' waiting time included). `Infinity` when the queue is unstable.
   */
  readonly asaSeconds: number;
  /** False for Erlang C with N <= A (the queue grows without bound). */
  readonly stable: boolean;
  /** Share of agents' time spent handling calls; min(1, A/N) for Erlang C. */
  readonly occupancy: number;
  /** Probability that an offered call abandons (0 for Erlang C). */
  readonly abandonRate: number;
  /** Mean number of calls waiting; `Infinity` when unstable. */
  readonly meanQueueLength: number;
}

/**
 * Metrics of an interval without calls: nobody waits, the service level is 1, agents are idle.
 *
 * @example
 * idleMetrics("erlangC", 3).serviceLevel; // => 1
 */
export function idleMetrics(model: QueueModel, agents: number): QueueMetrics {
  return {
    model,
    loadErlangs: 0,
    agents,
    probWait: 0,
    serviceLevel: 1,
    asaSeconds: 0,
    stable: true,
    occupancy: 0,
    abandonRate: 0,
    meanQueueLength: 0,
  };
}

/** Targets the staffing search must meet at once. Omitted targets do not constrain. */
export interface StaffingTargets {
  /** Service level: at least `fraction` of calls answered within `seconds`. */
  readonly serviceLevel?: { readonly fraction: number; readonly seconds: number };
  /** Maximum ASA over all offered calls, seconds (> 0). */
  readonly asaSeconds?: number;
  /** Maximum occupancy, in (0, 1]. */
  readonly maxOccupancy?: number;
  /** Maximum abandonment rate, in (0, 1]; Erlang A only. */
  readonly maxAbandonRate?: number;
}

/** Which requirement decided the number of agents. */
export type BindingConstraint = "serviceLevel" | "asa" | "occupancy" | "abandon" | "minAgents";

/** Result of staffing one interval. */
export interface StaffingResult extends QueueMetrics {
  /** The workload's interval length, seconds (echoed). */
  readonly intervalSeconds: number;
  /** The workload's AHT, seconds (echoed). */
  readonly ahtSeconds: number;
  /** Agents to schedule: ceil(agents / (1 - shrinkage)). */
  readonly scheduledAgents: number;
  /**
   * Real-valued productive agents at which the binding target is met exactly (linear
   * interpolation of the target's metric between agents - 1 and agents); <= agents.
   */
  readonly fractionalAgents: number;
  /** fractionalAgents / (1 - shrinkage), not rounded. */
  readonly fractionalScheduledAgents: number;
  /** The binding requirement, or null when nothing had to be staffed (no calls). */
  readonly binding: BindingConstraint | null;
}
