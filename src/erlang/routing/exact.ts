/**
 * The exact routes of evaluateRouting (approximate.ts): one queue on the groups answering it at
 * once (Erlang C/A on their agents), and one group answering every queue at once with one AHT
 * (priority closed forms without patience, Erlang A or the two-class chain with patience).
 * Each returns undefined when it does not apply.
 *
 * @module
 */
import { erlangAMetrics } from "../erlang-a.ts";
import { erlangCMetrics } from "../erlang-c.ts";
import type { QueueMetrics } from "../types.ts";
import type { CascadeQueue } from "./cascade.ts";
import { solvePriorityCtmc, type CtmcResult } from "./ctmc.ts";
import { priorityQueueMetrics } from "./priority.ts";

/** Metrics of one queue (the subset of {@link QueueMetrics} a routing evaluation reports). */
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

/** A queue with calls and its parameters. @internal */
export interface Active extends CascadeQueue {
  readonly name: string;
  readonly callsPerSecond: number;
}

/** The four values of a queue, as the Erlang functions name them. @internal */
export type Metrics = Pick<
  QueueMetrics,
  "probWait" | "serviceLevel" | "asaSeconds" | "abandonRate"
>;
/** Clamps to [0, 1]. @internal */
export const clamp = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);
/** A queue's evaluation from Erlang-style metrics. @internal */
export const evaluation = (
  m: Metrics,
  method: RoutedQueueEvaluation["method"],
): RoutedQueueEvaluation => ({
  serviceLevel: clamp(m.serviceLevel),
  asaSeconds: m.asaSeconds,
  abandonRate: clamp(m.abandonRate),
  waitProbability: clamp(m.probWait),
  method,
});

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
export function singleQueue(
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
export function onePool(
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
