/**
 * The fast approximation of a multi-skill interval (multiskill.md §1.4 item 2), in two steps.
 *
 * 1. Loss cascade: each queue's calls try, on arrival, the groups that answer it at once, in
 *    the order its rank in their `serves` lists gives; calls finding a group blocked overflow
 *    to the next. Each group is offered its own Poisson calls plus the overflow of earlier
 *    groups (means and variances add); its blocking is Hayward's B(n/Z, M/Z) and its overflow
 *    has Riordan's moments in Hayward's scaled system (mean M B, variance Z² v'), shared among
 *    the streams in proportion to their means. Groups are swept in topological order (once:
 *    exact for the cascade) or, when the overflow graph has a cycle, in file order as many
 *    times as there are groups, starting from no overflow.
 * 2. Erlang view per queue q: its pool is every group that answers it (after any wait); the
 *    pool's agents N, the load offered into the pool by queues of strictly better priority H
 *    and of equal priority E (q included), each counted with the share of its calls the cascade
 *    brings into the pool. Calls of better priority take H agents off first (non-preemptive
 *    blocking by lower priorities is ignored: optimistic for a top queue whose pool is
 *    saturated by lower ones); q then sees Erlang C, or Erlang A with its patience, for the
 *    load E on N - H agents, linearly interpolated between whole agents.
 *
 * Monotone by construction: blocking never grows with agents anywhere, so H and E never grow
 * and N - H never shrinks when a group gains agents, and Erlang C/A (and the interpolation) are
 * monotone in agents and load. Delayed groups (afterSeconds > 0) count as full members of the
 * pool: optimistic when their delay exceeds the service-level threshold.
 *
 * @module
 */
import { erlangAMetrics } from "../erlang-a.ts";
import { erlangCMetrics } from "../erlang-c.ts";
import type { QueueMetrics } from "../types.ts";
import { haywardBlocking, momentsFromBlocking } from "./overflow.ts";

/** One queue with calls, as the cascade sees it. */
export interface CascadeQueue {
  /** Offered load, Erlangs. */
  readonly load: number;
  readonly ahtSeconds: number;
  readonly slSeconds: number;
  readonly patienceSeconds: number | undefined;
  /** Priority rank (lower = better). */
  readonly priority: number;
  /** Groups answering at once, in the order the call tries them. */
  readonly path: readonly number[];
  /** Every group answering the queue (pool membership, by group index). */
  readonly pool: ReadonlySet<number>;
}

/** The cascade's state: per queue and path position the mean offered there; per group B. */
export interface CascadeState {
  readonly offered: readonly Float64Array[];
  readonly blocking: Float64Array;
}

/** Sweep order of the groups and the number of sweeps (see the module comment). */
export function sweepOrder(queues: readonly CascadeQueue[], groups: number): number[][] {
  const indegree = new Array<number>(groups).fill(0);
  const next: number[][] = Array.from({ length: groups }, () => []);
  for (const q of queues)
    for (let i = 1; i < q.path.length; i++) {
      next[q.path[i - 1]!]!.push(q.path[i]!);
      indegree[q.path[i]!]!++;
    }
  const order: number[] = [];
  const ready = [...Array(groups).keys()].filter((g) => indegree[g] === 0);
  while (ready.length > 0) {
    const g = ready.shift()!;
    order.push(g);
    for (const h of next[g]!) if (--indegree[h]! === 0) ready.push(h);
  }
  if (order.length === groups) return [order];
  const fileOrder = [...Array(groups).keys()];
  return Array.from({ length: groups }, () => fileOrder);
}

/** Runs the loss cascade for the given agents per group. */
export function lossCascade(
  queues: readonly CascadeQueue[],
  agents: readonly number[],
  sweeps: readonly number[][],
): CascadeState {
  const groups = agents.length;
  const offered = queues.map((q) => new Float64Array(q.path.length));
  const variance = queues.map((q) => new Float64Array(q.path.length));
  queues.forEach((q, k) => {
    if (q.path.length > 0) {
      offered[k]![0] = q.load;
      variance[k]![0] = q.load;
    }
  });
  const blocking = new Float64Array(groups);
  for (const order of sweeps)
    for (const g of order) {
      let mean = 0;
      let v = 0;
      queues.forEach((q, k) => {
        const i = q.path.indexOf(g);
        if (i >= 0) {
          mean += offered[k]![i]!;
          v += variance[k]![i]!;
        }
      });
      const n = agents[g]!;
      if (mean === 0) {
        blocking[g] = n === 0 ? 1 : 0;
        continue;
      }
      const z = v > 0 ? v / mean : 1;
      const b = haywardBlocking(n, mean, z);
      blocking[g] = b;
      const scaled = momentsFromBlocking(n / z, mean / z, b);
      const outVariance = z * z * scaled.variance;
      queues.forEach((q, k) => {
        const i = q.path.indexOf(g);
        if (i >= 0 && i + 1 < q.path.length) {
          const share = offered[k]![i]! / mean;
          offered[k]![i + 1] = offered[k]![i]! * b;
          variance[k]![i + 1] = outVariance * share;
        }
      });
    }
  return { offered, blocking };
}

/** Share of queue r's calls the cascade brings into the pool of q. */
export function poolShare(
  r: CascadeQueue,
  state: CascadeState,
  k: number,
  pool: ReadonlySet<number>,
): number {
  if (r.load === 0) return 0;
  const offered = state.offered[k]!;
  for (let i = 0; i < r.path.length; i++)
    if (pool.has(r.path[i]!)) return Math.min(1, offered[i]! / r.load);
  let member = false;
  for (const g of r.pool) if (pool.has(g)) member = true;
  if (!member) return 0;
  // only delayed groups of r are in the pool: they see r's calls that wait
  if (r.path.length === 0) return 1;
  const last = r.path.length - 1;
  return Math.min(1, (offered[last]! * state.blocking[r.path[last]!]!) / r.load);
}

/**
 * Erlang C (no patience) or A metrics of `load` Erlangs on a real number of agents, linearly
 * interpolated between the whole numbers around it (monotone in agents and load).
 */
export function interpolatedErlang(
  agents: number,
  load: number,
  q: Pick<CascadeQueue, "ahtSeconds" | "slSeconds" | "patienceSeconds">,
): Pick<QueueMetrics, "probWait" | "serviceLevel" | "asaSeconds" | "abandonRate"> {
  const lo = Math.floor(agents);
  const f = agents - lo;
  const at = (n: number): QueueMetrics =>
    q.patienceSeconds === undefined
      ? erlangCMetrics(n, load, q.ahtSeconds, q.slSeconds)
      : erlangAMetrics({
          agents: n,
          load,
          ahtSeconds: q.ahtSeconds,
          patienceSeconds: q.patienceSeconds,
          slSeconds: q.slSeconds,
        });
  const a = at(lo);
  if (f === 0) return a;
  const b = at(lo + 1);
  const mix = (x: number, y: number): number => (1 - f) * x + f * y;
  return {
    probWait: mix(a.probWait, b.probWait),
    serviceLevel: mix(a.serviceLevel, b.serviceLevel),
    asaSeconds:
      a.asaSeconds === Number.POSITIVE_INFINITY || b.asaSeconds === Number.POSITIVE_INFINITY
        ? Number.POSITIVE_INFINITY
        : mix(a.asaSeconds, b.asaSeconds),
    abandonRate: mix(a.abandonRate, b.abandonRate),
  };
}

/** The Erlang view of queue k (module comment, step 2). */
export function erlangView(
  queues: readonly CascadeQueue[],
  k: number,
  agents: readonly number[],
  state: CascadeState,
): Pick<QueueMetrics, "probWait" | "serviceLevel" | "asaSeconds" | "abandonRate"> {
  const q = queues[k]!;
  let n = 0;
  for (const g of q.pool) n += agents[g]!;
  let better = 0;
  let equal = 0;
  queues.forEach((r, j) => {
    if (r.priority > q.priority) return;
    const share = j === k ? 1 : poolShare(r, state, j, q.pool);
    if (r.priority < q.priority) better += r.load * share;
    else equal += r.load * share;
  });
  return interpolatedErlang(Math.max(0, n - better), equal, q);
}
