/**
 * Requirements per staffing unit and interval: the queues on their own, and each pool of
 * queues answered by cross-trained agents staffed on its combined load to the strictest of its
 * targets ({@link staffPool}).
 *
 * @module
 */
import { createStaffer, staffPool } from "../erlang/index.ts";
import type { ForecastResult } from "../forecast/index.ts";
import { DataError } from "../io/errors.ts";
import { formatInstantUtc } from "../time/instant.ts";
import type { PlanConfig, QueueTargets } from "./config.ts";
import type { RequirementRow, StaffingUnit } from "./service.ts";
import { policyOf } from "./targets.ts";

/** The calls and AHT of one queue in one interval. */
export interface QueueLoad {
  readonly calls: number;
  readonly ahtSeconds: number;
}

/** The calls and AHT of each queue, by interval start. */
export type QueueLoads = Map<number, Map<string, QueueLoad>>;

/** The staffing units: the pools (named by their queues joined with "+"), then the other queues. */
export function staffingUnits(config: PlanConfig, queues: readonly string[]): StaffingUnit[] {
  const pooled = new Set(config.pools.flat());
  return [
    ...config.pools.map((p) => ({ name: p.join("+"), queues: p })),
    ...queues.filter((q) => !pooled.has(q)).map((q) => ({ name: q, queues: [q] })),
  ];
}

/** The forecast's calls and AHT (the configuration's where the history has none) by start. */
export function queueLoads(
  forecast: ForecastResult,
  targetsOf: (queue: string) => QueueTargets,
): QueueLoads {
  const byStart: QueueLoads = new Map();
  for (const r of forecast.rows) {
    let m = byStart.get(r.startMs);
    if (m === undefined) byStart.set(r.startMs, (m = new Map<string, QueueLoad>()));
    m.set(r.queue, { calls: r.calls, ahtSeconds: r.ahtSeconds ?? targetsOf(r.queue).ahtSeconds! });
  }
  return byStart;
}

/**
 * One requirement per unit and interval, in the order of `starts` and then `units`.
 *
 * @throws DataError (field `history`) when a unit's load is beyond the staffing ranges
 */
export function unitRequirements(
  units: readonly StaffingUnit[],
  loads: QueueLoads,
  starts: readonly number[],
  intervalSeconds: number,
  targetsOf: (queue: string) => QueueTargets,
): RequirementRow[] {
  const staffers = units.map((u) => u.queues.map((q) => createStaffer(policyOf(targetsOf(q)))));
  const rows: RequirementRow[] = [];
  for (const t of starts) {
    const m = loads.get(t);
    units.forEach((u, k) => {
      const queues = u.queues.map((q) => m?.get(q) ?? { calls: 0, ahtSeconds: Number.NaN });
      let pool;
      try {
        pool = staffPool(staffers[k]!, queues, intervalSeconds);
      } catch (error) {
        // beyond the staffing ranges (a load above 10,000 Erlangs): the history's doing
        if (!(error instanceof RangeError)) throw error;
        throw new DataError([
          {
            field: "history",
            message: `the forecast of ${u.name} at ${formatInstantUtc(t)}: ${error.message}`,
          },
        ]);
      }
      rows.push({
        unit: u.name,
        startMs: t,
        calls: pool.workload.calls,
        ahtSeconds: pool.workload.ahtSeconds,
        result: pool.result,
      });
    });
  }
  return rows;
}
