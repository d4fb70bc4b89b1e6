/**
 * The whole chain in one call: history and ad log -> forecast -> requirements per staffing unit
 * (a queue, or a pool of queues answered by cross-trained agents) -> shifts with breaks ->
 * roster (when agents are given) -> what the schedule is expected to deliver, interval by
 * interval. With skill groups the chain runs by group (run-groups.ts) and ends with a
 * simulation of the schedule with the routing. A library function: it reads no files and prints nothing (progress goes to a
 * callback); the CLI reads the inputs and writes the plan folder.
 *
 * @module
 */
import { forecastCalls, type ForecastResult } from "../forecast/index.ts";
import { DataError } from "../io/errors.ts";
import { appendAll } from "../math/extent.ts";
import { designShifts, solverNamed, type RosterResult } from "../schedule/index.ts";
import { parseInstant } from "../time/instant.ts";
import { createZone, legacyZoneNote, parseDay, type Zone } from "../time/zone.ts";
import { checkQueues } from "./checks.ts";
import { rosterStep, timeLimitWarning, type PlanSolverLimits } from "./roster-step.ts";
import { runGroupPlan } from "./run-groups.ts";
import { queueLoads, staffingUnits, unitRequirements } from "./requirements.ts";
import { expectedService, serviceWarnings } from "./service.ts";
import { summarize } from "./summary.ts";
import { targetsIn } from "./targets.ts";
import { PlanFailure, type PlanInputs, type PlanProgress, type PlanResult } from "./types.ts";

export type { ExpectedInterval, QueueService, RequirementRow, StaffingUnit } from "./service.ts";
export {
  PlanFailure,
  type GroupPlan,
  type GroupSummary,
  type QueueGroupSummary,
  type PlanInputs,
  type PlanProgress,
  type PlanResult,
  type PlanSummary,
} from "./types.ts";

/**
 * Runs the chain.
 *
 * @throws DataError for inputs that contradict the configuration (a queue in `queues` or
 * `pools` that the history lacks, no AHT anywhere); PlanFailure when the solver finds no
 * schedule or roster
 * @example
 * const plan = await runPlan({ config, history, ads, shifts: parseShiftSpec(shiftFile) });
 * plan.summary.expectedServiceLevel;
 */
export async function runPlan(inputs: PlanInputs, progress?: PlanProgress): Promise<PlanResult> {
  const { config } = inputs;
  const grouped = config.groups !== undefined;
  // with groups, a last step: the schedule simulated with the routing
  const steps = (inputs.agents === undefined ? 4 : 5) + (grouped ? 1 : 0);
  const zone = createZone(config.timeZone);
  const startMs = startOf(config.start, zone);
  const warnings: string[] = [];
  const legacy = legacyZoneNote(config.timeZone);
  if (legacy !== undefined) warnings.push(`timeZone: ${legacy}`);
  const targetsOf = targetsIn(config);

  progress?.("forecast", 1, steps);
  let forecast: ForecastResult;
  try {
    forecast = forecastCalls(inputs.history, {
      start: startMs,
      days: config.days,
      timeZone: zone.name,
      ...(config.intervalMinutes === undefined ? {} : { intervalMinutes: config.intervalMinutes }),
      ...(inputs.ads === undefined ? {} : { ads: inputs.ads }),
      ...(inputs.holidays === undefined ? {} : { holidays: inputs.holidays }),
    });
  } catch (error) {
    // options the configuration set that do not fit the history: name the field
    if (!(error instanceof RangeError)) throw error;
    const field = /output interval/.test(error.message)
      ? "intervalMinutes"
      : /start|years/.test(error.message)
        ? "start"
        : "history";
    throw new DataError([{ field, message: error.message }]);
  }
  appendAll(warnings, forecast.warnings);
  appendAll(warnings, checkQueues(config, forecast, targetsOf));
  const solver = solverNamed(config.solver.engine);
  const limits: PlanSolverLimits = {
    timeLimitSeconds: config.solver.timeLimitSeconds,
    relativeGap: config.solver.gap,
    workLimit: config.solver.workLimit,
  };
  if (grouped) {
    const context = { inputs, forecast, zone, startMs, warnings, targetsOf, steps, solver, limits };
    return runGroupPlan(progress === undefined ? context : { ...context, progress });
  }
  const units = staffingUnits(config, [...new Set(forecast.rows.map((r) => r.queue))]);

  progress?.("requirements", 2, steps);
  const intervalMinutes = forecast.intervalMinutes;
  const intervalSeconds = intervalMinutes * 60;
  const loads = queueLoads(forecast, targetsOf);
  const starts = [...loads.keys()].sort((a, b) => a - b);
  const requirements = unitRequirements(units, loads, starts, intervalSeconds, targetsOf);

  progress?.("shifts", 3, steps);
  const required = starts.map((t, i) => ({
    startMs: t,
    required: requirements
      .slice(i * units.length, (i + 1) * units.length)
      .reduce((a, r) => a + r.result.fractionalScheduledAgents, 0),
  }));
  const schedule = await designShifts(required, inputs.shifts, { solver, ...limits });
  if (schedule.status !== "optimal" && schedule.status !== "feasible") {
    throw new PlanFailure(`no schedule (${schedule.status}): ${schedule.explanation ?? ""}`);
  }
  const stopped = timeLimitWarning("schedule", schedule.stoppedBy, limits, config.solver.engine);
  if (stopped !== undefined) warnings.push(stopped);

  let roster: RosterResult | undefined;
  if (inputs.agents !== undefined) {
    progress?.("roster", 4, steps);
    roster = await rosterStep(
      { ...inputs, agents: inputs.agents },
      schedule,
      solver,
      limits,
      warnings,
    );
  }

  progress?.("expected service", steps, steps);
  const service = expectedService({
    schedule,
    requirements,
    units,
    starts,
    intervalSeconds,
    targetsOf,
    queueCalls: (t, q) => loads.get(t)?.get(q)?.calls ?? 0,
  });
  const expected = service.intervals;
  appendAll(warnings, serviceWarnings(service.queues, inputs.shifts));
  const summary = summarize(forecast, requirements, schedule, roster, expected, intervalSeconds);
  return {
    startMs,
    zone,
    intervalMinutes,
    forecast,
    units,
    requirements,
    schedule,
    ...(roster === undefined ? {} : { roster }),
    expected,
    queues: service.queues,
    summary,
    warnings,
  };
}

function startOf(text: string, zone: Zone): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const day = parseDay(text);
    if (typeof day === "string")
      throw new DataError([{ field: "start", message: day, value: text }]);
    return zone.dayStart(day);
  }
  const t = parseInstant(text);
  if (typeof t === "string") throw new DataError([{ field: "start", message: t, value: text }]);
  return t;
}
