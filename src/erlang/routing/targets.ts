/**
 * The targets of a routed centre, and how far a staffing misses them: each queue's service
 * level (80 % in its slSeconds when it names no target), mean wait and abandonment, and each
 * group's occupancy cap (the strictest `maxOccupancy` of the queues it answers).
 *
 * @module
 */
import { resolveTargets } from "../staffing.ts";
import type { StaffingTargets } from "../types.ts";
import type { RoutingModel } from "./model.ts";

/** What one queue's numbers are, from an evaluation or a simulation (null: no calls). */
export interface QueueFigures {
  readonly serviceLevel: number | null;
  readonly asaSeconds: number | null;
  readonly abandonRate: number | null;
}

/** A queue's targets as the single-queue engine states them (defaults resolved). */
export function queueTargets(model: RoutingModel, queue: string): StaffingTargets {
  const q = model.queues[queue]!;
  return resolveTargets(
    {
      ...(q.serviceLevel === undefined
        ? {}
        : { serviceLevel: { fraction: q.serviceLevel, seconds: q.slSeconds } }),
      ...(q.asaSeconds === undefined ? {} : { asaSeconds: q.asaSeconds }),
      ...(q.maxAbandonRate === undefined ? {} : { maxAbandonRate: q.maxAbandonRate }),
      ...(q.maxOccupancy === undefined ? {} : { maxOccupancy: q.maxOccupancy }),
    },
    q.slSeconds,
  );
}

/** Each group's occupancy cap: the strictest of the queues it answers (1: none). */
export function groupOccupancyCaps(model: RoutingModel): Record<string, number> {
  const caps = Object.create(null) as Record<string, number>;
  for (const [g, group] of Object.entries(model.groups))
    caps[g] = group.serves.reduce(
      (cap, s) => Math.min(cap, model.queues[s.queue]!.maxOccupancy ?? 1),
      1,
    );
  return caps;
}

/**
 * How far one queue misses its targets, as a sum of relative shortfalls (0: met). A queue
 * without calls meets everything.
 */
export function queueShortfall(targets: StaffingTargets, f: QueueFigures): number {
  let miss = 0;
  const sl = targets.serviceLevel;
  if (sl !== undefined && f.serviceLevel !== null && f.serviceLevel < sl.fraction)
    miss += (sl.fraction - f.serviceLevel) / sl.fraction;
  if (
    targets.asaSeconds !== undefined &&
    f.asaSeconds !== null &&
    f.asaSeconds > targets.asaSeconds
  )
    miss += Math.min(10, (f.asaSeconds - targets.asaSeconds) / targets.asaSeconds);
  if (
    targets.maxAbandonRate !== undefined &&
    f.abandonRate !== null &&
    f.abandonRate > targets.maxAbandonRate
  )
    miss += (f.abandonRate - targets.maxAbandonRate) / targets.maxAbandonRate;
  return miss;
}

/** How far a group's occupancy exceeds its cap, relative (0: within). */
export function occupancyShortfall(cap: number, occupancy: number | null): number {
  return occupancy !== null && occupancy > cap ? (occupancy - cap) / cap : 0;
}
