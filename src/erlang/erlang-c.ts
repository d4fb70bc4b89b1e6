/**
 * Erlang C (M/M/N with an unlimited queue and infinitely patient callers).
 *
 * Formulas (Gans, Koole & Mandelbaum 2003, "Telephone call centers: tutorial, review, and
 * research prospects", section 4.1), for offered load A = lambda x AHT and N > A agents:
 * C(N, A) = N B / (N - A (1 - B)) with B = ErlangB(N, A); P(W > t) = C exp(-(N - A) t / AHT);
 * ASA = C AHT / (N - A); Lq = C A / (N - A); occupancy = A / N.
 * For N <= A the queue is unstable: P(wait) = 1, service level 0, ASA and Lq infinite.
 *
 * @module
 */
import { erlangB } from "./erlang-b.ts";
import { idleMetrics, type QueueMetrics } from "./types.ts";

/**
 * Erlang C probability of waiting, C(N, A). Returns 1 when N <= A (unstable) and 0 when A = 0.
 *
 * @param agents - N, a non-negative integer
 * @param load - A, offered load in Erlangs (>= 0)
 * @example
 * erlangC(14, 10); // => 0.17413191189... (pyworkforce test_erlang.py: 0.174)
 */
export function erlangC(agents: number, load: number): number {
  const b = erlangB(agents, load);
  if (load === 0) return 0;
  if (agents <= load) return 1;
  return (agents * b) / (agents - load * (1 - b));
}

/**
 * All Erlang C metrics at N agents from a precomputed Erlang B value.
 *
 * @param agents - N >= 0 (integer)
 * @param load - A in Erlangs
 * @param blocking - ErlangB(N, A)
 * @param ahtSeconds - average handle time, seconds
 * @param slSeconds - T of the service level, seconds
 * @internal
 */
export function erlangCFromBlocking(
  agents: number,
  load: number,
  blocking: number,
  ahtSeconds: number,
  slSeconds: number,
): QueueMetrics {
  if (load === 0) return idleMetrics("erlangC", agents);
  if (agents <= load) {
    return {
      model: "erlangC",
      loadErlangs: load,
      agents,
      probWait: 1,
      serviceLevel: 0,
      asaSeconds: Number.POSITIVE_INFINITY,
      stable: false,
      occupancy: 1,
      abandonRate: 0,
      meanQueueLength: Number.POSITIVE_INFINITY,
    };
  }
  const gap = agents - load;
  const c = (agents * blocking) / (gap + load * blocking);
  const tail = c * Math.exp((-gap * slSeconds) / ahtSeconds);
  return {
    model: "erlangC",
    loadErlangs: load,
    agents,
    probWait: c,
    serviceLevel: 1 - tail,
    asaSeconds: (c * ahtSeconds) / gap,
    stable: true,
    occupancy: load / agents,
    abandonRate: 0,
    meanQueueLength: (c * load) / gap,
  };
}

/**
 * Erlang C metrics for N agents.
 *
 * @param agents - N, a non-negative integer
 * @param load - A, offered load in Erlangs
 * @param ahtSeconds - average handle time in seconds (> 0)
 * @param slSeconds - T for the service level, seconds (>= 0)
 * @example
 * erlangCMetrics(14, 10, 180, 20).serviceLevel; // => 0.8883... (pyworkforce issue #35: 0.88835)
 */
export function erlangCMetrics(
  agents: number,
  load: number,
  ahtSeconds: number,
  slSeconds: number,
): QueueMetrics {
  return erlangCFromBlocking(agents, load, erlangB(agents, load), ahtSeconds, slSeconds);
}
