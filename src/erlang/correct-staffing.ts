/**
 * The agents to add, interval by interval, until a simulation meets a service level everywhere.
 *
 * @module
 */
import { checkWork, simulateQueues } from "./simulate.ts";
import type { SimulationOptions, SimulationResult } from "./simulation-types.ts";

/** Result of {@link correctStaffing}. */
export interface StaffingCorrection {
  /** Agents added per pool (in pool order) and reporting interval. */
  readonly extra: readonly Float64Array[];
  /** The simulation with the extra agents. */
  readonly result: SimulationResult;
  /** Rounds of simulation it took. */
  readonly rounds: number;
  /** Whether every interval with calls meets the target (false: `maxRounds` ran out). */
  readonly met: boolean;
}

/**
 * Adds agents, interval by interval, until the simulated service level of every pool meets
 * `targetServiceLevel` in every interval with calls: each round simulates (same seed, so the
 * rounds compare like with like) and gives one more agent to every interval that falls short.
 *
 * @example
 * const { extra } = correctStaffing(options, 0.8);
 * extra[0]; // agents to add per reporting interval, pool 0
 */
export function correctStaffing(
  options: SimulationOptions,
  targetServiceLevel: number,
  maxRounds = 30,
): StaffingCorrection {
  if (!(targetServiceLevel > 0 && targetServiceLevel < 1))
    throw new RangeError("targetServiceLevel: expected a fraction in (0, 1)");
  checkWork(options, maxRounds);
  const { report } = options;
  const extra = options.pools.map(() => new Float64Array(report.count));
  const withExtra = (): SimulationOptions => ({
    ...options,
    pools: options.pools.map((p, i) => ({
      ...p,
      extraAgents: {
        startMs: report.startMs,
        stepSeconds: report.intervalSeconds,
        values: extra[i]!,
      },
    })),
  });
  const poolOf = options.pools.flatMap((p, i) => p.streams.map(() => i));
  let result = simulateQueues(withExtra());
  for (let round = 1; ; round++) {
    // pool service level per interval: answered within T over offered, across its queues
    const inT = options.pools.map(() => new Float64Array(report.count));
    const offered = options.pools.map(() => new Float64Array(report.count));
    result.intervals.forEach((x, k) => {
      const j = Math.floor(k / poolOf.length);
      const p = poolOf[k % poolOf.length]!;
      if (x.serviceLevel === null) return;
      inT[p]![j]! += x.serviceLevel * x.calls;
      offered[p]![j]! += x.calls;
    });
    const failing: [number, number][] = [];
    options.pools.forEach((_, p) => {
      for (let j = 0; j < report.count; j++) {
        if (offered[p]![j]! > 0 && inT[p]![j]! / offered[p]![j]! < targetServiceLevel - 1e-12)
          failing.push([p, j]);
      }
    });
    if (failing.length === 0) return { extra, result, rounds: round, met: true };
    if (round >= maxRounds) return { extra, result, rounds: round, met: false };
    for (const [p, j] of failing) extra[p]![j]!++;
    result = simulateQueues(withExtra());
  }
}
