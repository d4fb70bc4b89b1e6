/**
 * Actuals against a plan: forecast error per queue and local day (WAPE and bias of the
 * forecast calls against the calls offered), the requirement and the scheduled coverage per
 * interval, and the intervals whose actual service level missed the queue's target.
 *
 * Forecast intervals and actual intervals are matched on queue and start: both must be on the
 * same grid. The schedule is designed for the whole center (pools and queues together), so
 * `required` and `staffed` are center-wide; the requirement of each staffing unit (a queue, or
 * a pool `a+b`) is listed by the unit's name.
 *
 * @module
 */
import { createZone } from "../time/zone.ts";
import type { ActualsRow } from "./formats/actuals-csv.ts";
import { computeKpis } from "./kpi.ts";
import { periodStart } from "./kpi-periods.ts";

/** What {@link comparePlan} reads from a plan. */
export interface KpiPlanInput {
  /** Forecast calls per queue and interval. */
  readonly forecast: readonly { queue: string; startMs: number; calls: number }[];
  /** Agents required per staffing unit (`queue` holds the unit's name) and interval. */
  readonly requirements: readonly { queue: string; startMs: number; agents: number }[];
  /** The schedule's coverage: agents required (shrinkage included) and scheduled, center-wide. */
  readonly coverage: readonly { startMs: number; required: number; scheduled: number }[];
  /** Service-level target per queue: a fraction at `slSeconds` (null: no SL target). */
  readonly targets: readonly { queue: string; serviceLevel: number | null; slSeconds: number }[];
}

/** Forecast error of one queue over one local day. */
export interface ForecastAccuracy {
  readonly queue: string;
  /** Local midnight, epoch ms. */
  readonly startMs: number;
  /** Intervals with both a forecast and an actual `offered` (or `calls`). */
  readonly intervals: number;
  readonly forecast: number;
  readonly actual: number;
  /** Σ |forecast − actual| / Σ actual; null when no call was offered. */
  readonly wape: number | null;
  /** Σ (forecast − actual) / Σ actual (positive: over-forecast); null when none was offered. */
  readonly bias: number | null;
}

/** The plan's staffing in one interval. */
export interface PlannedInterval {
  readonly startMs: number;
  /** Scheduled agents the center needed (schedule.json's coverage), null if not there. */
  readonly required: number | null;
  /** Agents the schedule has on shift and not on a break, null if not there. */
  readonly staffed: number | null;
  /** Agents on the phones each staffing unit needs (requirements.csv), by unit name. */
  readonly units: Readonly<Record<string, number>>;
}

/** An interval whose actual service level fell short of its queue's target. */
export interface MissedInterval {
  readonly queue: string;
  readonly startMs: number;
  readonly offered: number;
  readonly serviceLevel: number;
  readonly target: number;
  readonly slSeconds: number;
}

/** What {@link comparePlan} returns. */
export interface KpiPlanResult {
  /** The zone of the local days. */
  readonly timeZone: string;
  readonly accuracy: ForecastAccuracy[];
  readonly intervals: PlannedInterval[];
  readonly missed: MissedInterval[];
  /** Queues whose actuals were counted at another threshold than their target's, in words. */
  readonly warnings: string[];
}

const key = (queue: string, startMs: number): string => `${queue}\u0000${startMs}`;

/** WAPE and bias per queue and local day over the intervals in both. */
function accuracy(
  actuals: readonly ActualsRow[],
  forecast: KpiPlanInput["forecast"],
  timeZone: string,
): ForecastAccuracy[] {
  const zone = createZone(timeZone);
  const actual = new Map<string, number>();
  for (const r of actuals) {
    const v = r.offered ?? r.calls;
    if (v !== undefined) actual.set(key(r.queue, r.startMs), v);
  }
  const days = new Map<
    string,
    { queue: string; startMs: number; n: number; f: number; a: number; abs: number }
  >();
  for (const f of forecast) {
    const a = actual.get(key(f.queue, f.startMs));
    if (a === undefined) continue;
    const startMs = periodStart(f.startMs, "day", zone);
    const k = key(f.queue, startMs);
    let day = days.get(k);
    if (day === undefined)
      days.set(k, (day = { queue: f.queue, startMs, n: 0, f: 0, a: 0, abs: 0 }));
    day.n++;
    day.f += f.calls;
    day.a += a;
    day.abs += Math.abs(f.calls - a);
  }
  return [...days.values()].map((d) => ({
    queue: d.queue,
    startMs: d.startMs,
    intervals: d.n,
    forecast: d.f,
    actual: d.a,
    wape: d.a > 0 ? d.abs / d.a : null,
    bias: d.a > 0 ? (d.f - d.a) / d.a : null,
  }));
}

/** Coverage and unit requirements merged by interval start. */
function planned(plan: KpiPlanInput): PlannedInterval[] {
  const byStart = new Map<
    number,
    { required: number | null; staffed: number | null; units: Record<string, number> }
  >();
  const at = (startMs: number) => {
    let p = byStart.get(startMs);
    if (p === undefined) byStart.set(startMs, (p = { required: null, staffed: null, units: {} }));
    return p;
  };
  for (const c of plan.coverage) {
    const p = at(c.startMs);
    p.required = c.required;
    p.staffed = c.scheduled;
  }
  for (const r of plan.requirements) at(r.startMs).units[r.queue] = r.agents;
  return [...byStart.entries()]
    .sort(([a], [b]) => a - b)
    .map(([startMs, p]) => ({ startMs, ...p }));
}

/**
 * Compares actuals with a plan: forecast accuracy per queue and local day, the planned
 * staffing per interval, and the actual intervals with a forecast interval whose service
 * level missed the queue's target. A queue whose actuals counted answered_in_sl at another
 * threshold than its target's is not judged (a warning says so).
 *
 * @throws RangeError for an unknown time zone or a contradicted `slSeconds`; DataError as
 *   {@link computeKpis}
 * @example
 * const result = comparePlan(actuals.rows, await readKpiPlanFolder("plan"), { timeZone: "Europe/Berlin" });
 * result.accuracy[0]; // { queue: "orders", startMs, intervals: 20, forecast: 402, actual: 431, wape: 0.09, bias: -0.067 }
 */
export function comparePlan(
  actuals: readonly ActualsRow[],
  plan: KpiPlanInput,
  options: { readonly timeZone?: string; readonly slSeconds?: number } = {},
): KpiPlanResult {
  const timeZone = options.timeZone ?? "UTC";
  const forecastKeys = new Set(plan.forecast.map((f) => key(f.queue, f.startMs)));
  const targets = new Map(plan.targets.map((t) => [t.queue, t]));
  const kpis = computeKpis(actuals, {
    by: "interval",
    timeZone,
    ...(options.slSeconds === undefined ? {} : { slSeconds: options.slSeconds }),
  });
  const missed: MissedInterval[] = [];
  const warned = new Set<string>();
  const warnings: string[] = [];
  for (const k of kpis.rows) {
    if (!forecastKeys.has(key(k.queue, k.startMs))) continue;
    const target = targets.get(k.queue);
    if (target?.serviceLevel == null || k.serviceLevel === null || k.offered === null) continue;
    if (k.slSeconds !== target.slSeconds) {
      if (!warned.has(k.queue))
        warnings.push(
          `queue ${k.queue}: the actuals count answered_in_sl at ${k.slSeconds} s, the plan's ` +
            `target is at ${target.slSeconds} s: its intervals are not judged against the target`,
        );
      warned.add(k.queue);
      continue;
    }
    if (k.serviceLevel < target.serviceLevel)
      missed.push({
        queue: k.queue,
        startMs: k.startMs,
        offered: k.offered,
        serviceLevel: k.serviceLevel,
        target: target.serviceLevel,
        slSeconds: target.slSeconds,
      });
  }
  return {
    timeZone: kpis.timeZone,
    accuracy: accuracy(actuals, plan.forecast, timeZone),
    intervals: planned(plan),
    missed,
    warnings,
  };
}
