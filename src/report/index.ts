/**
 * staffcast's HTML report of a plan: self-contained (inline CSS and SVG), offline.
 *
 * @module
 */
export { renderReport, type ReportInput } from "./html.ts";
export { renderKpiReport, type KpiReportInput } from "./kpi-html.ts";
