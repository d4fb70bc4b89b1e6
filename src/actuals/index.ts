/**
 * staffcast/actuals: what happened, as an ACD reports it, per queue and interval; the
 * canonical actuals CSV that `staffcast import` writes from vendor exports and `staffcast kpi`
 * reads, and the KPIs computed from it per queue and interval, local day or week.
 *
 * @example
 * import { computeKpis, formatKpiCsv, readActualsCsv } from "staffcast/actuals";
 * const actuals = await readActualsCsv("actuals.csv");
 * actuals.rows[0]; // { startMs, queue, calls, offered, handled, abandoned, ... }
 * const kpis = computeKpis(actuals.rows, { by: "day", timeZone: "Europe/Berlin" });
 * formatKpiCsv(kpis); // "queue,start,intervals,offered,...\n"
 *
 * @module
 */
export * from "./formats/index.ts";
export * from "./presets/index.ts";
export {
  computeKpis,
  DEFAULT_SL_SECONDS,
  SERVICE_LEVEL_DEFINITION,
  type KpiOptions,
  type KpiResult,
  type KpiRow,
} from "./kpi.ts";
export { KPI_PERIODS, periodStart, type KpiPeriod } from "./kpi-periods.ts";
export {
  comparePlan,
  type ForecastAccuracy,
  type KpiPlanInput,
  type KpiPlanResult,
  type MissedInterval,
  type PlannedInterval,
} from "./kpi-plan.ts";
