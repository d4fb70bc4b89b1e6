/**
 * Agents per group for one stationary interval, at least cost, such that every queue meets its
 * targets (multiskill.md §1.4: approximate, search, then simulate):
 *
 * 1. bounds: the no-sharing staffing (each queue staffed alone by Erlang C/A, on the cheapest
 *    group answering it first) and the all-skills pool (all calls on one pool, to each queue's
 *    target in turn, the least agents);
 * 2. a search on the fast evaluation (evaluateRouting): from the no-sharing staffing, drop the
 *    agent whose removal saves most while the evaluation still meets every target; when it does
 *    not meet them, add the agent that closes most of the shortfall per unit of cost;
 * 3. a check by simulation at steady state with common random numbers: while a queue misses a
 *    target, add an agent where the evaluation says it helps that queue most per unit of cost;
 *    then drop agents (dearest group first) while the simulation still meets every target.
 *
 * Where the evaluation is exact for the design (evaluateRouting's `method`), no simulation is
 * needed and the numbers are exact. Every loop is bounded by agent counts, never by a clock.
 *
 * @module
 */
import { staffInterval } from "../staffing.ts";
import type { StaffingTargets } from "../types.ts";
import { evaluateRouting } from "./approximate.ts";
import { simulateSteady, steadyWindow, type SteadyFigures } from "./interval-sim.ts";
import type { RoutingModel } from "./model.ts";
import {
  groupOccupancyCaps,
  occupancyShortfall,
  queueShortfall,
  queueTargets,
  type QueueFigures,
} from "./targets.ts";

/** Where a queue's reported numbers come from. */
export type FigureMethod = "exact" | "approximation" | "simulation";

/** The staffing of one interval. */
export interface RoutedIntervalStaffing {
  /** Productive agents per group. */
  readonly agents: Readonly<Record<string, number>>;
  /** Each queue with calls: its numbers at that staffing, and what produced them. */
  readonly queues: Readonly<Record<string, QueueFigures & { readonly method: FigureMethod }>>;
  /** Each group's occupancy at that staffing. */
  readonly groups: Readonly<Record<string, { readonly occupancy: number | null }>>;
  /** Whether every target is met (false: the search stopped at its agent bound). */
  readonly met: boolean;
  /** Agents of the two bounds: the all-skills pool (lower) and no sharing (upper). */
  readonly bounds: { readonly pooled: number; readonly separate: number };
}

/**
 * The work a routed staffing may do, in simulation checks: at most `checksPerInterval` checks of
 * one interval, and `simulatedCalls` calls simulated over a whole run (about a minute on one
 * core); beyond them, the staffing stands on the evaluation alone (its figures say
 * "approximation"). Work limits, not a clock: the same inputs give the same staffing anywhere.
 */
export const ROUTED_STAFFING_LIMITS = {
  checksPerInterval: 40,
  simulatedCalls: 50_000_000,
} as const;

/** Options of {@link staffRoutedInterval}. */
export interface RoutedIntervalOptions {
  /**
   * Calls the checks of a run may still simulate (shared by its intervals, decreased as they
   * are used); default: no limit beyond {@link ROUTED_STAFFING_LIMITS}.checksPerInterval.
   */
  readonly budget?: { calls: number };
  /** Seed of the checking simulations (one for every staffing tried). */
  readonly seed?: number;
  /** Offered calls each check simulates, about (default 4000). */
  readonly checkCalls?: number;
}

/** A queue's target on a single pool, for the bounds: the engine's targets and patience. */
function staffAlone(
  model: RoutingModel,
  queue: string,
  calls: number,
  ahtSeconds: number,
  intervalSeconds: number,
  targets: StaffingTargets,
): number {
  const q = model.queues[queue]!;
  return staffInterval({
    calls,
    intervalSeconds,
    ahtSeconds,
    targets,
    slSeconds: q.slSeconds,
    ...(q.patienceSeconds === undefined ? {} : { patienceSeconds: q.patienceSeconds }),
  }).agents;
}

/** The group a queue goes to first: rank, then wait, then cost, then file order. */
export function homeGroup(model: RoutingModel, queue: string): string {
  let best: { g: string; key: [number, number, number] } | undefined;
  for (const [g, group] of Object.entries(model.groups)) {
    const rank = group.serves.findIndex((s) => s.queue === queue);
    if (rank < 0) continue;
    const key: [number, number, number] = [
      group.serves[rank]!.afterSeconds,
      rank,
      group.costPerHour,
    ];
    if (
      best === undefined ||
      key[0] < best.key[0] ||
      (key[0] === best.key[0] &&
        (key[1] < best.key[1] || (key[1] === best.key[1] && key[2] < best.key[2])))
    )
      best = { g, key };
  }
  return best!.g;
}

/**
 * Staffs one interval (see the module).
 *
 * @param loads - calls offered per queue in the interval (after rejection) and their AHT
 * @example
 * staffRoutedInterval(model, { vip: { calls: 10, ahtSeconds: 300 }, orders: { calls: 120, ahtSeconds: 240 } }, 900).agents;
 * // => { vipdesk: 3, sales: 33, service: 0 } (for example)
 */
export function staffRoutedInterval(
  model: RoutingModel,
  loads: Readonly<Record<string, { readonly calls: number; readonly ahtSeconds: number }>>,
  intervalSeconds: number,
  options: RoutedIntervalOptions = {},
): RoutedIntervalStaffing {
  const groupNames = Object.keys(model.groups);
  const active = Object.keys(loads).filter((q) => loads[q]!.calls > 0);
  const zero = Object.fromEntries(groupNames.map((g) => [g, 0]));
  if (active.length === 0)
    return {
      agents: zero,
      queues: {},
      groups: Object.fromEntries(groupNames.map((g) => [g, { occupancy: null }])),
      met: true,
      bounds: { pooled: 0, separate: 0 },
    };
  const steady: Record<string, { callsPerSecond: number; ahtSeconds: number }> = {};
  for (const q of active)
    steady[q] = {
      callsPerSecond: loads[q]!.calls / intervalSeconds,
      ahtSeconds: loads[q]!.ahtSeconds,
    };
  const targets = Object.fromEntries(active.map((q) => [q, queueTargets(model, q)]));
  const caps = groupOccupancyCaps(model);
  // groups answering a queue with calls, and their floors
  const useful = groupNames.filter((g) =>
    model.groups[g]!.serves.some((s) => active.includes(s.queue)),
  );
  const floor = Object.fromEntries(
    groupNames.map((g) => [g, useful.includes(g) ? model.groups[g]!.minAgents : 0]),
  );

  // 1. bounds
  const separate: Record<string, number> = { ...floor };
  for (const q of active) {
    const n = staffAlone(
      model,
      q,
      loads[q]!.calls,
      loads[q]!.ahtSeconds,
      intervalSeconds,
      targets[q]!,
    );
    const g = homeGroup(model, q);
    separate[g] = separate[g]! + n;
  }
  for (const g of groupNames) separate[g] = Math.max(separate[g]!, floor[g]!);
  const totalCalls = active.reduce((a, q) => a + loads[q]!.calls, 0);
  const meanAht =
    active.reduce((a, q) => a + loads[q]!.calls * loads[q]!.ahtSeconds, 0) / totalCalls;
  const pooled = active.reduce(
    (m, q) => Math.min(m, staffAlone(model, q, totalCalls, meanAht, intervalSeconds, targets[q]!)),
    Number.POSITIVE_INFINITY,
  );
  const bounds = {
    pooled,
    separate: groupNames.reduce((a, g) => a + separate[g]!, 0),
  };

  // 2. search on the evaluation
  const shortfall = (f: SteadyFigures, only?: readonly string[]): number => {
    let miss = 0;
    for (const q of only ?? active) miss += queueShortfall(targets[q]!, f.queues[q]!);
    if (only === undefined)
      for (const g of useful) miss += occupancyShortfall(caps[g]!, f.groups[g]!.occupancy);
    return miss;
  };
  // the evaluation takes every queue of the model: those without calls at zero
  const everyQueue: Record<string, { callsPerSecond: number; ahtSeconds: number }> = {};
  for (const q of Object.keys(model.queues))
    everyQueue[q] = steady[q] ?? { callsPerSecond: 0, ahtSeconds: loads[q]?.ahtSeconds ?? 1 };
  const evaluate = (y: Record<string, number>) => evaluateRouting(model, everyQueue, y);
  const limit = Object.fromEntries(
    groupNames.map((g) => [g, Math.max(floor[g]!, 2 * bounds.separate + 10)]),
  );
  const y: Record<string, number> = { ...separate };
  const addBest = (
    figures: (z: Record<string, number>) => SteadyFigures,
    only?: readonly string[],
  ): boolean => {
    const base = shortfall(figures(y), only);
    let best: string | undefined;
    let bestGain = 0;
    for (const g of useful) {
      if (y[g]! >= limit[g]!) continue;
      const gain =
        (base - shortfall(figures({ ...y, [g]: y[g]! + 1 }), only)) / model.groups[g]!.costPerHour;
      if (gain > bestGain + 1e-12) {
        best = g;
        bestGain = gain;
      }
    }
    if (best === undefined) return false;
    y[best] = y[best]! + 1;
    return true;
  };
  const dropWhile = (meets: (z: Record<string, number>) => boolean): void => {
    // dearest group first; stay with a group while dropping from it keeps every target
    const order = [...useful].sort(
      (a, b) => model.groups[b]!.costPerHour - model.groups[a]!.costPerHour,
    );
    for (const g of order)
      while (y[g]! > floor[g]!) {
        const z = { ...y, [g]: y[g]! - 1 };
        if (!meets(z)) break;
        y[g] = z[g]!;
      }
  };
  const approx = (z: Record<string, number>): SteadyFigures => evaluate(z);
  while (shortfall(approx(y)) > 0 && addBest(approx));
  dropWhile((z) => shortfall(approx(z)) === 0);

  // 3. check and correct by simulation, unless the evaluation is exact
  const evaluated = evaluate(y);
  const exact = active.every((q) => evaluated.queues[q]!.method === "exact");
  let final: SteadyFigures;
  let method: FigureMethod;
  if (exact) {
    final = evaluate(y);
    method = "exact";
  } else {
    const seed = options.seed ?? 1;
    const budget = options.budget ?? { calls: Number.POSITIVE_INFINITY };
    const cost = steadyWindow(model, steady, options.checkCalls).calls;
    const cache = new Map<string, SteadyFigures>();
    const keyOf = (z: Record<string, number>): string => groupNames.map((g) => z[g]).join(",");
    let checks = 0;
    /** A check of `z`; undefined once this interval's or the run's work limit is reached. */
    const simulate = (z: Record<string, number>): SteadyFigures | undefined => {
      const key = keyOf(z);
      let f = cache.get(key);
      if (f !== undefined) return f;
      if (checks >= ROUTED_STAFFING_LIMITS.checksPerInterval || budget.calls < cost)
        return undefined;
      checks++;
      budget.calls -= cost;
      f = simulateSteady(model, steady, z, seed, options.checkCalls);
      cache.set(key, f);
      return f;
    };
    let current = simulate(y);
    while (current !== undefined && shortfall(current) > 0) {
      const now = current;
      const failing = active.filter((q) => queueShortfall(targets[q]!, now.queues[q]!) > 0);
      // the evaluation says where an agent helps the failing queues most; else the group the
      // first failing queue goes to first
      if (!addBest(approx, failing.length > 0 ? failing : undefined)) {
        const q = failing[0];
        const g = q === undefined ? undefined : homeGroup(model, q);
        if (g === undefined || y[g]! >= limit[g]!) break;
        y[g] = y[g]! + 1;
      }
      current = simulate(y);
    }
    dropWhile((z) => {
      const f = simulate(z);
      return f !== undefined && shortfall(f) === 0;
    });
    const checked = cache.get(keyOf(y));
    final = checked ?? approx(y);
    method = checked === undefined ? "approximation" : "simulation";
  }
  const queues: Record<string, QueueFigures & { method: FigureMethod }> = {};
  for (const q of active) {
    const f = final.queues[q]!;
    queues[q] = {
      serviceLevel: f.serviceLevel,
      asaSeconds: f.asaSeconds,
      abandonRate: f.abandonRate,
      method,
    };
  }
  const groups: Record<string, { occupancy: number | null }> = {};
  for (const g of groupNames)
    groups[g] = { occupancy: y[g]! > 0 ? (final.groups[g]?.occupancy ?? null) : null };
  return { agents: { ...y }, queues, groups, met: shortfall(final) === 0, bounds };
}
