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
import { erlangAMetrics } from "../erlang-a.ts";
import { erlangCMetrics } from "../erlang-c.ts";
import type { QueueMetrics } from "../types.ts";
import { erlangView, lossCascade, sweepOrder, type CascadeQueue } from "./cascade.ts";
import { solvePriorityCtmc, type CtmcResult } from "./ctmc.ts";
import { queueOrder, type RoutingModel } from "./model.ts";
import { priorityQueueMetrics } from "./priority.ts";

/** Offered traffic of one queue in the interval. */
export interface RoutingLoad {
  /** Offered calls per second (after rejection), >= 0. */
  readonly callsPerSecond: number;
  /** Average handle time, seconds (> 0). */
  readonly ahtSeconds: number;
}

/** Metrics of one queue. */
export interface RoutedQueueEvaluation {
  /** Answered within the queue's slSeconds / offered, in [0, 1]. */
  readonly serviceLevel: number;
  /** Mean wait of all offered calls (abandoners included), seconds; `Infinity` if unstable. */
  readonly asaSeconds: number;
  /** Abandoned / offered (0 without patience). */
  readonly abandonRate: number;
  /** Probability that an offered call waits. */
  readonly waitProbability: number;
  /** Whether all four values are exact for the model. */
  readonly method: "exact" | "approximation";
}

/** The evaluation of a routing design. */
export interface RoutingEvaluation {
  readonly queues: Readonly<Record<string, RoutedQueueEvaluation>>;
  readonly groups: Readonly<Record<string, { readonly occupancy: number }>>;
}

/** A queue with calls and its parameters. */
interface Active extends CascadeQueue {
  readonly name: string;
  readonly callsPerSecond: number;
}

type Metrics = Pick<QueueMetrics, "probWait" | "serviceLevel" | "asaSeconds" | "abandonRate">;
const clamp = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);
const evaluation = (
  m: Metrics,
  method: RoutedQueueEvaluation["method"],
): RoutedQueueEvaluation => ({
  serviceLevel: clamp(m.serviceLevel),
  asaSeconds: m.asaSeconds,
  abandonRate: clamp(m.abandonRate),
  waitProbability: clamp(m.probWait),
  method,
});

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
  if (active.length > 0) {
    const relevant = groupNames.map((_, g) => active.some((q) => q.pool.has(g)));
    const exact =
      singleQueue(active, relevant, staff, occupancy) ??
      onePool(active, relevant, staff, occupancy);
    const results = exact ?? approximate(active, staff, occupancy);
    active.forEach((q, k) => (queues[q.name] = results[k]!));
  }
  const groups = Object.create(null) as Record<string, { occupancy: number }>;
  groupNames.forEach(
    (g, i) => (groups[g] = { occupancy: staff[i] === 0 ? 0 : clamp(occupancy[i]!) }),
  );
  return { queues, groups };
}

function queueMetrics(
  q: Active,
  agents: number,
  load: number,
  patience: number | undefined,
): QueueMetrics {
  return patience === undefined
    ? erlangCMetrics(agents, load, q.ahtSeconds, q.slSeconds)
    : erlangAMetrics({
        agents,
        load,
        ahtSeconds: q.ahtSeconds,
        patienceSeconds: patience,
        slSeconds: q.slSeconds,
      });
}

/** One queue answered at once by every relevant group: Erlang C/A on all their agents. */
function singleQueue(
  active: readonly Active[],
  relevant: readonly boolean[],
  staff: readonly number[],
  occupancy: Float64Array,
): RoutedQueueEvaluation[] | undefined {
  if (active.length !== 1) return undefined;
  const q = active[0]!;
  if (relevant.some((r, g) => r && !q.path.includes(g))) return undefined;
  const n = q.path.reduce((s, g) => s + staff[g]!, 0);
  const m = queueMetrics(q, n, q.load, q.patienceSeconds);
  for (const g of q.path) occupancy[g] = m.occupancy;
  return [evaluation(m, "exact")];
}

/** One relevant group answering every queue at once with one AHT: priority forms or chain. */
function onePool(
  active: readonly Active[],
  relevant: readonly boolean[],
  staff: readonly number[],
  occupancy: Float64Array,
): RoutedQueueEvaluation[] | undefined {
  const members = relevant.flatMap((r, g) => (r ? [g] : []));
  if (members.length !== 1) return undefined;
  const g = members[0]!;
  const aht = active[0]!.ahtSeconds;
  if (active.some((q) => !q.path.includes(g) || Math.abs(q.ahtSeconds - aht) > 1e-9 * aht))
    return undefined;
  const c = staff[g]!;
  const levels = [...new Set(active.map((q) => q.priority))].sort((a, b) => a - b);
  const classOf = (q: Active): number => levels.indexOf(q.priority);
  const rates = levels.map(() => 0);
  for (const q of active) rates[classOf(q)]! += q.callsPerSecond;
  if (active.every((q) => q.patienceSeconds === undefined)) {
    const p = priorityQueueMetrics(c, rates, aht);
    occupancy[g] = p.occupancy;
    const capacity = c / aht;
    return active.map((q) => {
      const k = classOf(q);
      const wait = p.classes[k]!.meanWaitSeconds;
      const above = rates.slice(0, k).reduce((s, l) => s + l, 0);
      // exponential wait given waiting, rate c mu (1 - σ_{k-1})(1 - σ_k) = C / Wq_k
      const gap = capacity - above - rates[k]!;
      const unstable = wait === Number.POSITIVE_INFINITY;
      const rate = gap > 0 ? (gap * (capacity - above)) / capacity : 0;
      const tail = unstable ? 1 : p.waitProbability * Math.exp(-rate * q.slSeconds);
      return evaluation(
        {
          probWait: unstable ? 1 : p.waitProbability,
          serviceLevel: 1 - tail,
          asaSeconds: wait,
          abandonRate: 0,
        },
        k === 0 ? "exact" : "approximation",
      );
    });
  }
  const patience = levels.map((l) => {
    const values = new Set(active.filter((q) => q.priority === l).map((q) => q.patienceSeconds));
    return values.size === 1 ? [...values][0] : null;
  });
  if (patience.some((p) => p === null) || levels.length > 2) return undefined;
  if (levels.length === 1) {
    const results = active.map((q) =>
      queueMetrics(q, c, rates[0]! * aht, patience[0] ?? undefined),
    );
    occupancy[g] = results[0]!.occupancy;
    return results.map((m) => evaluation(m, "exact"));
  }
  const solved = new Map<number, CtmcResult>();
  try {
    for (const q of active)
      if (!solved.has(q.slSeconds))
        solved.set(
          q.slSeconds,
          solvePriorityCtmc({
            agents: c,
            ahtSeconds: aht,
            slSeconds: q.slSeconds,
            classes: [0, 1].map((k) => ({
              callsPerSecond: rates[k]!,
              ...(typeof patience[k] === "number" ? { patienceSeconds: patience[k] } : {}),
            })) as [{ callsPerSecond: number }, { callsPerSecond: number }],
          }),
        );
  } catch (e) {
    if (e instanceof RangeError) return undefined;
    throw e;
  }
  return active.map((q) => {
    const r = solved.get(q.slSeconds)!;
    occupancy[g] = r.occupancy[0]!;
    const m = r.classes[classOf(q)]!;
    return evaluation(
      {
        probWait: m.waitProbability,
        serviceLevel: m.serviceLevel,
        asaSeconds: m.meanWaitSeconds,
        abandonRate: m.abandonRate,
      },
      "exact",
    );
  });
}

/** The overflow approximation (cascade.ts) and the groups' occupancy it implies. */
function approximate(
  active: readonly Active[],
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
  staff.forEach((n, g) => (occupancy[g] = n === 0 ? 0 : Math.min(1, carried[g]! / n)));
  return results.map((m) => evaluation(m, "approximation"));
}
