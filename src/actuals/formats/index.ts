/**
 * The actuals engine's file formats: the canonical actuals CSV (reader and writer) and the
 * KPI outputs (CSV and JSON writers).
 *
 * @module
 */
export {
  ACTUALS_COLUMNS,
  formatActualsCsv,
  parseActualsCsv,
  readActualsCsv,
  type ActualsRow,
} from "./actuals-csv.ts";
export {
  KPI_COLUMNS,
  formatKpiCsv,
  formatKpiJson,
  kpiJson,
  kpiPlanJson,
  type KpiJson,
  type KpiPlanJson,
  type KpiJsonRow,
} from "./kpi-output.ts";
export { parsePlanTargets, readKpiPlanFolder } from "./kpi-plan-folder.ts";
