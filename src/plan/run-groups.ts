/**
 * The plan by skill group, after the forecast: agents per interval and group for the routing
 * (`staffRouting`, each queue to its targets) -> shifts by group (each group's scheduled agents
 * required, a group whose skills include another's may cover it) -> roster by group (a group's
 * shifts to agents whose skills include its queues) -> the expected figures -> the schedule
 * simulated with the routing (ad-shaped arrivals, 20 runs, seed 1).
 *
 * @module
 */
import { staffRoutingParallel, type RoutingStaffingResult } from "../erlang/index.ts";
import type { ForecastResult } from "../forecast/index.ts";
import { DataError } from "../io/errors.ts";
import { appendAll } from "../math/extent.ts";
import {
  designShifts,
  routingScheduleGroups,
  shiftGroupOptions,
  type MilpSolver,
  type RosterResult,
} from "../schedule/index.ts";
import { formatInstant, type Zone } from "../time/zone.ts";
import type { QueueTargets } from "./config.ts";
import { groupFigures } from "./group-figures.ts";
import { PLAN_SIMULATION, simulateGroupSchedule, simulationWarnings } from "./group-simulation.ts";
import {
  rosterStep,
  skillWarnings,
  timeLimitWarning,
  type PlanSolverLimits,
} from "./roster-step.ts";
import { planRouting } from "./routing.ts";
import { summarize } from "./summary.ts";
import {
  PlanFailure,
  type PlanInputs,
  type PlanProgress,
  type PlanResult,
  type QueueGroupSummary,
} from "./types.ts";

/** What the plan has when it turns to the groups. */
export interface GroupRunContext {
  readonly inputs: PlanInputs;
  readonly forecast: ForecastResult;
  readonly zone: Zone;
  readonly startMs: number;
  /** Warnings so far; the group steps add theirs. */
  readonly warnings: string[];
  readonly targetsOf: (queue: string) => QueueTargets;
  readonly steps: number;
  readonly progress?: PlanProgress;
  readonly solver: MilpSolver;
  readonly limits: PlanSolverLimits;
}

/**
 * Runs the plan's steps by group (see the module).
 *
 * @throws DataError for groups that do not fit the history's queues, or a load beyond the
 *   staffing ranges; PlanFailure when the solver finds no schedule or roster
 */
export async function runGroupPlan(context: GroupRunContext): Promise<PlanResult> {
  const { inputs, forecast, zone, warnings, targetsOf, steps, progress } = context;
  const config = inputs.config;
  const intervalMinutes = forecast.intervalMinutes;
  const intervalSeconds = intervalMinutes * 60;
  const queueNames = [...new Set(forecast.rows.map((r) => r.queue))];
  const routing = planRouting(
    { ...config, groups: config.groups! },
    queueNames,
    targetsOf,
    intervalMinutes,
  );

  progress?.("requirements", 2, steps);
  const aht = new Map<string, number>();
  const rows = forecast.rows.map((r) => {
    const ahtSeconds = r.ahtSeconds ?? targetsOf(r.queue).ahtSeconds!;
    aht.set(`${r.startMs}|${r.queue}`, ahtSeconds);
    return { startMs: r.startMs, queue: r.queue, calls: r.calls, ahtSeconds };
  });
  let staffing: RoutingStaffingResult;
  try {
    staffing = await staffRoutingParallel({ routing, intervalSeconds, rows });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new DataError([{ field: "history", message: `the forecast: ${error.message}` }]);
  }
  if (staffing.unmetStartsMs.length > 0)
    warnings.push(
      `the groups cannot meet every queue's targets in ${staffing.unmetStartsMs.length} intervals ` +
        `(from ${formatInstant(staffing.unmetStartsMs[0]!, zone)}) within the staffing search's work limits`,
    );
  if (staffing.uncheckedStartsMs.length > 0)
    warnings.push(
      `${staffing.uncheckedStartsMs.length} intervals are staffed on the approximation alone ` +
        `(from ${formatInstant(staffing.uncheckedStartsMs[0]!, zone)}): the simulation budget is spent`,
    );
  const starts = [...new Set(staffing.groups.map((g) => g.startMs))].sort((a, b) => a - b);

  progress?.("shifts", 3, steps);
  const groupOptions = shiftGroupOptions(routingScheduleGroups(routing));
  const schedule = await designShifts(
    staffing.groups.map((g) => ({
      startMs: g.startMs,
      group: g.group,
      required: g.scheduledAgents,
    })),
    inputs.shifts,
    { solver: context.solver, ...context.limits, ...groupOptions },
  );
  if (schedule.status !== "optimal" && schedule.status !== "feasible") {
    throw new PlanFailure(`no schedule (${schedule.status}): ${schedule.explanation ?? ""}`);
  }
  const stopped = timeLimitWarning(
    "schedule",
    schedule.stoppedBy,
    context.limits,
    config.solver.engine,
  );
  if (stopped !== undefined) warnings.push(stopped);

  let roster: RosterResult | undefined;
  if (inputs.agents !== undefined) {
    progress?.("roster", 4, steps);
    appendAll(warnings, skillWarnings(inputs.agents, groupOptions.groupSkills!));
    roster = await rosterStep(
      { ...inputs, agents: inputs.agents },
      schedule,
      context.solver,
      context.limits,
      warnings,
      groupOptions.groupSkills,
    );
  }

  progress?.("expected service", steps - 1, steps);
  const figures = groupFigures({
    routing,
    staffing,
    schedule,
    starts,
    intervalSeconds,
    targetsOf,
    ahtOf: (t, q) => aht.get(`${t}|${q}`) ?? 0,
  });

  progress?.("simulation", steps, steps);
  const simulation = simulateGroupSchedule({
    forecast,
    routing,
    schedule,
    zone,
    startMs: context.startMs,
    history: inputs.history,
    ...(inputs.ads === undefined ? {} : { ads: inputs.ads }),
  });
  const queues = Object.create(null) as Record<string, QueueGroupSummary>;
  for (const q of figures.queues) {
    const s = simulation.total.queues[q.queue];
    queues[q.queue] = {
      target: q.targetServiceLevel,
      expectedServiceLevel: q.serviceLevel,
      simulatedServiceLevel: s?.serviceLevel ?? null,
      simulatedServiceLevelCi: s?.serviceLevelCi ?? null,
    };
  }
  appendAll(warnings, simulationWarnings(simulation, routing, queues));
  const base = summarize(forecast, [], schedule, roster, figures.expected, intervalSeconds);
  const requiredAgentSeconds = Object.values(figures.groups).reduce(
    (a, g) => a + g.requiredAgentSeconds,
    0,
  );
  return {
    startMs: context.startMs,
    zone,
    intervalMinutes,
    forecast,
    units: Object.keys(routing.groups).map((g) => ({
      name: g,
      queues: routing.groups[g]!.serves.map((s) => s.queue),
    })),
    requirements: [],
    schedule,
    ...(roster === undefined ? {} : { roster }),
    expected: figures.expected,
    queues: figures.queues,
    summary: { ...base, requiredAgentSeconds, queues, groups: figures.groups },
    warnings,
    groups: { routing, staffing, simulation, ...PLAN_SIMULATION },
  };
}
