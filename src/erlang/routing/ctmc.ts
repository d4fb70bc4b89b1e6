/**
 * Exact stationary solution of one pool of c agents answering two call classes, class 1 before
 * class 2 (non-preemptive), Poisson arrivals, the same exponential handle time, exponential
 * patience per class (or none). Restated in ../shared/research/multiskill.md §2.3.
 *
 * State (b, q1, q2): b busy agents, queues non-empty only when b = c. Transitions: arrivals
 * λ_k (to an idle agent, else to queue k); completions c mu at b = c take the head of queue 1,
 * else of queue 2, else free the agent (b mu below c); abandonments q_k θ_k. Then
 * P(wait) = P(b = c) for both classes (PASTA), P(abandon)_k = θ_k E[q_k] / λ_k and the mean
 * wait of all class-k arrivals, abandoners included, is E[q_k] / λ_k (Little). Service levels
 * come from the tagged-call chains of ctmc-wait.ts.
 *
 * Truncation (truncation.ts): queue 1 at the a-priori bound with ratios λ1/(c mu + k θ1);
 * queue 2 at the tighter of λ2/(k θ2) (with patience) and Λ/(c mu + k θ_min) (when Λ < c mu
 * or every class has patience), else a-posteriori. Neglected mass below 1e-13. Solved by GTH
 * (markov.ts) on a band of width Q1 + 1. A queue without patience that cannot be stable is
 * refused (RangeError), as is a chain above 200,000 states.
 *
 * @module
 */
import { serviceLevelsPool } from "./ctmc-wait.ts";
import { BandedGenerator, stationaryGth } from "./markov.ts";
import {
  dominatingLevel,
  geometricLevel,
  MAX_STATES,
  saturatedEmptyShare,
  tailNegligible,
} from "./truncation.ts";

/** One call class of a chain. */
export interface CtmcClass {
  /** λ, calls per second (>= 0). */
  readonly callsPerSecond: number;
  /** Mean patience, seconds (> 0); omitted: callers never abandon. */
  readonly patienceSeconds?: number;
}

/** Results of one class. */
export interface CtmcClassMetrics {
  /** Probability that an arriving call of the class waits. */
  readonly waitProbability: number;
  /** Probability that an offered call abandons. */
  readonly abandonRate: number;
  /** Mean wait of all offered calls (abandoners' waits included), seconds. */
  readonly meanWaitSeconds: number;
  /** Answered within `slSeconds` / offered. */
  readonly serviceLevel: number;
}

/** Result of a chain. */
export interface CtmcResult {
  /** Class 1 (priority), class 2. */
  readonly classes: readonly [CtmcClassMetrics, CtmcClassMetrics];
  /** Mean share of busy agents per group (one pool: one value). */
  readonly occupancy: readonly number[];
  /** States of the truncated chain. */
  readonly states: number;
  /** Longest queue kept per class. */
  readonly queueLimits: readonly [number, number];
}

/** Inputs of {@link solvePriorityCtmc}. */
export interface PriorityCtmcInput {
  /** c, a non-negative integer. */
  readonly agents: number;
  /** The common AHT, seconds (> 0). */
  readonly ahtSeconds: number;
  /** Class 1 (served first), class 2. */
  readonly classes: readonly [CtmcClass, CtmcClass];
  /** T of the service level, seconds (default 20). */
  readonly slSeconds?: number;
}

/** Validated rates of a two-class chain. */
export interface ChainRates {
  readonly mu: number;
  readonly lambda: readonly [number, number];
  /** Abandonment rate per waiting call (0 = none). */
  readonly theta: readonly [number, number];
}

/** @internal */
export function chainRates(
  ahtSeconds: number,
  classes: readonly [CtmcClass, CtmcClass],
  agentCounts: readonly number[],
): ChainRates {
  for (const n of agentCounts)
    if (!Number.isInteger(n) || n < 0)
      throw new RangeError(`agents must be non-negative integers, got ${n}`);
  if (!(ahtSeconds > 0) || !Number.isFinite(ahtSeconds))
    throw new RangeError(`ahtSeconds must be a finite number > 0, got ${ahtSeconds}`);
  const theta = classes.map((k) => {
    if (!(k.callsPerSecond >= 0) || !Number.isFinite(k.callsPerSecond))
      throw new RangeError(`callsPerSecond must be a finite number >= 0, got ${k.callsPerSecond}`);
    const p = k.patienceSeconds;
    if (p === undefined) return 0;
    if (!(p > 0)) throw new RangeError(`patienceSeconds must be > 0, got ${p}`);
    return 1 / p;
  });
  return {
    mu: 1 / ahtSeconds,
    lambda: [classes[0].callsPerSecond, classes[1].callsPerSecond],
    theta: [theta[0]!, theta[1]!],
  };
}

/** The class metrics from E[q_k] and the wait probabilities. @internal */
export function classMetrics(
  r: ChainRates,
  k: 0 | 1,
  waitProbability: number,
  meanQueue: number,
  serviceLevel: number,
): CtmcClassMetrics {
  const lambda = r.lambda[k];
  if (lambda === 0) return { waitProbability, abandonRate: 0, meanWaitSeconds: 0, serviceLevel: 1 };
  const clamp = (v: number): number => Math.min(1, Math.max(0, v));
  return {
    waitProbability: clamp(waitProbability),
    abandonRate: clamp((r.theta[k] * meanQueue) / lambda),
    meanWaitSeconds: meanQueue / lambda,
    serviceLevel: clamp(serviceLevel),
  };
}

/** Queue-1 limit when class 1 is served at `capacity` whenever it waits. @internal */
export function topQueueLimit(r: ChainRates, capacity: number): number {
  if (r.lambda[0] === 0) return 0;
  if (r.theta[0] === 0 && r.lambda[0] >= capacity)
    throw new RangeError(
      "class 1 has no patience and its load reaches the agents: no steady state",
    );
  return dominatingLevel((k) => r.lambda[0] / (capacity + k * r.theta[0]), MAX_STATES);
}

/**
 * Queue-2 limit: a-priori when a bound exists (`aggregateCapacity`: the rate at which a
 * non-empty queue is always worked), else null and the a-posteriori start in `start`.
 * @internal
 */
export function lowQueueLimit(
  r: ChainRates,
  aggregateCapacity: number,
  saturatedCapacity: () => number,
): { limit: number; checked: boolean } {
  if (r.lambda[1] === 0) return { limit: 0, checked: false };
  const total = r.lambda[0] + r.lambda[1];
  const thetaMin = Math.min(r.lambda[0] > 0 ? r.theta[0] : Infinity, r.theta[1]);
  let limit = Number.POSITIVE_INFINITY;
  if (r.theta[1] > 0) limit = dominatingLevel((k) => r.lambda[1] / (k * r.theta[1]), MAX_STATES);
  if (thetaMin > 0 || total < aggregateCapacity)
    limit = Math.min(
      limit,
      dominatingLevel((k) => total / (aggregateCapacity + k * thetaMin), MAX_STATES),
    );
  if (Number.isFinite(limit)) return { limit, checked: false };
  const capacity = saturatedCapacity();
  if (r.lambda[1] >= capacity)
    throw new RangeError("class 2 has no patience and cannot be served faster than it arrives");
  return { limit: geometricLevel(r.lambda[1] / capacity), checked: true };
}

/**
 * Exact metrics of one pool with two priority classes and exponential patience (see the module
 * comment for the model, truncation and method).
 *
 * @throws RangeError for invalid inputs, an unstable class without patience, or more than
 *   200,000 states
 * @example
 * // multiskill.md §2.5 P4: VIP 1/min (patience 3 min), regular 8/min (2 min), AHT 3 min, c = 30
 * const r = solvePriorityCtmc({ agents: 30, ahtSeconds: 180, classes: [
 *   { callsPerSecond: 1 / 60, patienceSeconds: 180 }, { callsPerSecond: 8 / 60, patienceSeconds: 120 }] });
 * r.classes[1].abandonRate; // => 0.043645...
 */
export function solvePriorityCtmc(input: PriorityCtmcInput): CtmcResult {
  const c = input.agents;
  const r = chainRates(input.ahtSeconds, input.classes, [c]);
  const sl = input.slSeconds ?? 20;
  if (!(sl >= 0)) throw new RangeError(`slSeconds must be >= 0, got ${sl}`);
  const capacity = c * r.mu;
  const q1 = topQueueLimit(r, capacity);
  const low = lowQueueLimit(
    r,
    capacity,
    () =>
      capacity *
      saturatedEmptyShare(
        r.lambda[0],
        1,
        () => 1,
        (k) => capacity + k * r.theta[0],
      ),
  );
  let q2 = low.limit;
  for (;;) {
    const states = c + (q1 + 1) * (q2 + 1);
    if (q1 >= MAX_STATES || q2 >= MAX_STATES || states > MAX_STATES)
      throw new RangeError(`the chain needs more than ${MAX_STATES} states`);
    const pi = stationaryGth(poolGenerator(c, r, q1, q2));
    const levels = new Float64Array(q2 + 1);
    for (let j = 0; j <= q2; j++)
      for (let i = 0; i <= q1; i++) levels[j]! += pi[c + j * (q1 + 1) + i]!;
    if (low.checked && !tailNegligible(levels)) {
      q2 *= 2;
      continue;
    }
    return poolResult(pi, c, r, q1, q2, sl);
  }
}

function poolGenerator(c: number, r: ChainRates, q1: number, q2: number): BandedGenerator {
  const m = q1 + 1;
  const g = new BandedGenerator(c + m * (q2 + 1), m);
  const total = r.lambda[0] + r.lambda[1];
  for (let b = 0; b < c; b++) {
    g.add(b, b + 1, total); // b + 1 = c is the state (c, 0, 0)
    if (b > 0) g.add(b, b - 1, b * r.mu);
  }
  for (let j = 0; j <= q2; j++)
    for (let i = 0; i <= q1; i++) {
      const s = c + j * m + i;
      if (i < q1) g.add(s, s + 1, r.lambda[0]);
      if (j < q2) g.add(s, s + m, r.lambda[1]);
      if (c > 0) g.add(s, i > 0 ? s - 1 : j > 0 ? s - m : c - 1, c * r.mu);
      if (i > 0) g.add(s, s - 1, i * r.theta[0]);
      if (j > 0) g.add(s, s - m, j * r.theta[1]);
    }
  return g;
}

function poolResult(
  pi: Float64Array,
  c: number,
  r: ChainRates,
  q1: number,
  q2: number,
  sl: number,
): CtmcResult {
  const m = q1 + 1;
  let busy = 0;
  let allBusy = 0;
  let e1 = 0;
  let e2 = 0;
  for (let b = 0; b < c; b++) busy += b * pi[b]!;
  for (let j = 0; j <= q2; j++)
    for (let i = 0; i <= q1; i++) {
      const p = pi[c + j * m + i]!;
      allBusy += p;
      e1 += i * p;
      e2 += j * p;
    }
  busy += c * allBusy;
  const levels = serviceLevelsPool(pi, c, r, q1, q2, sl);
  return {
    classes: [
      classMetrics(r, 0, allBusy, e1, levels[0]),
      classMetrics(r, 1, allBusy, e2, levels[1]),
    ],
    occupancy: [c === 0 ? 0 : busy / c],
    states: pi.length,
    queueLimits: [q1, q2],
  };
}
