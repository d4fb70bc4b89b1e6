/**
 * Staffing targets as checks on queue metrics: whether a target is met (margin), how far off it
 * is on a scale close to linear in N (score, which guides the search), and where between two
 * neighbouring N it is met exactly (the fractional requirement).
 *
 * @module
 * @internal
 */
import type { BindingConstraint, QueueMetrics, StaffingTargets } from "./types.ts";

/** How far a metric vector is from each target: >= 0 means met. */
export interface Check {
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

export function buildChecks(t: StaffingTargets, minAgents: number): Check[] {
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
export function worstScore(checks: readonly Check[], m: QueueMetrics): number {
  let worst = Number.POSITIVE_INFINITY;
  for (const c of checks) worst = Math.min(worst, c.score(m));
  return worst;
}

/** Smallest margin over all checks (monotone non-decreasing in N). */
export function worstMargin(checks: readonly Check[], m: QueueMetrics): number {
  let worst = Number.POSITIVE_INFINITY;
  for (const c of checks) worst = Math.min(worst, c.margin(m));
  return worst;
}

/**
 * Binding constraint and fractional agents from the metrics at N - 1 (some target not met) and
 * N (all met): among the targets not met at N - 1, the one whose interpolated crossing is
 * largest.
 */
export function bindingAndFraction(
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
