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
import {
  CHECK_WINDOW,
  simulateSteady,
  steadyWindow,
  type SteadyFigures,
  type SteadyLoads,
} from "./interval-sim.ts";
import {
  addOne,
  addUntilMet,
  improve,
  staffingCost,
  type Judge,
  type SearchSpace,
  type Staffing,
} from "./staff-search.ts";
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
 * one interval, and `simulatedCalls` calls simulated over a whole run, shared evenly among its
 * distinct intervals (about two minutes on one core; a week of 15-minute intervals uses a
 * third of it). Beyond them an interval's staffing stands on the evaluation, or on the checks
 * done so far (its figures say so). Work limits, not a clock: the same inputs give the same
 * staffing on any machine, with any number of threads.
 */
export const ROUTED_STAFFING_LIMITS = {
  checksPerInterval: 40,
  simulatedCalls: 300_000_000,
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
  /** Offered calls each check measures, about (default 12,000; see CHECK_WINDOW). */
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
  const separate: Record<string, number> = Object.fromEntries(groupNames.map((g) => [g, 0]));
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

  // how far figures miss every target: the queues', and the groups' occupancy caps
  const shortfall = (f: SteadyFigures): number => {
    let miss = 0;
    for (const q of active) miss += queueShortfall(targets[q]!, f.queues[q]!);
    for (const g of useful) miss += occupancyShortfall(caps[g]!, f.groups[g]!.occupancy);
    return miss;
  };
  // the evaluation takes every queue of the model: those without calls at zero
  const everyQueue: Record<string, { callsPerSecond: number; ahtSeconds: number }> = {};
  for (const q of Object.keys(model.queues))
    everyQueue[q] = steady[q] ?? { callsPerSecond: 0, ahtSeconds: loads[q]?.ahtSeconds ?? 1 };
  const approx = (z: Staffing): SteadyFigures => evaluateRouting(model, everyQueue, z);
  const space: SearchSpace = {
    groups: useful,
    floor,
    limit: Object.fromEntries(
      groupNames.map((g) => [g, Math.max(floor[g]!, 2 * bounds.separate + 10)]),
    ),
    costPerHour: Object.fromEntries(groupNames.map((g) => [g, model.groups[g]!.costPerHour])),
  };

  // 2. search on the evaluation, from no sharing
  const y: Staffing = { ...separate };
  const onApprox: Judge = (z) => shortfall(approx(z));
  addUntilMet(space, y, onApprox);
  improve(space, y, onApprox);

  // 3. check and correct by simulation, unless the evaluation is exact
  const evaluated = evaluateRouting(model, everyQueue, y);
  const exact = active.every((q) => evaluated.queues[q]!.method === "exact");
  let final: SteadyFigures;
  let method: FigureMethod;
  if (exact) {
    final = evaluated;
    method = "exact";
  } else {
    const checks = createChecks(model, steady, options);
    const seed = options.seed ?? 1;
    // the evaluation calibrated on a check: each figure moved by the check's difference from
    // the evaluation at the staffing checked, then searched again; a few rounds bring the
    // search where the simulation says the optimum is, at a few checks each
    for (let round = 0; round < CALIBRATION_ROUNDS; round++) {
      const f = checks.run(y, seed, CALIBRATION_SHARE);
      if (f === undefined) break;
      const offset = differences(f, approx(y));
      const onCalibrated: Judge = (z) => shortfall(shifted(approx(z), offset));
      const before = { ...y };
      addUntilMet(space, y, onCalibrated);
      improve(space, y, onCalibrated);
      if (groupNames.every((g) => y[g] === before[g])) break;
    }
    // then the check decides, the calibrated evaluation guiding where an agent goes: add until
    // the check meets every target; drop while it still does. A second seed confirms what the
    // first chose: choosing among staffings on one sample's noise favours the lucky ones, and an
    // independent sample undoes that bias.
    const confirmSeed = seed + 7919;
    const correct = (x: Staffing, s: number, share: number): void => {
      for (;;) {
        const f = checks.run(x, s, share);
        if (f === undefined || shortfall(f) === 0) return;
        const offset = differences(f, approx(x));
        if (addOne(space, x, (z) => shortfall(shifted(approx(z), offset)))) continue;
        // the evaluation sees no help: the group the worst queue goes to first
        const worst = active.reduce((w, q) =>
          queueShortfall(targets[q]!, f.queues[q]!) > queueShortfall(targets[w]!, f.queues[w]!)
            ? q
            : w,
        );
        const g = homeGroup(model, worst);
        if (x[g]! >= space.limit[g]!) return;
        x[g] = x[g]! + 1;
      }
    };
    const onCheck: Judge = (z) => {
      const f = checks.run(z, seed, SEARCH_SHARE);
      return f === undefined ? undefined : shortfall(f);
    };
    correct(y, seed, SEARCH_SHARE);
    improve(space, y, onCheck);
    correct(y, confirmSeed, 1);
    // never dearer than no sharing brought to the same confirmation (a fixed candidate, not
    // chosen on either seed's noise)
    if (staffingCost(space, y) > staffingCost(space, separate)) {
      const other: Staffing = { ...separate };
      correct(other, confirmSeed, 1);
      const f = checks.run(other, confirmSeed);
      if (
        f !== undefined &&
        shortfall(f) === 0 &&
        staffingCost(space, other) < staffingCost(space, y)
      )
        for (const g of groupNames) y[g] = other[g]!;
    }
    const checked = checks.cached(y, confirmSeed);
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

/** Rounds of calibrating the evaluation on a check before the checks decide alone. */
const CALIBRATION_ROUNDS = 2;

/** Simulation checks of one interval, cached, within the work limits. */
function createChecks(
  model: RoutingModel,
  steady: SteadyLoads,
  options: RoutedIntervalOptions,
): {
  /** A check of `y` with `seed`, `share` of the full size (a quick one for calibration). */
  run(y: Staffing, seed: number, share?: number): SteadyFigures | undefined;
  cached(y: Staffing, seed: number, share?: number): SteadyFigures | undefined;
} {
  const budget = options.budget ?? { calls: Number.POSITIVE_INFINITY };
  const full = options.checkCalls ?? CHECK_WINDOW.calls;
  const cache = new Map<string, SteadyFigures>();
  const keyOf = (y: Staffing, seed: number, share = 1): string =>
    `${seed}/${share}:${Object.keys(model.groups)
      .map((g) => y[g])
      .join(",")}`;
  let count = 0;
  return {
    run(y, seed, share = 1) {
      const key = keyOf(y, seed, share);
      let f = cache.get(key);
      if (f !== undefined) return f;
      const calls = full * share;
      const cost = steadyWindow(model, steady, calls).calls;
      if (count >= ROUTED_STAFFING_LIMITS.checksPerInterval || budget.calls < cost)
        return undefined;
      count++;
      budget.calls -= cost;
      const t0 = performance.now();
      f = simulateSteady(model, steady, y, seed, calls);
      const G = globalThis as { __n?: number; __ms?: number; __calls?: number };
      G.__n = (G.__n ?? 0) + 1;
      G.__ms = (G.__ms ?? 0) + performance.now() - t0;
      G.__calls = (G.__calls ?? 0) + cost;
      cache.set(key, f);
      return f;
    },
    cached: (y, seed, share = 1) => cache.get(keyOf(y, seed, share)),
  };
}

/** The share of a full check that a calibration check measures. */
const CALIBRATION_SHARE = 0.25;

/** The share of a full check that the search's checks measure (the confirmation: a full one). */
const SEARCH_SHARE = 0.5;

/** Per queue and group, how far a check's figures lie from the evaluation's. */
function differences(check: SteadyFigures, evaluated: SteadyFigures): SteadyFigures {
  const minus = (a: number | null, b: number | null): number | null =>
    a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b) ? null : a - b;
  const queues: Record<string, QueueFigures> = {};
  for (const [q, f] of Object.entries(check.queues)) {
    const e = evaluated.queues[q];
    queues[q] = {
      serviceLevel: minus(f.serviceLevel, e?.serviceLevel ?? null),
      asaSeconds: minus(f.asaSeconds, e?.asaSeconds ?? null),
      abandonRate: minus(f.abandonRate, e?.abandonRate ?? null),
    };
  }
  const groups: Record<string, { occupancy: number | null }> = {};
  for (const [g, f] of Object.entries(check.groups))
    groups[g] = { occupancy: minus(f.occupancy, evaluated.groups[g]?.occupancy ?? null) };
  return { queues, groups };
}

/** Evaluated figures moved by the differences (rates kept in [0, 1], waits >= 0). */
function shifted(f: SteadyFigures, by: SteadyFigures): SteadyFigures {
  const plus = (a: number | null, b: number | null | undefined, max: number): number | null =>
    a === null ? null : Math.min(max, Math.max(0, a + (b ?? 0)));
  const queues: Record<string, QueueFigures> = {};
  for (const [q, x] of Object.entries(f.queues)) {
    const d = by.queues[q];
    queues[q] = {
      serviceLevel: plus(x.serviceLevel, d?.serviceLevel, 1),
      asaSeconds: plus(x.asaSeconds, d?.asaSeconds, Number.POSITIVE_INFINITY),
      abandonRate: plus(x.abandonRate, d?.abandonRate, 1),
    };
  }
  const groups: Record<string, { occupancy: number | null }> = {};
  for (const [g, x] of Object.entries(f.groups))
    groups[g] = { occupancy: plus(x.occupancy, by.groups[g]?.occupancy, 1) };
  return { queues, groups };
}
