/**
 * Closed forms for one pool of c agents answering K call classes by strict priority, Poisson
 * arrivals, the same exponential handle time for every class (rate mu = 1/AHT), nobody abandons.
 *
 * Formulas (restated in ../shared/research/multiskill.md §2.1–2.2; Cobham 1954, Kella &
 * Yechiali 1985), with Λ = Σ λ_k, a = Λ/mu, C = ErlangC(c, a), σ_k = Σ_{j<=k} λ_j / (c mu):
 * - non-preemptive mean wait: Wq_k = W0 / ((1 - σ_{k-1})(1 - σ_k)), W0 = C / (c mu);
 * - every class waits with probability C (PASTA; the number busy ignores the order of service);
 * - top class: P(Wq_1 > t) = C exp(-(c mu - λ_1) t), so SL_1(T) = 1 - C exp(-(c mu - λ_1) T);
 * - preemptive-resume: classes 1..k form an FCFS M/M/c of rate Λ_k, so with the M/M/c sojourn
 *   T(Λ) = C(c, Λ/mu) / (c mu - Λ) + 1/mu: λ_k T_k = Λ_k T(Λ_k) - Λ_{k-1} T(Λ_{k-1}).
 *
 * Overload: when Λ >= c mu the lower classes grow without bound, but a class k with σ_k < 1
 * still has the limiting mean wait of these formulas with C = 1 (all agents always busy; a
 * freed agent always finds work). Classes with σ_k >= 1 wait for ever (Infinity), never NaN.
 * Erlang C comes from erlang-c.ts, stable for any c (no factorials).
 *
 * @module
 */
import { erlangB } from "../erlang-b.ts";
import { erlangC } from "../erlang-c.ts";

/** Results of one priority class (index 0 = highest priority). */
export interface PriorityClassMetrics {
  /** Calls per second of the class (echoed). */
  readonly callsPerSecond: number;
  /** Mean wait in queue of the class's calls, seconds, non-preemptive (Cobham). */
  readonly meanWaitSeconds: number;
  /**
   * Mean time in system (wait + handling), seconds, if calls were served preemptive-resume.
   * For a class without calls: the sojourn of a call of infinitesimal rate.
   */
  readonly preemptiveSojournSeconds: number;
}

/** Metrics of one pool under non-preemptive priority. */
export interface PriorityQueueMetrics {
  /** c, the agents (echoed). */
  readonly agents: number;
  /** a = Λ x AHT, Erlangs. */
  readonly loadErlangs: number;
  /** Probability that an arrival (of any class) waits: Erlang C(c, a); 1 when a >= c. */
  readonly waitProbability: number;
  /** a < c: every class has a stationary regime. */
  readonly stable: boolean;
  /** min(1, a / c); 0 without agents. */
  readonly occupancy: number;
  /** Per class, highest priority first. */
  readonly classes: readonly PriorityClassMetrics[];
  /** Service level of the top class at `slSeconds`: 1 - C exp(-(c mu - λ_1) T), exact. */
  readonly topServiceLevel: number;
}

function validate(agents: number, callsPerSecond: readonly number[], ahtSeconds: number): void {
  if (!Number.isInteger(agents) || agents < 0)
    throw new RangeError(`agents must be a non-negative integer, got ${agents}`);
  if (!(ahtSeconds > 0) || !Number.isFinite(ahtSeconds))
    throw new RangeError(`ahtSeconds must be a finite number > 0, got ${ahtSeconds}`);
  if (callsPerSecond.length === 0) throw new RangeError("at least one class is needed");
  for (const l of callsPerSecond)
    if (!(l >= 0) || !Number.isFinite(l))
      throw new RangeError(`callsPerSecond must be finite numbers >= 0, got ${l}`);
}

/**
 * P(Wq_1 > t) of the top class: C exp(-(c mu - λ_1) t) (1 when c mu <= λ_1).
 *
 * @param agents - c, a non-negative integer
 * @param callsPerSecond - λ_k per class, highest priority first
 * @param ahtSeconds - the common AHT, seconds
 * @param tSeconds - t >= 0, seconds
 * @example
 * // multiskill.md §2.5 P3: VIP 1/min, regular 8/min, AHT 3 min, c = 30, t = 20 s
 * topClassWaitTail(30, [1 / 60, 8 / 60], 180, 20); // => 0.023470...
 */
export function topClassWaitTail(
  agents: number,
  callsPerSecond: readonly number[],
  ahtSeconds: number,
  tSeconds: number,
): number {
  validate(agents, callsPerSecond, ahtSeconds);
  if (!(tSeconds >= 0)) throw new RangeError(`tSeconds must be >= 0, got ${tSeconds}`);
  const total = callsPerSecond.reduce((s, l) => s + l, 0);
  if (total === 0) return 0;
  const c = erlangC(agents, total * ahtSeconds);
  const gap = agents / ahtSeconds - callsPerSecond[0]!;
  if (gap <= 0) return 1;
  return c * Math.exp(-gap * tSeconds);
}

/**
 * Non-preemptive priority metrics of one pool (and the preemptive-resume sojourns).
 *
 * @param agents - c, a non-negative integer
 * @param callsPerSecond - λ_k per class, highest priority first
 * @param ahtSeconds - the common AHT, seconds (> 0)
 * @param slSeconds - T of the top class's service level, seconds (default 20)
 * @example
 * // multiskill.md §2.5 P3
 * const m = priorityQueueMetrics(30, [1 / 60, 8 / 60], 180);
 * m.waitProbability; // => 0.471408...
 * m.classes.map((k) => k.meanWaitSeconds / 60); // => [0.052379..., 0.523787...]
 */
export function priorityQueueMetrics(
  agents: number,
  callsPerSecond: readonly number[],
  ahtSeconds: number,
  slSeconds = 20,
): PriorityQueueMetrics {
  validate(agents, callsPerSecond, ahtSeconds);
  const mu = 1 / ahtSeconds;
  const capacity = agents * mu; // c mu, calls per second
  const total = callsPerSecond.reduce((s, l) => s + l, 0);
  const load = total * ahtSeconds;
  const wait = total === 0 ? 0 : erlangC(agents, load);
  const w0 = agents === 0 ? Number.POSITIVE_INFINITY : wait / capacity;
  const classes: PriorityClassMetrics[] = [];
  let above = 0; // Λ_{k-1}
  for (const rate of callsPerSecond) {
    const upTo = above + rate;
    const sigmaAbove = agents === 0 ? Number.POSITIVE_INFINITY : above / capacity;
    const sigma = agents === 0 ? Number.POSITIVE_INFINITY : upTo / capacity;
    const meanWaitSeconds =
      total === 0
        ? 0
        : sigma >= 1
          ? Number.POSITIVE_INFINITY
          : w0 / ((1 - sigmaAbove) * (1 - sigma));
    classes.push({
      callsPerSecond: rate,
      meanWaitSeconds,
      preemptiveSojournSeconds: preemptiveSojourn(agents, mu, above, rate),
    });
    above = upTo;
  }
  return {
    agents,
    loadErlangs: load,
    waitProbability: wait,
    stable: load < agents || total === 0,
    occupancy: agents === 0 ? 0 : Math.min(1, load / agents),
    classes,
    topServiceLevel: 1 - topClassWaitTail(agents, callsPerSecond, ahtSeconds, slSeconds),
  };
}

/** Lq(a) = a C(c, a) / (c - a): the mean number waiting in an FCFS M/M/c at load a. */
function queueLength(agents: number, load: number): number {
  if (load === 0) return 0;
  if (load >= agents) return Number.POSITIVE_INFINITY;
  return (load * erlangC(agents, load)) / (agents - load);
}

/**
 * Preemptive-resume sojourn of the class with rate `rate` below the rate `above`:
 * (f(Λ_k) - f(Λ_{k-1})) / λ_k with f(Λ) = Λ/mu + Lq(Λ/mu), or f'(Λ_{k-1}) when λ_k = 0.
 */
function preemptiveSojourn(agents: number, mu: number, above: number, rate: number): number {
  const capacity = agents * mu;
  if (above + rate >= capacity) return Number.POSITIVE_INFINITY;
  if (rate > 0) {
    const dq = queueLength(agents, (above + rate) / mu) - queueLength(agents, above / mu);
    return 1 / mu + dq / rate;
  }
  return 1 / mu + queueLengthSlope(agents, above / mu) / mu;
}

/**
 * d Lq / d a of M/M/c at load a < c, from dB/da = B (c/a - 1 + B) and
 * C = c B / (c - a (1 - B)), Lq = a C / (c - a).
 */
function queueLengthSlope(agents: number, load: number): number {
  if (load === 0) return 0;
  const b = erlangB(agents, load);
  const db = b * (agents / load - 1 + b);
  const d = agents - load * (1 - b);
  const c = (agents * b) / d;
  const dc = (agents * (db * d - b * (-1 + b + load * db))) / (d * d);
  const gap = agents - load;
  return (c + load * dc) / gap + (load * c) / (gap * gap);
}
