/**
 * Service levels of the two-class chains by tagged-call chains: a call that has to wait is
 * followed from its arrival state (PASTA: the stationary law of the chain restricted to the
 * states where it waits) until it is answered or abandons. Only what is ahead of it and what
 * can overtake it matters: the calls of its own class ahead, the class-1 queue (which class-2
 * calls let pass) and, in the N-design, the busy VIP agents (idle VIP agents take arriving VIP
 * calls, which then do not queue). The probability of being answered by T comes from
 * uniformization (markov.ts); SL = P(no wait) + P(wait, answered by T).
 *
 * Exact for the truncated chains (calls that would overtake past the truncation are dropped,
 * like the chain itself does); no formula source beyond the chains' definitions.
 *
 * @module
 */
import type { ChainRates } from "./ctmc.ts";
import { absorbedBy, type TransitionList } from "./markov.ts";

function list(size: number): TransitionList & { add(f: number, t: number, r: number): void } {
  const from: number[] = [];
  const to: number[] = [];
  const rate: number[] = [];
  return {
    size,
    from,
    to,
    rate,
    add(f: number, t: number, r: number) {
      if (r === 0) return;
      from.push(f);
      to.push(t);
      rate.push(r);
    },
  };
}

/**
 * A call of the top class with j calls of its class ahead (start[j]) while every agent able to
 * take it is busy: it moves up at `capacity` + j θ1, is answered from the head at `capacity`.
 */
function topAnswered(start: Float64Array, capacity: number, theta: number, sl: number): number {
  const n = start.length;
  const served = n;
  const lost = n + 1;
  const chain = list(n + 2);
  for (let j = 0; j < n; j++) {
    chain.add(j, j === 0 ? served : j - 1, capacity + j * theta);
    chain.add(j, lost, theta);
  }
  const init = new Float64Array(n + 2);
  init.set(start);
  return absorbedBy(chain, init, served, sl);
}

/** [SL class 1, SL class 2] of the one-pool chain of ctmc.ts. @internal */
export function serviceLevelsPool(
  pi: Float64Array,
  c: number,
  r: ChainRates,
  q1: number,
  q2: number,
  sl: number,
): [number, number] {
  const m = q1 + 1;
  let idle = 0;
  for (let b = 0; b < c; b++) idle += pi[b]!;
  const capacity = c * r.mu;
  // class 1: ahead = q1 at arrival
  const start1 = new Float64Array(m);
  for (let j = 0; j <= q2; j++) for (let i = 0; i <= q1; i++) start1[i]! += pi[c + j * m + i]!;
  const sl1 = idle + topAnswered(start1, capacity, r.theta[0], sl);
  // class 2: state (i = class-1 queue, j = class-2 calls ahead)
  const n = m * (q2 + 1);
  const served = n;
  const chain = list(n + 2);
  for (let j = 0; j <= q2; j++)
    for (let i = 0; i <= q1; i++) {
      const s = j * m + i;
      if (i < q1) chain.add(s, s + 1, r.lambda[0]);
      chain.add(s, i > 0 ? s - 1 : j > 0 ? s - m : served, capacity);
      if (i > 0) chain.add(s, s - 1, i * r.theta[0]);
      if (j > 0) chain.add(s, s - m, j * r.theta[1]);
      chain.add(s, n + 1, r.theta[1]);
    }
  const init = new Float64Array(n + 2);
  init.set(pi.subarray(c, c + n));
  const sl2 = idle + absorbedBy(chain, init, served, sl);
  return [sl1, sl2];
}

/** The N-design's state layout (see ctmc-vip.ts). @internal */
export interface VipLayout {
  readonly n1: number;
  readonly n2: number;
  readonly q1: number;
  readonly q2: number;
  /** Index of (b1, b2, i, j), i > 0 only at b1 = n1, b2 = n2; j > 0 only at b2 = n2. */
  index(b1: number, b2: number, i: number, j: number): number;
}

/** [SL VIP, SL regular] of the N-design chain of ctmc-vip.ts. @internal */
export function serviceLevelsVip(
  pi: Float64Array,
  layout: VipLayout,
  r: ChainRates,
  sl: number,
): [number, number] {
  const { n1, n2, q1, q2 } = layout;
  // VIP: waits when b1 = n1 and b2 = n2; every agent takes VIP calls first
  const start1 = new Float64Array(q1 + 1);
  let vipWaits = 0;
  for (let j = 0; j <= q2; j++)
    for (let i = 0; i <= q1; i++) {
      const p = pi[layout.index(n1, n2, i, j)]!;
      start1[i]! += p;
      vipWaits += p;
    }
  const sl1 = 1 - vipWaits + topAnswered(start1, (n1 + n2) * r.mu, r.theta[0], sl);
  // regular: waits when b2 = n2; tagged state (b1, i, j) laid out like a level of the chain:
  // b1 = 0..n1 with i = 0, then b1 = n1 with i = 1..q1
  const m = n1 + 1 + q1;
  const at = (b1: number, i: number, j: number): number => j * m + (i > 0 ? n1 + i : b1);
  const n = m * (q2 + 1);
  const served = n;
  const chain = list(n + 2);
  const init = new Float64Array(n + 2);
  let regularWaits = 0;
  for (let j = 0; j <= q2; j++)
    for (let s = 0; s < m; s++) {
      const i = s > n1 ? s - n1 : 0;
      const b1 = s > n1 ? n1 : s;
      const here = at(b1, i, j);
      const p = pi[layout.index(b1, n2, i, j)]!;
      init[here] = p;
      regularWaits += p;
      if (b1 < n1) chain.add(here, at(b1 + 1, 0, j), r.lambda[0]);
      else if (i < q1) chain.add(here, at(n1, i + 1, j), r.lambda[0]);
      if (b1 > 0) chain.add(here, i > 0 ? at(n1, i - 1, j) : at(b1 - 1, 0, j), b1 * r.mu);
      const next = i > 0 ? at(n1, i - 1, j) : j > 0 ? at(b1, 0, j - 1) : served;
      chain.add(here, next, n2 * r.mu);
      if (i > 0) chain.add(here, at(n1, i - 1, j), i * r.theta[0]);
      if (j > 0) chain.add(here, at(b1, i, j - 1), j * r.theta[1]);
      chain.add(here, n + 1, r.theta[1]);
    }
  const sl2 = 1 - regularWaits + absorbedBy(chain, init, served, sl);
  return [sl1, sl2];
}
