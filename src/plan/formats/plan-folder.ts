/**
 * The files of a plan folder: forecast.csv, requirements.csv, schedule.json, roster.csv (with
 * agents), plan.json and report.html, as text; with skill groups also queues.csv (each queue's
 * figures at the staffing by group), requirements.csv by group and the roster's group column.
 *
 * @module
 */
import {
  formatGroupRequirementsCsv,
  formatQueueOutcomesCsv,
  REQUIREMENT_COLUMNS,
  staffingResultCells,
} from "../../erlang/index.ts";
import { formatForecastCsv, type AdRow, type HistoryInterval } from "../../forecast/index.ts";
import { csvCell, csvNumber } from "../../io/csv.ts";
import { renderReport } from "../../report/index.ts";
import { formatRosterCsv, formatScheduleJson } from "../../schedule/index.ts";
import { formatInstant } from "../../time/zone.ts";
import type { PlanConfig } from "../config.ts";
import type { PlanResult, PlanSummary } from "../types.ts";

/**
 * The files of a plan folder, in the order plan.json lists them.
 *
 * @param grouped - a plan with skill groups (it adds queues.csv)
 */
export function planFileNames(rostered: boolean, grouped = false): string[] {
  return [
    "forecast.csv",
    "requirements.csv",
    ...(grouped ? ["queues.csv"] : []),
    "schedule.json",
    ...(rostered ? ["roster.csv"] : []),
    "plan.json",
    "report.html",
  ];
}

/**
 * requirements.csv: `start,queue,calls,aht_s` and the columns of `staffcast requirements`, one
 * row per staffing unit and interval (`queue` is the unit: a queue, or a pool `a+b`). With
 * groups: `start,group,agents,scheduled_agents` (as `staffcast requirements --routing` writes
 * it), one row per interval and group.
 */
export function formatPlanRequirementsCsv(plan: PlanResult): string {
  if (plan.groups !== undefined)
    return formatGroupRequirementsCsv(plan.groups.staffing.groups, plan.zone);
  const lines = [["start", "queue", "calls", "aht_s", ...REQUIREMENT_COLUMNS].join(",")];
  for (const r of plan.requirements) {
    lines.push(
      [
        formatInstant(r.startMs, plan.zone),
        csvCell(r.unit),
        csvNumber(r.calls),
        csvNumber(r.ahtSeconds),
        ...staffingResultCells(r.result),
      ].join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** plan.json's summary: the library's seconds as hours, in the file's field order. */
function summaryJson(s: PlanSummary): Record<string, unknown> {
  return {
    calls: s.calls,
    requiredAgentHours: s.requiredAgentSeconds / 3600,
    scheduledAgentHours: s.scheduledAgentSeconds / 3600,
    paidHours: s.paidSeconds / 3600,
    shifts: s.shifts,
    expectedServiceLevel: s.expectedServiceLevel,
    expectedAbandonRate: s.expectedAbandonRate,
    expectedOccupancy: s.expectedOccupancy,
    scheduleStatus: s.scheduleStatus,
    scheduleGap: s.scheduleGap,
    ...(s.scheduleStoppedBy === undefined ? {} : { scheduleStoppedBy: s.scheduleStoppedBy }),
    ...(s.rosterStatus === undefined
      ? {}
      : {
          rosterStatus: s.rosterStatus,
          ...(s.rosterStoppedBy === undefined ? {} : { rosterStoppedBy: s.rosterStoppedBy }),
          agentsRostered: s.agentsRostered,
          unfilledShifts: s.unfilledShifts,
        }),
    ...(s.queues === undefined ? {} : { queues: s.queues }),
    ...(s.groups === undefined
      ? {}
      : {
          groups: Object.fromEntries(
            Object.entries(s.groups).map(([g, x]) => [
              g,
              {
                requiredAgentHours: x.requiredAgentSeconds / 3600,
                scheduledAgentHours: x.scheduledAgentSeconds / 3600,
              },
            ]),
          ),
        }),
  };
}

/**
 * The configuration as plan.json echoes it: without `$schema`; with groups, the queues without
 * the shrinkage and floors that belong to the groups.
 */
function resolvedConfig(config: PlanConfig): Record<string, unknown> {
  const resolved = Object.fromEntries(Object.entries(config).filter(([k]) => k !== "$schema"));
  if (config.groups === undefined) return resolved;
  const queues = Object.create(null) as Record<string, unknown>;
  for (const [q, t] of Object.entries(config.queues)) {
    const rest: Record<string, unknown> = { ...t };
    delete rest["shrinkage"];
    delete rest["minAgents"];
    queues[q] = rest;
  }
  return { ...resolved, queues };
}

/**
 * plan.json: the resolved configuration (defaults filled in, without `$schema`, a path relative
 * to the input that would not resolve from the plan folder), the staffing units, each queue's
 * expected service, the summary figures, the folder's files and the warnings.
 */
export function formatPlanJson(plan: PlanResult, config: PlanConfig): string {
  const json = {
    config: resolvedConfig(config),
    start: formatInstant(plan.startMs, plan.zone),
    intervalMinutes: plan.intervalMinutes,
    units: plan.units,
    queues: plan.queues,
    summary: summaryJson(plan.summary),
    files: planFileNames(plan.roster !== undefined, plan.groups !== undefined),
    warnings: plan.warnings,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** What the folder's files are made from besides the plan. */
export interface PlanFolderInput {
  readonly config: PlanConfig;
  /** The shift file as read, echoed into schedule.json. */
  readonly shiftFile: unknown;
  readonly history: readonly HistoryInterval[];
  readonly ads?: readonly AdRow[];
  /** The report's title. */
  readonly title: string;
}

/**
 * Every file of the plan folder, by name.
 *
 * @example
 * const files = planFolderFiles(plan, { config, shiftFile, history, ads, title: "Week 3" });
 * await writeFile("plan/report.html", files["report.html"]);
 */
export function planFolderFiles(plan: PlanResult, input: PlanFolderInput): Record<string, string> {
  return {
    "forecast.csv": formatForecastCsv(plan.forecast),
    "requirements.csv": formatPlanRequirementsCsv(plan),
    ...(plan.groups === undefined
      ? {}
      : { "queues.csv": formatQueueOutcomesCsv(plan.groups.staffing.queues, plan.zone) }),
    "schedule.json": formatScheduleJson(plan.schedule, input.shiftFile),
    ...(plan.roster === undefined
      ? {}
      : {
          "roster.csv": formatRosterCsv(
            plan.roster.segments,
            plan.zone,
            plan.groups === undefined ? {} : { group: true },
          ),
        }),
    "plan.json": formatPlanJson(plan, input.config),
    "report.html": renderReport({
      plan,
      config: input.config,
      history: input.history,
      ...(input.ads === undefined ? {} : { ads: input.ads }),
      title: input.title,
    }),
  };
}
