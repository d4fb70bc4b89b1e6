/**
 * Erlang A (M/M/N+M, Palm's queue): Poisson arrivals, exponential handle times with mean AHT,
 * N agents, and callers who abandon after an exponential patience with mean P.
 *
 * Closed form (Mandelbaum & Zeltyn 2004, "The Palm/Erlang-A queue, with applications to call
 * centers", sections 3-4; Garnett, Mandelbaum & Reiman 2002), with mu = 1/AHT, theta = 1/P,
 * x = N mu / theta, y = lambda / theta, E = ErlangB(N, A) and
 * S(x, y) = sum_{j>=0} y^j / ((x+1)...(x+j)):
 *
 * - P(W > 0) = S E / (1 + (S - 1) E)
 * - P(Ab | W > 0) = U / (y S), U = sum_j j y^j / ((x+1)...(x+j)) (the stationary mean queue
 *   length divided by the probability that all agents are busy, times theta / lambda)
 * - ASA over all offered calls = P(Ab) / theta (Little's law with E[Q] = lambda E[W])
 * - occupancy = A (1 - P(Ab)) / N
 * - offered-wait tail, u = exp(-theta t): P(V > t | W > 0) = exp(-x theta t + y (1 - u)) S(x, y u) / S(x, y)
 * - answered within t, given delayed:
 *   x / ((x+1) S(x, y)) [S(x+1, y) - exp(-(x+1) theta t + y (1 - u)) S(x+1, y u)]
 *
 * Checked against pyworkforce's exact birth-death solution (see the tests) to 1e-12.
 *
 * @module
 */
import { lnSeries, seriesMoments } from "../math/gamma.ts";
import { erlangB } from "./erlang-b.ts";
import { idleMetrics, type QueueMetrics, type ServiceLevelDefinition } from "./types.ts";

/** Inputs of {@link erlangAMetrics}. */
export interface ErlangAInput {
  /** N, a non-negative integer. */
  readonly agents: number;
  /** Offered load A = lambda x AHT in Erlangs. */
  readonly load: number;
  /** Average handle time, seconds (> 0). */
  readonly ahtSeconds: number;
  /** Mean patience, seconds (> 0). */
  readonly patienceSeconds: number;
  /** T of the service level, seconds (>= 0). */
  readonly slSeconds: number;
  /** Service-level definition; default `"offered"`. */
  readonly slDefinition?: ServiceLevelDefinition;
}

const clamp01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);

/**
 * Erlang A metrics for N agents, with the blocking probability supplied by the caller (used by
 * the staffing search, which keeps Erlang B up to date incrementally).
 *
 * @internal
 */
export function erlangAFromBlocking(input: ErlangAInput, blocking: number): QueueMetrics {
  return erlangAAt(
    input.agents,
    input.load,
    input.ahtSeconds,
    input.patienceSeconds,
    input.slSeconds,
    input.slDefinition ?? "offered",
    blocking,
  );
}

/** {@link erlangAFromBlocking} with positional arguments (no allocation on the search's hot path). */
export function erlangAAt(
  agents: number,
  load: number,
  ahtSeconds: number,
  patienceSeconds: number,
  slSeconds: number,
  definition: ServiceLevelDefinition,
  blocking: number,
): QueueMetrics {
  const lambda = load / ahtSeconds; // calls per second
  if (load === 0) return idleMetrics("erlangA", agents);
  if (agents === 0) {
    // Nobody is ever answered: every caller waits until they abandon.
    return {
      model: "erlangA",
      loadErlangs: load,
      agents,
      probWait: 1,
      serviceLevel: 0,
      asaSeconds: patienceSeconds,
      stable: true,
      occupancy: 0,
      abandonRate: 1,
      meanQueueLength: lambda * patienceSeconds,
    };
  }
  const ratio = patienceSeconds / ahtSeconds; // mu / theta
  const x = agents * ratio;
  const y = load * ratio;
  const tau = slSeconds / patienceSeconds; // theta t
  const main = seriesMoments(x, y);

  // P(W > 0) = 1 / (1 + (1 - E) / (E S)), evaluated in logs (S may be astronomically large).
  // ln((1 - E)/E) with one logarithm where that loses nothing (E < 1/2: no cancellation in 1/E - 1)
  const lnOdds =
    blocking < 0.5 ? Math.log(1 / blocking - 1) : Math.log1p(-blocking) - Math.log(blocking);
  const probWait = blocking === 0 ? 0 : 1 / (1 + Math.exp(lnOdds - main.lnS));
  const abandonGivenWait = clamp01(main.uOverS / y);
  const abandonRate = probWait * abandonGivenWait;
  const asaSeconds = abandonRate * patienceSeconds;

  // Answered within T given delayed (exactly 0 when T = 0: nobody who waits is answered at once).
  const oneMinusU = -Math.expm1(-tau); // 1 - exp(-theta T)
  const yu = y * (1 - oneMinusU);
  let answeredInTime = 0;
  if (tau > 0) {
    const lnShifted = lnSeries(x + 1, yu);
    const firstRatio = ((x + 1) * main.s1OverS) / y; // S(x+1, y) / S(x, y)
    const late = Math.exp(lnShifted - main.lnS - (x + 1) * tau + y * oneMinusU);
    answeredInTime = clamp01((x / (x + 1)) * (firstRatio - late));
  }
  const slOffered = clamp01(1 - probWait * (1 - answeredInTime));

  let serviceLevel: number;
  switch (definition) {
    case "offered":
      serviceLevel = slOffered;
      break;
    case "answered":
      serviceLevel = abandonRate >= 1 ? 0 : clamp01(slOffered / (1 - abandonRate));
      break;
    case "excludeShortAbandons": {
      const vTail = virtualWaitTail(x, yu, main.lnS, tau, y * oneMinusU);
      const shortAbandons = clamp01(1 - answeredInTime - (1 - oneMinusU) * vTail);
      const denominator = 1 - probWait * shortAbandons;
      serviceLevel = denominator <= 0 ? 0 : clamp01(slOffered / denominator);
      break;
    }
    case "virtualWait": {
      const vTail = virtualWaitTail(x, yu, main.lnS, tau, y * oneMinusU);
      serviceLevel = clamp01(1 - probWait * vTail);
      break;
    }
  }

  return {
    model: "erlangA",
    loadErlangs: load,
    agents,
    probWait,
    serviceLevel,
    asaSeconds,
    stable: true,
    occupancy: Math.min(1, (load * (1 - abandonRate)) / agents),
    abandonRate,
    meanQueueLength: lambda * asaSeconds,
  };
}

/** P(V > T | W > 0) = exp(-x theta T + y (1 - u)) S(x, y u) / S(x, y). */
function virtualWaitTail(
  x: number,
  yu: number,
  lnS: number,
  tau: number,
  yOneMinusU: number,
): number {
  return clamp01(Math.exp(lnSeries(x, yu) - lnS - x * tau + yOneMinusU));
}

/**
 * Erlang A metrics for N agents.
 *
 * @example
 * // pyworkforce test_abandonment.py: 100 calls / 30 min, AHT 3 min, patience 5 min, T = 20 s
 * erlangAMetrics({ agents: 14, load: 10, ahtSeconds: 180, patienceSeconds: 300, slSeconds: 20 });
 * // => { probWait: 0.14526..., abandonRate: 0.013984..., serviceLevel: 0.916792..., ... }
 */
export function erlangAMetrics(input: ErlangAInput): QueueMetrics {
  return erlangAFromBlocking(input, erlangB(input.agents, input.load));
}
