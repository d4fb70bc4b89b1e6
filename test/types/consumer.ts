/**
 * A consumer of the published types: every subpath imported and used as a service would. Type
 * checked by the oldest TypeScript staffcast supports (5.4, see test/types/declarations.test.ts)
 * against the declarations in dist/, with skipLibCheck off.
 */
import * as all from "staffcast";
import { computeRequirementTable, staffInterval, type StaffingResult } from "staffcast/erlang";
import { forecastCalls, type ForecastResult } from "staffcast/forecast";
import { createAdherenceMonitor, type MonitorAlert } from "staffcast/adherence";
import { designShifts, parseShiftSpec, type ScheduleResult } from "staffcast/schedule";
import { parsePlanConfig, runPlan, type PlanResult } from "staffcast/plan";
import { parseActualsCsv, type ActualsRow } from "staffcast/actuals";

export const result: StaffingResult = staffInterval({
  calls: 100,
  intervalSeconds: 1800,
  ahtSeconds: 180,
});
export const table = computeRequirementTable(
  { queue: ["q"], startMs: [0], calls: [10] },
  { ahtSeconds: 180, intervalSeconds: 900 },
);
export const agents: Float64Array = table.agents;
export type Shapes = [ForecastResult, MonitorAlert, ScheduleResult, PlanResult, ActualsRow];
export const used = [
  all,
  forecastCalls,
  createAdherenceMonitor,
  designShifts,
  parseShiftSpec,
  parsePlanConfig,
  runPlan,
  parseActualsCsv,
];
