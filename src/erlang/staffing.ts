/**
 * Staffing search: the smallest number of productive agents that meets every target at once,
 * the binding target, a fractional requirement and the scheduled agents after shrinkage.
 *
 * @module
 */
import { bindingAndFraction, buildChecks } from "./checks.ts";
import { plural } from "../io/text.ts";
import { checkRange, FieldRangeError, inRange, STAFFING_LIMITS } from "./limits.ts";
import { erlangAAt, erlangAFromBlocking } from "./erlang-a.ts";
import { erlangB } from "./erlang-b.ts";
import { erlangCFromBlocking } from "./erlang-c.ts";
import { staffErlangA, staffErlangC } from "./search.ts";
import type { RequirementTable } from "./table.ts";
import type {
  ModelOptions,
  QueueMetrics,
  QueueModel,
  StaffingResult,
  StaffingTargets,
  Workload,
} from "./types.ts";

/** Options of {@link staffInterval}: one interval's workload and the staffing policy. */
export interface StaffOptions extends Workload, StaffingPolicy {}

/** Options of {@link evaluateInterval}. */
export interface EvaluateOptions extends Workload, ModelOptions {
  /** Productive agents N, a non-negative integer. */
  readonly agents: number;
}

/** Default service-level target: 80 % in T seconds. */
export const DEFAULT_SL_FRACTION = 0.8;
/** Default T of the service level, seconds. */
export const DEFAULT_SL_SECONDS = 20;

/**
 * Throws a RangeError naming the first invalid field of a workload: calls, interval length and
 * AHT outside their ranges ({@link STAFFING_LIMITS}), or an offered load above 10,000 Erlangs.
 */
export function validateWorkload(w: Workload): void {
  checkRange("calls", w.calls, STAFFING_LIMITS.calls);
  checkRange("intervalSeconds", w.intervalSeconds, STAFFING_LIMITS.intervalSeconds);
  checkRange("ahtSeconds", w.ahtSeconds, STAFFING_LIMITS.ahtSeconds);
  const load = offeredLoad(w);
  if (load > STAFFING_LIMITS.loadErlangs.max) {
    throw new FieldRangeError(
      "calls",
      `offered load ${load} Erlangs (calls x AHT / interval length) is above ` +
        `${STAFFING_LIMITS.loadErlangs.max} Erlangs, the most staffcast staffs in one interval`,
    );
  }
}

function validateModel(m: ModelOptions): void {
  if (m.patienceSeconds !== undefined)
    checkRange("patienceSeconds", m.patienceSeconds, STAFFING_LIMITS.patienceSeconds);
  if (m.slSeconds !== undefined) checkRange("slSeconds", m.slSeconds, STAFFING_LIMITS.slSeconds);
}

/** Throws a RangeError naming the first target outside its range or that can never be met. */
export function validateTargets(t: StaffingTargets, patienceGiven: boolean): void {
  if (t.serviceLevel !== undefined) {
    const { fraction, seconds } = t.serviceLevel;
    checkRange("serviceLevel.fraction", fraction, STAFFING_LIMITS.serviceLevelFraction);
    checkRange("serviceLevel.seconds", seconds, STAFFING_LIMITS.slSeconds);
  }
  if (t.asaSeconds !== undefined)
    checkRange("asaSeconds", t.asaSeconds, STAFFING_LIMITS.asaSeconds);
  if (t.maxOccupancy !== undefined)
    checkRange("maxOccupancy", t.maxOccupancy, STAFFING_LIMITS.capFraction);
  if (t.maxAbandonRate !== undefined) {
    checkRange("maxAbandonRate", t.maxAbandonRate, STAFFING_LIMITS.capFraction);
    if (!patienceGiven) {
      throw new RangeError(
        "maxAbandonRate needs patienceSeconds (Erlang A): under Erlang C nobody abandons",
      );
    }
  }
}

/** Offered load in Erlangs: calls x AHT / interval length. */
export function offeredLoad(w: Workload): number {
  return (w.calls * w.ahtSeconds) / w.intervalSeconds;
}

/**
 * Scheduled agents for N productive agents: ceil(N / (1 - shrinkage)), with a 1e-9 guard so
 * that 14 / 0.7 = 20.000000000000004 is 20.
 */
export function scheduledFromProductive(agents: number, shrinkage: number): number {
  if (agents === 0) return 0;
  return Math.ceil(agents / (1 - shrinkage) - 1e-9);
}

/**
 * Agents on the phones out of `scheduled` whole agents at `shrinkage`: floor(scheduled x
 * (1 - shrinkage)), but at least one when one is scheduled (one agent at 10 % shrinkage still
 * answers the phone; rounding him away would show a queue with calls as unstaffed). The plan's
 * expected service and the simulation of a schedule both count agents so.
 *
 * @example
 * productiveFromScheduled(10, 0.3); // => 7
 * productiveFromScheduled(1, 0.1); // => 1
 */
export function productiveFromScheduled(scheduled: number, shrinkage: number): number {
  const n = Math.floor(scheduled * (1 - shrinkage) + 1e-9);
  return scheduled >= 1 ? Math.max(1, n) : Math.max(0, n);
}

/**
 * Queue performance of one interval at a given number of agents (Erlang C, or Erlang A when
 * `patienceSeconds` is given).
 *
 * @throws RangeError naming the invalid field
 * @example
 * evaluateInterval({ calls: 100, intervalSeconds: 1800, ahtSeconds: 180, agents: 14 }).serviceLevel;
 * // => 0.8883462... (pyworkforce issue #35: 0.88835)
 */
export function evaluateInterval(options: EvaluateOptions): QueueMetrics {
  validateWorkload(options);
  validateModel(options);
  if (!Number.isInteger(options.agents) || !inRange(options.agents, STAFFING_LIMITS.agents)) {
    throw new RangeError(
      `agents must be a whole number from 0 to ${STAFFING_LIMITS.agents.max}, got ${options.agents}`,
    );
  }
  const load = offeredLoad(options);
  const sl = options.slSeconds ?? DEFAULT_SL_SECONDS;
  const blocking = erlangB(options.agents, load);
  if (options.patienceSeconds === undefined) {
    return erlangCFromBlocking(options.agents, load, blocking, options.ahtSeconds, sl);
  }
  return erlangAFromBlocking(
    {
      agents: options.agents,
      load,
      ahtSeconds: options.ahtSeconds,
      patienceSeconds: options.patienceSeconds,
      slSeconds: sl,
      ...(options.slDefinition === undefined ? {} : { slDefinition: options.slDefinition }),
    },
    blocking,
  );
}

/** Resolved targets: the default service level applied when nothing was asked for. */
export function resolveTargets(
  targets: StaffingTargets | undefined,
  slSeconds: number | undefined,
): StaffingTargets {
  const t = targets ?? {};
  if (
    t.serviceLevel === undefined &&
    t.asaSeconds === undefined &&
    t.maxOccupancy === undefined &&
    t.maxAbandonRate === undefined
  ) {
    return {
      serviceLevel: { fraction: DEFAULT_SL_FRACTION, seconds: slSeconds ?? DEFAULT_SL_SECONDS },
    };
  }
  return t;
}

/** Staffing rules shared by many intervals: model, targets, shrinkage and floor. */
export interface StaffingPolicy extends ModelOptions {
  /**
   * Targets to meet. When no target is given at all, the default is 80 % answered within
   * `slSeconds` (20 s unless set).
   */
  readonly targets?: StaffingTargets;
  /** Share of paid time agents are unavailable (breaks, meetings, absence), in [0, 1). */
  readonly shrinkage?: number;
  /** Floor on productive agents for an open interval (calls > 0); integer >= 0. */
  readonly minAgents?: number;
}

/** A validated staffing policy, ready to staff any number of intervals. */
export interface Staffer {
  /** The targets actually applied (the default service level filled in). */
  readonly targets: StaffingTargets;
  /** The queueing model of the policy: Erlang A when a patience is given, else Erlang C. */
  readonly model: QueueModel;
  /**
   * Staffs one interval.
   *
   * @param workload - the interval's traffic
   * @param shrinkage - overrides the policy's shrinkage for this interval
   * @throws RangeError naming the invalid field
   */
  staff(workload: Workload, shrinkage?: number): StaffingResult;
  /**
   * Staffs one interval into row `index` of a {@link RequirementTable}: the same numbers as
   * {@link Staffer.staff} without allocating a result object (for forecasts of millions of rows).
   *
   * @throws RangeError naming the invalid field
   */
  staffInto(table: RequirementTable, index: number, workload: Workload, shrinkage?: number): void;
}

/** Binding and fractional requirement of an interval without calls. */
const NOTHING_BINDS = { binding: null, fractional: 0 } as const;

function validateShrinkage(shrinkage: number): void {
  checkRange("shrinkage", shrinkage, STAFFING_LIMITS.shrinkage);
}

/**
 * Validates a staffing policy once and returns a {@link Staffer} for many intervals (a whole
 * forecast), avoiding per-interval validation and set-up.
 *
 * @throws RangeError naming the invalid field (targets that can never be met included)
 * @example
 * const staffer = createStaffer({ targets: { serviceLevel: { fraction: 0.8, seconds: 20 } }, shrinkage: 0.3 });
 * staffer.staff({ calls: 100, intervalSeconds: 1800, ahtSeconds: 180 }).scheduledAgents; // => 20
 */
export function createStaffer(policy: StaffingPolicy): Staffer {
  validateModel(policy);
  const defaultShrinkage = policy.shrinkage ?? 0;
  validateShrinkage(defaultShrinkage);
  const minAgents = policy.minAgents ?? 0;
  if (!Number.isInteger(minAgents) || !inRange(minAgents, STAFFING_LIMITS.agents)) {
    throw new RangeError(
      `minAgents must be a whole number from 0 to ${STAFFING_LIMITS.agents.max}, got ${minAgents}`,
    );
  }
  const patience = policy.patienceSeconds;
  const targets = resolveTargets(policy.targets, policy.slSeconds);
  validateTargets(targets, patience !== undefined);
  const slSeconds = targets.serviceLevel?.seconds ?? policy.slSeconds ?? DEFAULT_SL_SECONDS;
  const definition = policy.slDefinition ?? "offered";
  const checks = buildChecks(targets, minAgents);
  const floor = Math.max(1, minAgents);

  /**
   * The metrics at the answer and one agent below (null when nothing had to be staffed).
   *
   * @throws RangeError when the answer is above {@link STAFFING_LIMITS}' 100,000 agents (an
   *   occupancy cap of 0.01 on 10,000 Erlangs asks for a million)
   */
  const solve = (
    workload: Workload,
    shrinkage: number,
  ): { below: QueueMetrics | null; at: QueueMetrics } => {
    const found = search(workload, shrinkage);
    if (found.at.agents > STAFFING_LIMITS.agents.max) {
      throw new RangeError(
        `meeting the targets takes ${plural(found.at.agents, "agent")} in one interval, more than ` +
          `${STAFFING_LIMITS.agents.max}: check the targets (an occupancy cap of ` +
          `${targets.maxOccupancy ?? 1} on ${found.at.loadErlangs} Erlangs)`,
      );
    }
    return found;
  };

  const search = (
    workload: Workload,
    shrinkage: number,
  ): { below: QueueMetrics | null; at: QueueMetrics } => {
    validateWorkload(workload);
    validateShrinkage(shrinkage);
    const load = offeredLoad(workload);
    const aht = workload.ahtSeconds;

    if (patience === undefined) {
      if (load === 0) return { below: null, at: erlangCFromBlocking(0, 0, 1, aht, slSeconds) };
      return staffErlangC(load, aht, slSeconds, targets, floor);
    }

    // Erlang B from the nearest probe already made when that is cheaper than the incomplete
    // gamma function (about 60 recursion steps cost as much): upwards by the stable recursion
    // R_n = 1 + (n/A) R_{n-1} (R = 1/B), downwards by B_{n-1} = n B_n / (A (1 - B_n)) for a few
    // steps only (its relative error grows by 1/(1 - B) per step).
    const probed: number[] = [];
    const probedInv: number[] = [];
    const invLoad = load === 0 ? 0 : 1 / load;
    const evaluate = (agents: number): QueueMetrics => {
      let from = -1;
      let fromBelow = true;
      for (let k = 0; k < probed.length; k++) {
        const d = agents - probed[k]!;
        if (d >= 0 && d <= 48 && (from < 0 || !fromBelow || d < agents - probed[from]!)) {
          from = k;
          fromBelow = true;
        } else if (d < 0 && d >= -4 && from < 0) {
          from = k;
          fromBelow = false;
        }
      }
      let inv: number;
      if (from < 0) {
        inv = 1 / erlangB(agents, load);
      } else if (fromBelow) {
        inv = probedInv[from]!;
        for (let n = probed[from]! + 1; n <= agents; n++) inv = 1 + n * invLoad * inv;
      } else {
        inv = probedInv[from]!;
        for (let n = probed[from]!; n > agents; n--) inv = ((inv - 1) * load) / n;
      }
      probed.push(agents);
      probedInv.push(inv);
      return erlangAAt(agents, load, aht, patience, slSeconds, definition, 1 / inv);
    };
    if (load === 0) return { below: null, at: evaluate(0) };
    // Lower bounds from throughput (A (1 - P(ab)) <= N): answered within T / offered <= N / A,
    // P(ab) >= 1 - N/A, ASA = P(ab) x patience.
    let bound = floor - 1;
    if (targets.serviceLevel !== undefined && definition === "offered") {
      bound = Math.max(bound, Math.ceil(targets.serviceLevel.fraction * load) - 1);
    }
    if (targets.maxAbandonRate !== undefined) {
      bound = Math.max(bound, Math.ceil((1 - targets.maxAbandonRate) * load) - 1);
    }
    if (targets.asaSeconds !== undefined) {
      bound = Math.max(bound, Math.ceil((1 - targets.asaSeconds / patience) * load) - 1);
    }
    return staffErlangA(load, evaluate, checks, bound);
  };

  const staff = (workload: Workload, shrinkageOverride?: number): StaffingResult => {
    const shrinkage = shrinkageOverride ?? defaultShrinkage;
    const { below, at } = solve(workload, shrinkage);
    const { binding, fractional } =
      below === null ? NOTHING_BINDS : bindingAndFraction(checks, below, at);
    // Properties spelled out: object spread of a non-literal is a slow path in V8.
    return {
      model: at.model,
      loadErlangs: at.loadErlangs,
      agents: at.agents,
      probWait: at.probWait,
      serviceLevel: at.serviceLevel,
      asaSeconds: at.asaSeconds,
      stable: at.stable,
      occupancy: at.occupancy,
      abandonRate: at.abandonRate,
      meanQueueLength: at.meanQueueLength,
      scheduledAgents: scheduledFromProductive(at.agents, shrinkage),
      fractionalAgents: fractional,
      fractionalScheduledAgents: fractional / (1 - shrinkage),
      binding,
      intervalSeconds: workload.intervalSeconds,
      ahtSeconds: workload.ahtSeconds,
    };
  };

  const staffInto = (
    table: RequirementTable,
    index: number,
    workload: Workload,
    shrinkageOverride?: number,
  ): void => {
    const shrinkage = shrinkageOverride ?? defaultShrinkage;
    const { below, at } = solve(workload, shrinkage);
    const { binding, fractional } =
      below === null ? NOTHING_BINDS : bindingAndFraction(checks, below, at);
    table.intervalSeconds[index] = workload.intervalSeconds;
    table.ahtSeconds[index] = workload.ahtSeconds;
    table.loadErlangs[index] = at.loadErlangs;
    table.agents[index] = at.agents;
    table.scheduledAgents[index] = scheduledFromProductive(at.agents, shrinkage);
    table.fractionalAgents[index] = fractional;
    table.fractionalScheduledAgents[index] = fractional / (1 - shrinkage);
    table.probWait[index] = at.probWait;
    table.serviceLevel[index] = at.serviceLevel;
    table.asaSeconds[index] = at.asaSeconds;
    table.stable[index] = at.stable ? 1 : 0;
    table.occupancy[index] = at.occupancy;
    table.abandonRate[index] = at.abandonRate;
    table.meanQueueLength[index] = at.meanQueueLength;
    table.binding[index] = binding;
  };

  return { targets, model: patience === undefined ? "erlangC" : "erlangA", staff, staffInto };
}

/**
 * Staffs one interval: the smallest number of productive agents meeting every target at once
 * (Erlang C, or Erlang A when `patienceSeconds` is given), with the binding target, a
 * fractional requirement, and scheduled agents after shrinkage.
 *
 * Service level, ASA, abandonment and (for N above the load) occupancy are monotone in N, so the
 * answer is the largest of the per-target minima; Erlang C is searched upwards from the load
 * with an O(1)-per-step recursion, Erlang A by bracketing with O(1) evaluations. To staff many
 * intervals with one policy, use {@link createStaffer}.
 *
 * @throws RangeError naming the invalid field (targets that can never be met included)
 * @example
 * // pyworkforce test_erlang.py: 100 calls / 30 min, AHT 3 min, 80 % in 20 s, max occupancy 0.85, shrinkage 0.3
 * const r = staffInterval({ calls: 100, intervalSeconds: 1800, ahtSeconds: 180,
 *   targets: { serviceLevel: { fraction: 0.8, seconds: 20 }, maxOccupancy: 0.85 }, shrinkage: 0.3 });
 * // => r.agents === 14, r.scheduledAgents === 20, r.binding === "serviceLevel"
 */
export function staffInterval(options: StaffOptions): StaffingResult {
  validateWorkload(options);
  return createStaffer(options).staff(options);
}
