/**
 * Performance of a routing design in one stationary interval: per queue service level, ASA,
 * abandonment and probability of waiting; per group occupancy. Exact where a closed form or a
 * small chain applies (taking only the queues with calls and the groups answering them into
 * account), else the fast, monotone overflow approximation of cascade.ts:
 *
 * - one queue, every group answering it at once: Erlang C or A on all their agents (exact;
 *   each group is given the pool's occupancy);
 * - one group answering every queue at once, one AHT, nobody abandons: the priority closed
 *   forms of priority.ts (one class per priority value, queues of equal priority first come
 *   first served). P(wait) and ASA are exact for every queue and the top class's service level
 *   too; lower classes' service level assumes an exponential wait given waiting with the
 *   exact mean (method "approximation");
 * - one group answering every queue at once, one AHT, patience, each priority class with one
 *   patience: one class is Erlang A (exact), two classes the chain of ctmc.ts (exact);
 * - anything else (or a chain refused as unstable or too large): the approximation.
 *
 * Overload without patience gives service level 0, P(wait) 1 and ASA `Infinity` (as
 * erlangCMetrics does), never NaN. The loads are offered calls after rejection.
 *
 * @module
 */
import { erlangView, lossCascade, sweepOrder } from "./cascade.ts";
import {
  clamp,
  evaluation,
  onePool,
  singleQueue,
  type Active,
  type RoutedQueueEvaluation,
} from "./exact.ts";
import { queueOrder, type RoutingModel } from "./model.ts";

export type { RoutedQueueEvaluation } from "./exact.ts";

/** Offered traffic of one queue in the interval. */
export interface RoutingLoad {
  /** Offered calls per second (after rejection), >= 0. */
  readonly callsPerSecond: number;
  /** Average handle time, seconds (> 0). */
  readonly ahtSeconds: number;
}

/** The evaluation of a routing design. */
export interface RoutingEvaluation {
  readonly queues: Readonly<Record<string, RoutedQueueEvaluation>>;
  readonly groups: Readonly<Record<string, { readonly occupancy: number }>>;
}

/**
 * Evaluates a routing design for one stationary interval (see the module comment for which
 * cases are exact).
 *
 * @param model - the validated routing model
 * @param loads - offered traffic per queue (every queue of the model)
 * @param agents - productive agents per group (every group; non-negative integers)
 * @throws RangeError for a missing or invalid load or agent count
 * @example
 * const model = parseRouting({ queues: { vip: { priority: 1 }, orders: { priority: 2 } },
 *   groups: { all: { serves: [{ queue: "vip" }, { queue: "orders" }] } } });
 * evaluateRouting(model, { vip: { callsPerSecond: 1 / 60, ahtSeconds: 180 },
 *   orders: { callsPerSecond: 8 / 60, ahtSeconds: 180 } }, { all: 30 }).queues.vip!.serviceLevel;
 * // => 0.97653 (multiskill.md §2.5 P3)
 */
export function evaluateRouting(
  model: RoutingModel,
  loads: Readonly<Record<string, RoutingLoad>>,
  agents: Readonly<Record<string, number>>,
): RoutingEvaluation {
  const groupNames = Object.keys(model.groups);
  const staff = groupNames.map((g) => {
    const n = Object.hasOwn(agents, g) ? agents[g] : undefined;
    if (n === undefined || !Number.isInteger(n) || n < 0)
      throw new RangeError(`agents of group "${g}" must be a non-negative integer, got ${n}`);
    return n;
  });
  const queues = Object.create(null) as Record<string, RoutedQueueEvaluation>;
  const active: Active[] = [];
  for (const { name, priority } of queueOrder(model)) {
    const load = Object.hasOwn(loads, name) ? loads[name] : undefined;
    if (load === undefined) throw new RangeError(`no load for queue "${name}"`);
    const { callsPerSecond: rate, ahtSeconds: aht } = load;
    if (!(rate >= 0) || !Number.isFinite(rate))
      throw new RangeError(`callsPerSecond of "${name}" must be a finite number >= 0, got ${rate}`);
    if (!(aht > 0) || !Number.isFinite(aht))
      throw new RangeError(`ahtSeconds of "${name}" must be a finite number > 0, got ${aht}`);
    if (rate === 0) {
      queues[name] = {
        serviceLevel: 1,
        asaSeconds: 0,
        abandonRate: 0,
        waitProbability: 0,
        method: "exact",
      };
      continue;
    }
    const q = model.queues[name]!;
    const serving = groupNames
      .map((g, index) => ({ index, serves: model.groups[g]!.serves }))
      .map(({ index, serves }) => ({
        index,
        at: serves.findIndex((s) => s.queue === name),
        serves,
      }))
      .filter((s) => s.at >= 0);
    const path = serving
      .filter((s) => s.serves[s.at]!.afterSeconds === 0)
      .sort((a, b) => a.at - b.at || a.index - b.index)
      .map((s) => s.index);
    active.push({
      name,
      callsPerSecond: rate,
      load: rate * aht,
      ahtSeconds: aht,
      slSeconds: q.slSeconds,
      patienceSeconds: q.patienceSeconds,
      priority,
      path,
      pool: new Set(serving.map((s) => s.index)),
    });
  }
  const occupancy = new Float64Array(groupNames.length);
  // queues that share no group are independent systems: each is evaluated on its own, so a
  // design of separate teams is as exact as each team alone
  for (const part of independentParts(active)) {
    const relevant = groupNames.map((_, g) => part.some((q) => q.pool.has(g)));
    const exact =
      singleQueue(part, relevant, staff, occupancy) ?? onePool(part, relevant, staff, occupancy);
    const results = exact ?? approximate(part, relevant, staff, occupancy);
    part.forEach((q, k) => (queues[q.name] = results[k]!));
  }
  const groups = Object.create(null) as Record<string, { occupancy: number }>;
  groupNames.forEach(
    (g, i) => (groups[g] = { occupancy: staff[i] === 0 ? 0 : clamp(occupancy[i]!) }),
  );
  return { queues, groups };
}

/** The overflow approximation (cascade.ts) and the groups' occupancy it implies. */
function approximate(
  active: readonly Active[],
  relevant: readonly boolean[],
  staff: readonly number[],
  occupancy: Float64Array,
): RoutedQueueEvaluation[] {
  const state = lossCascade(active, staff, sweepOrder(active, staff.length));
  const results = active.map((_, k) => erlangView(active, k, staff, state));
  // handled load: first where the cascade carries it, the rest over the pool by agents
  const carried = new Float64Array(staff.length);
  active.forEach((q, k) => {
    let left = q.load * (1 - results[k]!.abandonRate);
    q.path.forEach((g, i) => {
      const here = Math.min(left, state.offered[k]![i]! * (1 - state.blocking[g]!));
      carried[g]! += here;
      left -= here;
    });
    let poolAgents = 0;
    for (const g of q.pool) poolAgents += staff[g]!;
    if (poolAgents > 0) for (const g of q.pool) carried[g]! += (left * staff[g]!) / poolAgents;
  });
  staff.forEach((n, g) => {
    if (relevant[g] === true) occupancy[g] = n === 0 ? 0 : Math.min(1, carried[g]! / n);
  });
  return results.map((m) => evaluation(m, "approximation"));
}

/**
 * The active queues split into independent parts: two queues are in one part when a chain of
 * shared groups links them (in the order of `active` within each part).
 */
function independentParts(active: readonly Active[]): Active[][] {
  const part = active.map((_, k) => k);
  const root = (k: number): number => (part[k] === k ? k : (part[k] = root(part[k]!)));
  for (let a = 0; a < active.length; a++)
    for (let b = a + 1; b < active.length; b++)
      for (const g of active[a]!.pool)
        if (active[b]!.pool.has(g)) {
          part[root(b)] = root(a);
          break;
        }
  const parts = new Map<number, Active[]>();
  active.forEach((q, k) => {
    const r = root(k);
    const list = parts.get(r);
    if (list === undefined) parts.set(r, [q]);
    else list.push(q);
  });
  return [...parts.values()];
}
