/**
 * Staffing a pool: several queues answered by one group of cross-trained agents, staffed on
 * their combined calls (the pooling of Erlang's formulas: one M/M/N queue for the sum of the
 * Poisson streams) with the volume-weighted AHT, to the strictest of the queues' targets (the
 * most scheduled agents any of them asks for).
 *
 * The pool is FIFO: every call gets the same wait distribution, so staffing to the strictest
 * target gives every queue at least its own. That is pessimistic when the targets differ (the
 * lenient queues get the strict service) and ignores priorities; it is the model of
 * `staffcast plan`'s `pools`.
 *
 * @module
 */
import type { Staffer } from "./staffing.ts";
import type { StaffingResult, Workload } from "./types.ts";

/** One queue of a pool in one interval. */
export interface PoolQueueLoad {
  /** Calls offered, >= 0. */
  readonly calls: number;
  /** Average handle time, seconds; NaN when the queue has no AHT this interval (no calls). */
  readonly ahtSeconds: number;
}

/**
 * The pool's combined workload: calls summed, AHT weighted by calls (the mean handle time of
 * the pooled stream). Without calls, the plain mean of the known AHTs (1 s when none is known),
 * so that the workload is valid and staffs to zero agents.
 *
 * @example
 * pooledWorkload([{ calls: 100, ahtSeconds: 200 }, { calls: 50, ahtSeconds: 500 }], 1800);
 * // => { calls: 150, intervalSeconds: 1800, ahtSeconds: 300 }
 */
export function pooledWorkload(
  queues: readonly PoolQueueLoad[],
  intervalSeconds: number,
): Workload {
  let calls = 0;
  let weighted = 0;
  let plain = 0;
  for (const q of queues) {
    calls += q.calls;
    if (q.calls > 0) weighted += q.calls * q.ahtSeconds;
    if (!Number.isNaN(q.ahtSeconds)) plain += q.ahtSeconds / queues.length;
  }
  const ahtSeconds = calls > 0 ? weighted / calls : plain > 0 ? plain : 1;
  return { calls, intervalSeconds, ahtSeconds };
}

/**
 * Staffs a pool for one interval: each queue's policy (its {@link Staffer}) applied to the
 * pooled workload, and the strictest result kept (the most scheduled agents; ties: the most
 * fractional scheduled agents, then the first).
 *
 * @param staffers - one per queue of the pool, in the same order as `queues`
 * @throws RangeError naming the field when the pooled workload is outside the staffing ranges
 * @example
 * const staffers = [createStaffer({}), createStaffer({ targets: { serviceLevel: { fraction: 0.9, seconds: 10 } } })];
 * staffPool(staffers, [{ calls: 80, ahtSeconds: 180 }, { calls: 20, ahtSeconds: 180 }], 1800).result.agents; // => 15
 */
export function staffPool(
  staffers: readonly Staffer[],
  queues: readonly PoolQueueLoad[],
  intervalSeconds: number,
): { readonly workload: Workload; readonly result: StaffingResult } {
  if (staffers.length === 0 || staffers.length !== queues.length)
    throw new RangeError(
      `staffPool needs one staffer per queue, got ${staffers.length} staffers for ${queues.length} queues`,
    );
  const workload = pooledWorkload(queues, intervalSeconds);
  let best: StaffingResult | undefined;
  for (const staffer of staffers) {
    const r = staffer.staff(workload);
    if (
      best === undefined ||
      r.scheduledAgents > best.scheduledAgents ||
      (r.scheduledAgents === best.scheduledAgents &&
        r.fractionalScheduledAgents > best.fractionalScheduledAgents)
    )
      best = r;
  }
  return { workload, result: best! };
}
