/**
 * Staffing search: the smallest number of productive agents that meets every target at once,
 * the binding target, a fractional requirement and the scheduled agents after shrinkage.
 *
 * @module
 */
import { erlangAAt, erlangAFromBlocking } from "./erlang-a.ts";
import { erlangB, recursionStart } from "./erlang-b.ts";
import { erlangCFromBlocking } from "./erlang-c.ts";
import type {
  BindingConstraint,
  ModelOptions,
  QueueMetrics,
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

function requireFinite(name: string, value: number, ok: boolean, what: string): void {
  if (!Number.isFinite(value) || !ok) throw new RangeError(`${name} must be ${what}, got ${value}`);
}

/** Throws a RangeError naming the first invalid field of a workload. */
export function validateWorkload(w: Workload): void {
  requireFinite("calls", w.calls, w.calls >= 0, "a finite number >= 0");
  requireFinite("intervalSeconds", w.intervalSeconds, w.intervalSeconds > 0, "a number > 0");
  requireFinite("ahtSeconds", w.ahtSeconds, w.ahtSeconds > 0, "a number > 0");
}

function validateModel(m: ModelOptions): void {
  if (m.patienceSeconds !== undefined) {
    requireFinite("patienceSeconds", m.patienceSeconds, m.patienceSeconds > 0, "a number > 0");
  }
  if (m.slSeconds !== undefined) {
    requireFinite("slSeconds", m.slSeconds, m.slSeconds >= 0, "a number >= 0");
  }
}

/** Throws a RangeError naming the first target that can never be met. */
export function validateTargets(t: StaffingTargets, patienceGiven: boolean): void {
  if (t.serviceLevel !== undefined) {
    const { fraction, seconds } = t.serviceLevel;
    requireFinite("serviceLevel.fraction", fraction, fraction > 0 && fraction < 1, "in (0, 1)");
    requireFinite("serviceLevel.seconds", seconds, seconds >= 0, "a number >= 0");
  }
  if (t.asaSeconds !== undefined) {
    requireFinite("asaSeconds", t.asaSeconds, t.asaSeconds > 0, "a number > 0");
  }
  if (t.maxOccupancy !== undefined) {
    requireFinite(
      "maxOccupancy",
      t.maxOccupancy,
      t.maxOccupancy > 0 && t.maxOccupancy <= 1,
      "in (0, 1]",
    );
  }
  if (t.maxAbandonRate !== undefined) {
    requireFinite(
      "maxAbandonRate",
      t.maxAbandonRate,
      t.maxAbandonRate > 0 && t.maxAbandonRate <= 1,
      "in (0, 1]",
    );
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
  if (!Number.isInteger(options.agents) || options.agents < 0) {
    throw new RangeError(`agents must be a non-negative integer, got ${options.agents}`);
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

/** How far a metric vector is from each target: >= 0 means met. */
interface Check {
  readonly name: BindingConstraint;
  /** Margin, >= 0 when met; increasing in N. Decides whether the target is met. */
  margin(m: QueueMetrics): number;
  /**
   * The margin on a scale where it is close to linear in N (logit of rates, log of ASA), with the
   * same sign; guides the Erlang A search's interpolation.
   */
  score(m: QueueMetrics): number;
  /**
   * Real-valued N in (lo, hi] where the target is met exactly, by linear interpolation between
   * metrics at lo (not met) and hi (met).
   */
  interpolate(lo: QueueMetrics, hi: QueueMetrics): number;
}

const SCORE_LIMIT = 40;
const clampScore = (v: number): number =>
  v > SCORE_LIMIT ? SCORE_LIMIT : v < -SCORE_LIMIT ? -SCORE_LIMIT : Number.isNaN(v) ? 0 : v;
/** ln(p / (1 - p)), clamped to +-40 (so rates of exactly 0 or 1 stay finite). */
const logit = (p: number): number => clampScore(Math.log(p) - Math.log1p(-p));

/** Linear interpolation: the x in (x0, x1] where v goes from v0 to v1 and crosses target. */
function crossing(x0: number, v0: number, x1: number, v1: number, target: number): number {
  if (v1 === v0) return x1;
  const t = (target - v0) / (v1 - v0);
  return x0 + Math.min(1, Math.max(0, t)) * (x1 - x0);
}

function buildChecks(t: StaffingTargets, minAgents: number): Check[] {
  const checks: Check[] = [];
  if (t.serviceLevel !== undefined) {
    const target = t.serviceLevel.fraction;
    checks.push({
      name: "serviceLevel",
      margin: (m) => m.serviceLevel - target,
      score: (m) => logit(m.serviceLevel) - logit(target),
      interpolate: (lo, hi) =>
        lo.stable
          ? crossing(lo.agents, lo.serviceLevel, hi.agents, hi.serviceLevel, target)
          : // Erlang C below the load: the service level is 0 at N = A and rises from there.
            crossing(Math.max(lo.agents, hi.loadErlangs), 0, hi.agents, hi.serviceLevel, target),
    });
  }
  if (t.asaSeconds !== undefined) {
    const target = t.asaSeconds;
    checks.push({
      name: "asa",
      margin: (m) => (target - m.asaSeconds) / target,
      score: (m) => clampScore(Math.log(target) - Math.log(m.asaSeconds)),
      interpolate: (lo, hi) =>
        lo.stable
          ? crossing(lo.agents, lo.asaSeconds, hi.agents, hi.asaSeconds, target)
          : // Infinite ASA at N = A: interpolate the answer rate 1/ASA, which is 0 there.
            crossing(
              Math.max(lo.agents, hi.loadErlangs),
              0,
              hi.agents,
              1 / hi.asaSeconds,
              1 / target,
            ),
    });
  }
  if (t.maxOccupancy !== undefined) {
    const target = t.maxOccupancy;
    checks.push({
      name: "occupancy",
      margin: (m) => target - m.occupancy,
      score: (m) => logit(target) - logit(m.occupancy),
      interpolate: (lo, hi) =>
        hi.model === "erlangC"
          ? Math.max(lo.agents, hi.loadErlangs / target) // occupancy A/N is continuous in N
          : crossing(lo.agents, lo.occupancy, hi.agents, hi.occupancy, target),
    });
  }
  if (t.maxAbandonRate !== undefined) {
    const target = t.maxAbandonRate;
    checks.push({
      name: "abandon",
      margin: (m) => target - m.abandonRate,
      score: (m) => logit(target) - logit(m.abandonRate),
      interpolate: (lo, hi) =>
        crossing(lo.agents, lo.abandonRate, hi.agents, hi.abandonRate, target),
    });
  }
  // An open interval needs at least one agent, and at least minAgents when that is set.
  const floor = Math.max(1, minAgents);
  checks.push({
    name: "minAgents",
    margin: (m) => m.agents - floor,
    score: (m) => m.agents - floor,
    // The implicit floor of one agent must not inflate the fractional requirement: two tiny
    // queues can share one agent. Only an explicit minAgents counts.
    interpolate: (lo) => (minAgents > 0 ? minAgents : lo.agents),
  });
  return checks;
}

/** Smallest score over all checks. */
function worstScore(checks: readonly Check[], m: QueueMetrics): number {
  let worst = Number.POSITIVE_INFINITY;
  for (const c of checks) worst = Math.min(worst, c.score(m));
  return worst;
}

/** Smallest margin over all checks (monotone non-decreasing in N). */
function worstMargin(checks: readonly Check[], m: QueueMetrics): number {
  let worst = Number.POSITIVE_INFINITY;
  for (const c of checks) worst = Math.min(worst, c.margin(m));
  return worst;
}

/**
 * Binding constraint and fractional agents from the metrics at N - 1 (some target not met) and
 * N (all met): among the targets not met at N - 1, the one whose interpolated crossing is
 * largest.
 */
function bindingAndFraction(
  checks: readonly Check[],
  below: QueueMetrics,
  at: QueueMetrics,
): { binding: BindingConstraint | null; fractional: number } {
  let binding: BindingConstraint | null = null;
  let fractional = Number.NEGATIVE_INFINITY;
  for (const c of checks) {
    if (c.margin(below) >= 0) continue;
    const f = c.interpolate(below, at);
    if (f > fractional || (binding === "minAgents" && f === fractional)) {
      fractional = f;
      binding = c.name;
    }
  }
  if (binding === null) {
    // Only Erlang C's stability (N > A) kept N - 1 out: the infimum is the load itself.
    const name = checks.find((c) => c.name !== "minAgents")?.name ?? null;
    return { binding: name, fractional: Math.max(below.agents, at.loadErlangs) };
  }
  return { binding, fractional };
}

/**
 * Erlang C search. With R = 1/B updated by R_n = 1 + (n/A) R_{n-1} from a start just below the
 * load (see recursionStart), each candidate costs O(1), so the whole search is O(N).
 */
function staffErlangC(
  load: number,
  ahtSeconds: number,
  slSeconds: number,
  targets: StaffingTargets,
  floor: number,
): { below: QueueMetrics; at: QueueMetrics } {
  const invLoad = 1 / load;
  let inv = 1;
  let n = recursionStart(load);
  // Every N below `first` fails a target: stability (N > A), the floor, or the occupancy cap.
  let first = Math.max(Math.floor(load) + 1, floor);
  const maxOccupancy = targets.maxOccupancy;
  if (maxOccupancy !== undefined) {
    let occ = Math.max(1, Math.ceil(load / maxOccupancy));
    while (occ > 1 && load / (occ - 1) <= maxOccupancy) occ--;
    first = Math.max(first, occ);
  }
  while (n < first - 1) {
    n++;
    inv = 1 + n * invLoad * inv;
  }
  // Scan upwards with the same arithmetic as erlangCFromBlocking, so that the final metrics
  // agree bit for bit with the decisions taken here.
  const slFraction = targets.serviceLevel?.fraction;
  const asaMax = targets.asaSeconds;
  let invBelow: number;
  for (;;) {
    invBelow = inv;
    n++;
    inv = 1 + n * invLoad * inv;
    const blocking = 1 / inv;
    const gap = n - load;
    const c = (n * blocking) / (gap + load * blocking);
    if (slFraction !== undefined && 1 - c * Math.exp((-gap * slSeconds) / ahtSeconds) < slFraction)
      continue;
    if (asaMax !== undefined && (c * ahtSeconds) / gap > asaMax) continue;
    if (maxOccupancy !== undefined && load / n > maxOccupancy) continue;
    break;
  }
  return {
    below: erlangCFromBlocking(n - 1, load, 1 / invBelow, ahtSeconds, slSeconds),
    at: erlangCFromBlocking(n, load, 1 / inv, ahtSeconds, slSeconds),
  };
}

/**
 * Erlang A search. "All targets met" is monotone in N, so the answer is the lower end of the
 * bracket (lo fails, hi meets) once hi - lo = 1. Candidates are placed by the secant method on
 * the worst score (logit of rates, log of ASA: nearly linear in N, so two or three evaluations
 * usually land next to the answer), with bisection and doubling as safeguards. Each evaluation
 * is O(1): Erlang B and the series S through the incomplete gamma function, or one recursion
 * step from a neighbouring candidate.
 *
 * @param bound - an N known (from throughput bounds) not to meet the targets
 */
function staffErlangA(
  load: number,
  evaluate: (agents: number) => QueueMetrics,
  checks: readonly Check[],
  bound: number,
): { below: QueueMetrics; at: QueueMetrics } {
  let lo = Math.max(0, bound);
  let loM: QueueMetrics | null = null;
  let hi = Number.POSITIVE_INFINITY;
  let hiM: QueueMetrics | null = null;
  // last two evaluations, for the secant
  let n1: number;
  let s1: number;
  let n2 = Number.NaN;
  let s2 = Number.NaN;
  let sameSide = 0;
  let lastMet: boolean | null = null;
  let p = Math.max(lo + 1, Math.ceil(load));
  const spread = Math.max(1, Math.round(0.5 * Math.sqrt(load)));
  for (let iter = 0; hi - lo > 1; iter++) {
    const m = evaluate(p);
    const met = worstMargin(checks, m) >= 0;
    if (met) {
      hi = p;
      hiM = m;
    } else {
      lo = p;
      loM = m;
    }
    sameSide = met === lastMet ? sameSide + 1 : 0;
    lastMet = met;
    n1 = n2;
    s1 = s2;
    n2 = p;
    s2 = worstScore(checks, m);
    if (hi - lo <= 1) break;
    let next: number;
    if (iter === 0) {
      // Newton step with a typical slope of the logit service level, about 1.6 / sqrt(A) per agent
      const step = Math.round((-s2 * Math.sqrt(load)) / 1.6);
      next = met ? p + Math.min(-1, step) : p + Math.max(1, step);
    } else {
      const r = n2 - (s2 * (n2 - n1)) / (s2 - s1);
      if (!Number.isFinite(r) || (sameSide >= 3 && hi !== Number.POSITIVE_INFINITY)) {
        // safeguard against a stalled secant: bisect, or keep doubling the step upwards
        next =
          hi === Number.POSITIVE_INFINITY ? p + spread * 2 ** sameSide : Math.floor((lo + hi) / 2);
      } else {
        // The answer is the smallest integer at or above the root; probe it, or the one next to
        // the bracket end that is already known.
        next = Math.ceil(r - 1e-9);
        // Coming from above twice, the secant tends to stay above the root: step one lower.
        if (sameSide >= 1 && met) next -= 1;
        if (next >= hi) next = hi - 1;
        else if (next === lo) next = lo + 1;
      }
    }
    if (next <= lo) next = lo + 1;
    if (next >= hi) next = hi - 1;
    p = next;
  }
  if (hiM === null) throw new Error("unreachable: search ended without a staffing level");
  return { below: loM ?? evaluate(lo), at: hiM };
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
  /**
   * Staffs one interval.
   *
   * @param workload - the interval's traffic
   * @param shrinkage - overrides the policy's shrinkage for this interval
   * @throws RangeError naming the invalid field
   */
  staff(workload: Workload, shrinkage?: number): StaffingResult;
}

function validateShrinkage(shrinkage: number): void {
  requireFinite("shrinkage", shrinkage, shrinkage >= 0 && shrinkage < 1, "in [0, 1)");
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
  if (!Number.isInteger(minAgents) || minAgents < 0) {
    throw new RangeError(`minAgents must be a non-negative integer, got ${minAgents}`);
  }
  const patience = policy.patienceSeconds;
  const targets = resolveTargets(policy.targets, policy.slSeconds);
  validateTargets(targets, patience !== undefined);
  const slSeconds = targets.serviceLevel?.seconds ?? policy.slSeconds ?? DEFAULT_SL_SECONDS;
  const definition = policy.slDefinition ?? "offered";
  const checks = buildChecks(targets, minAgents);
  const floor = Math.max(1, minAgents);

  const finish = (
    below: QueueMetrics | null,
    at: QueueMetrics,
    shrinkage: number,
  ): StaffingResult => {
    const { binding, fractional } =
      below === null ? { binding: null, fractional: 0 } : bindingAndFraction(checks, below, at);
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
    };
  };

  const staff = (workload: Workload, shrinkageOverride?: number): StaffingResult => {
    validateWorkload(workload);
    const shrinkage = shrinkageOverride ?? defaultShrinkage;
    if (shrinkageOverride !== undefined) validateShrinkage(shrinkageOverride);
    const load = offeredLoad(workload);
    const aht = workload.ahtSeconds;

    if (patience === undefined) {
      if (load === 0) return finish(null, erlangCFromBlocking(0, 0, 1, aht, slSeconds), shrinkage);
      const { below, at } = staffErlangC(load, aht, slSeconds, targets, floor);
      return finish(below, at, shrinkage);
    }

    // Erlang B by one recursion step when the search moves to a neighbour, else directly.
    let lastAgents = -2;
    let lastBlocking = 1;
    const evaluate = (agents: number): QueueMetrics => {
      let blocking: number;
      if (agents === lastAgents + 1) {
        blocking = (load * lastBlocking) / (agents + load * lastBlocking);
      } else if (agents === lastAgents - 1 && lastBlocking < 1) {
        blocking = (lastAgents * lastBlocking) / (load * (1 - lastBlocking));
      } else {
        blocking = erlangB(agents, load);
      }
      lastAgents = agents;
      lastBlocking = blocking;
      return erlangAAt(agents, load, aht, patience, slSeconds, definition, blocking);
    };
    if (load === 0) return finish(null, evaluate(0), shrinkage);
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
    const { below, at } = staffErlangA(load, evaluate, checks, bound);
    return finish(below, at, shrinkage);
  };

  return { targets, staff };
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
