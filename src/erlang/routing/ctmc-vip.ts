/**
 * Exact stationary solution of the N-design (multiskill.md §2.5): a VIP group of n1 agents
 * answering VIP calls only and a general group of n2 agents answering both, VIP first.
 * A VIP arrival takes an idle VIP agent, else an idle general agent, else queues; a regular
 * arrival takes an idle general agent, else queues. A freed VIP agent takes the VIP head, else
 * idles; a freed general agent takes the VIP head, else the regular head, else idles. Poisson
 * arrivals, the same exponential handle time, exponential patience per class (or none).
 *
 * State (b1, b2, q1, q2) with q1 > 0 only when b1 = n1 and b2 = n2, q2 > 0 only when b2 = n2.
 * P(VIP waits) = P(b1 = n1, b2 = n2); P(regular waits) = P(b2 = n2); abandonments and mean waits
 * as in ctmc.ts; service levels from ctmc-wait.ts.
 *
 * States are ordered by regular-queue level (level 0: the (b1, b2) grid then the VIP queue;
 * level j: b1 = 0..n1 then the VIP queue), so every transition stays within
 * n1 + 1 + Q1 places and GTH works on that band. Truncation as in ctmc.ts: the VIP queue by the
 * a-priori bound with ratios λ1/((n1 + n2) mu + k θ1); the regular queue a priori when it has
 * patience (or Λ < n2 mu), else a posteriori, after checking its stability exactly: without
 * patience it needs λ2 < n2 mu P(no VIP waiting | regular queue never empty).
 *
 * @module
 */
import {
  chainRates,
  classMetrics,
  lowQueueLimit,
  topQueueLimit,
  type ChainRates,
  type CtmcClass,
  type CtmcResult,
} from "./ctmc.ts";
import { serviceLevelsVip, type VipLayout } from "./ctmc-wait.ts";
import { BandedGenerator, stationaryGth } from "./markov.ts";
import { MAX_STATES, saturatedEmptyShare, tailNegligible } from "./truncation.ts";

/** Inputs of {@link solveVipOverflowCtmc}. */
export interface VipOverflowCtmcInput {
  /** n1, agents of the VIP group (VIP calls only). */
  readonly vipAgents: number;
  /** n2, agents of the general group (VIP first, then regular). */
  readonly generalAgents: number;
  /** The common AHT, seconds (> 0). */
  readonly ahtSeconds: number;
  /** [VIP, regular]. */
  readonly classes: readonly [CtmcClass, CtmcClass];
  /** T of the service level, seconds (default 20). */
  readonly slSeconds?: number;
}

function layout(n1: number, n2: number, q1: number, q2: number): VipLayout {
  const grid = (n1 + 1) * (n2 + 1);
  const level0 = grid + q1;
  const m = n1 + 1 + q1;
  return {
    n1,
    n2,
    q1,
    q2,
    index: (b1, b2, i, j) =>
      j === 0
        ? i === 0
          ? b2 * (n1 + 1) + b1
          : grid + i - 1
        : level0 + (j - 1) * m + (i > 0 ? n1 + i : b1),
  };
}

/**
 * Exact metrics of the N-design (see the module comment). `occupancy` is [VIP group, general
 * group] (0 for a group without agents).
 *
 * @throws RangeError for invalid inputs, an unstable class without patience, or more than
 *   200,000 states
 * @example
 * // multiskill.md §2.5 P5: VIP 1/min, regular 8/min, AHT 3 min, 4 VIP + 26 general agents
 * const r = solveVipOverflowCtmc({ vipAgents: 4, generalAgents: 26, ahtSeconds: 180,
 *   classes: [{ callsPerSecond: 1 / 60 }, { callsPerSecond: 8 / 60 }] });
 * r.classes[0].waitProbability; // => 0.162246...
 */
export function solveVipOverflowCtmc(input: VipOverflowCtmcInput): CtmcResult {
  const n1 = input.vipAgents;
  const n2 = input.generalAgents;
  const r = chainRates(input.ahtSeconds, input.classes, [n1, n2]);
  const sl = input.slSeconds ?? 20;
  if (!(sl >= 0)) throw new RangeError(`slSeconds must be >= 0, got ${sl}`);
  const q1 = topQueueLimit(r, (n1 + n2) * r.mu);
  const low = lowQueueLimit(r, n2 * r.mu, () => {
    const share = saturatedEmptyShare(
      r.lambda[0],
      n1 + 1,
      (b) => b * r.mu,
      (k) => (n1 + n2) * r.mu + k * r.theta[0],
    );
    return n2 * r.mu * share;
  });
  let q2 = low.limit;
  for (;;) {
    const states = (n1 + 1) * (n2 + 1) + q1 + q2 * (n1 + 1 + q1);
    if (q1 >= MAX_STATES || q2 >= MAX_STATES || states > MAX_STATES)
      throw new RangeError(`the chain needs more than ${MAX_STATES} states`);
    const at = layout(n1, n2, q1, q2);
    const pi = stationaryGth(generator(at, r, states));
    if (low.checked) {
      const levels = new Float64Array(q2 + 1);
      for (let j = 0; j <= q2; j++)
        for (let b1 = 0; b1 <= n1; b1++)
          for (let i = 0; i <= (b1 === n1 ? q1 : 0); i++) levels[j]! += pi[at.index(b1, n2, i, j)]!;
      if (!tailNegligible(levels)) {
        q2 *= 2;
        continue;
      }
    }
    return result(pi, at, r, sl);
  }
}

/** Calls f(b1, b2, i, j) for every state. */
function forEachState(
  at: VipLayout,
  f: (b1: number, b2: number, i: number, j: number) => void,
): void {
  const { n1, n2, q1, q2 } = at;
  for (let j = 0; j <= q2; j++)
    for (let b2 = j === 0 ? 0 : n2; b2 <= n2; b2++)
      for (let b1 = 0; b1 <= n1; b1++) {
        const top = b1 === n1 && b2 === n2 ? q1 : 0;
        for (let i = 0; i <= top; i++) f(b1, b2, i, j);
      }
}

function generator(at: VipLayout, r: ChainRates, states: number): BandedGenerator {
  const { n1, n2, q1, q2 } = at;
  const g = new BandedGenerator(states, n1 + 1 + q1);
  const [l1, l2] = r.lambda;
  forEachState(at, (b1, b2, i, j) => {
    const s = at.index(b1, b2, i, j);
    // VIP arrival
    if (b1 < n1) g.add(s, at.index(b1 + 1, b2, 0, j), l1);
    else if (b2 < n2) g.add(s, at.index(b1, b2 + 1, 0, j), l1);
    else if (i < q1) g.add(s, at.index(b1, b2, i + 1, j), l1);
    // regular arrival
    if (b2 < n2) g.add(s, at.index(b1, b2 + 1, i, j), l2);
    else if (j < q2) g.add(s, at.index(b1, b2, i, j + 1), l2);
    // VIP-group completion
    if (b1 > 0)
      g.add(s, i > 0 ? at.index(b1, b2, i - 1, j) : at.index(b1 - 1, b2, 0, j), b1 * r.mu);
    // general completion
    if (b2 > 0) {
      const next =
        i > 0
          ? at.index(b1, b2, i - 1, j)
          : j > 0
            ? at.index(b1, b2, 0, j - 1)
            : at.index(b1, b2 - 1, 0, 0);
      g.add(s, next, b2 * r.mu);
    }
    if (i > 0) g.add(s, at.index(b1, b2, i - 1, j), i * r.theta[0]);
    if (j > 0) g.add(s, at.index(b1, b2, i, j - 1), j * r.theta[1]);
  });
  return g;
}

function result(pi: Float64Array, at: VipLayout, r: ChainRates, sl: number): CtmcResult {
  const { n1, n2 } = at;
  let vipWaits = 0;
  let regularWaits = 0;
  let e1 = 0;
  let e2 = 0;
  let busy1 = 0;
  let busy2 = 0;
  forEachState(at, (b1, b2, i, j) => {
    const p = pi[at.index(b1, b2, i, j)]!;
    if (b2 === n2) {
      regularWaits += p;
      if (b1 === n1) vipWaits += p;
    }
    e1 += i * p;
    e2 += j * p;
    busy1 += b1 * p;
    busy2 += b2 * p;
  });
  const levels = serviceLevelsVip(pi, at, r, sl);
  return {
    classes: [
      classMetrics(r, 0, vipWaits, e1, levels[0]),
      classMetrics(r, 1, regularWaits, e2, levels[1]),
    ],
    occupancy: [n1 === 0 ? 0 : busy1 / n1, n2 === 0 ? 0 : busy2 / n2],
    states: pi.length,
    queueLimits: [at.q1, at.q2],
  };
}
