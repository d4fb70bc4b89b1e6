/**
 * The whole chain in one call: history and ad log -> forecast -> requirements per staffing unit
 * (a queue, or a pool of queues answered by cross-trained agents) -> shifts with breaks ->
 * roster (when agents are given) -> what the schedule is expected to deliver, interval by
 * interval. A library function: it reads no files and prints nothing (progress goes to a
 * callback); the CLI reads the inputs and writes the plan folder.
 *
 * @module
 */
import {
  createStaffer,
  type StaffingPolicy,
  type StaffingResult,
  type Staffer,
} from "../erlang/index.ts";
import {
  forecastCalls,
  type AdRow,
  type ForecastResult,
  type HistoryInterval,
  type Holiday,
} from "../forecast/index.ts";
import { DataError, type DataIssue } from "../io/errors.ts";
import {
  buildRoster,
  designShifts,
  solverNamed,
  type Agent,
  type Availability,
  type RosterResult,
  type ScheduleResult,
  type ShiftSpec,
} from "../schedule/index.ts";
import { parseInstant } from "../time/instant.ts";
import { createZone, legacyZoneNote, parseDay, type Zone } from "../time/zone.ts";
import type { PlanConfig, QueueTargets } from "./config.ts";
import { appendAll } from "../math/extent.ts";

/** Everything a plan is made from, parsed. */
export interface PlanInputs {
  readonly config: PlanConfig;
  readonly history: readonly HistoryInterval[];
  readonly ads?: readonly AdRow[];
  readonly holidays?: readonly Holiday[];
  readonly shifts: ShiftSpec;
  readonly agents?: readonly Agent[];
  readonly availability?: readonly Availability[];
}

import {
  expectedService,
  serviceWarnings,
  type ExpectedInterval,
  type QueueService,
  type RequirementRow,
  type StaffingUnit,
} from "./service.ts";

export type { ExpectedInterval, QueueService, RequirementRow, StaffingUnit } from "./service.ts";

/** Figures of the whole plan. */
export interface PlanSummary {
  readonly calls: number;
  readonly requiredAgentHours: number;
  readonly scheduledAgentHours: number;
  readonly paidHours: number;
  readonly shifts: number;
  readonly expectedServiceLevel: number | null;
  readonly expectedAbandonRate: number | null;
  readonly expectedOccupancy: number | null;
  readonly scheduleStatus: string;
  readonly scheduleGap: number | null;
  readonly rosterStatus?: string;
  readonly agentsRostered?: number;
  readonly unfilledShifts?: number;
}

/** Result of {@link runPlan}. */
export interface PlanResult {
  readonly startMs: number;
  readonly zone: Zone;
  readonly intervalMinutes: number;
  readonly forecast: ForecastResult;
  readonly units: readonly StaffingUnit[];
  readonly requirements: readonly RequirementRow[];
  readonly schedule: ScheduleResult;
  readonly roster?: RosterResult;
  readonly expected: readonly ExpectedInterval[];
  /** Per queue, the expected service against its targets. */
  readonly queues: readonly QueueService[];
  readonly summary: PlanSummary;
  readonly warnings: readonly string[];
}

/** Progress of the long steps: called when a step starts. */
export type PlanProgress = (step: string, index: number, steps: number) => void;

/** Thrown when a solver gives no schedule or roster; the message explains why. */
export class PlanFailure extends Error {}

function policyOf(t: QueueTargets): StaffingPolicy {
  const targets = {
    ...(t.serviceLevel === undefined
      ? {}
      : { serviceLevel: { fraction: t.serviceLevel, seconds: t.slSeconds } }),
    ...(t.asaSeconds === undefined ? {} : { asaSeconds: t.asaSeconds }),
    ...(t.maxOccupancy === undefined ? {} : { maxOccupancy: t.maxOccupancy }),
    ...(t.maxAbandonRate === undefined ? {} : { maxAbandonRate: t.maxAbandonRate }),
  };
  return {
    targets,
    slSeconds: t.slSeconds,
    shrinkage: t.shrinkage,
    minAgents: t.minAgents,
    ...(t.patienceSeconds === undefined ? {} : { patienceSeconds: t.patienceSeconds }),
  };
}

const DEFAULT_TARGETS: QueueTargets = { slSeconds: 20, shrinkage: 0, minAgents: 0 };

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
  const steps = inputs.agents === undefined ? 4 : 5;
  const zone = createZone(config.timeZone);
  const startMs = startOf(config.start, zone);
  const warnings: string[] = [];
  const legacy = legacyZoneNote(config.timeZone);
  if (legacy !== undefined) warnings.push(`timeZone: ${legacy}`);
  // own entries only: a queue named constructor or __proto__ is a queue like any other
  const targetsOf = (q: string): QueueTargets =>
    Object.hasOwn(config.queues, q) ? config.queues[q]! : DEFAULT_TARGETS;

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
  const queues = [...new Set(forecast.rows.map((r) => r.queue))];
  const issues: DataIssue[] = [];
  for (const q of Object.keys(config.queues)) {
    if (!queues.includes(q))
      issues.push({
        field: `queues.${q}`,
        message: `no queue "${q}" in the history (queues: ${queues.join(", ")})`,
      });
  }
  config.pools.forEach((pool, i) => {
    pool.forEach((q, j) => {
      if (!queues.includes(q))
        issues.push({
          field: `pools[${i}][${j}]`,
          message: `no queue "${q}" in the history (queues: ${queues.join(", ")})`,
        });
    });
  });
  for (const q of queues) {
    if (!Object.hasOwn(config.queues, q))
      warnings.push(`queue "${q}" has no targets in the configuration: 80 % in 20 s`);
    const aht = forecast.rows.some((r) => r.queue === q && r.ahtSeconds === undefined);
    if (aht && targetsOf(q).ahtSeconds === undefined)
      issues.push({
        field: `queues.${q}.ahtSeconds`,
        message: `the history has no aht_s for queue "${q}": give ahtSeconds`,
      });
  }
  if (issues.length > 0) throw new DataError(issues);

  // staffing units: pools, then the queues on their own
  const pooled = new Set(config.pools.flat());
  const units: StaffingUnit[] = [
    ...config.pools.map((p) => ({ name: p.join("+"), queues: p })),
    ...queues.filter((q) => !pooled.has(q)).map((q) => ({ name: q, queues: [q] })),
  ];

  const staffers = new Map<string, Staffer[]>(
    units.map((u) => [u.name, u.queues.map((q) => createStaffer(policyOf(targetsOf(q))))]),
  );

  progress?.("requirements", 2, steps);
  const intervalMinutes = forecast.intervalMinutes;
  const intervalSeconds = intervalMinutes * 60;
  const byStart = new Map<number, Map<string, { calls: number; aht: number }>>();
  for (const r of forecast.rows) {
    let m = byStart.get(r.startMs);
    if (m === undefined) {
      m = new Map<string, { calls: number; aht: number }>();
      byStart.set(r.startMs, m);
    }
    m.set(r.queue, { calls: r.calls, aht: r.ahtSeconds ?? targetsOf(r.queue).ahtSeconds! });
  }
  const starts = [...byStart.keys()].sort((a, b) => a - b);
  const requirements: RequirementRow[] = [];
  for (const t of starts) {
    const m = byStart.get(t)!;
    for (const u of units) {
      let calls = 0;
      let weighted = 0;
      let plain = 0;
      for (const q of u.queues) {
        const x = m.get(q) ?? { calls: 0, aht: Number.NaN };
        calls += x.calls;
        weighted += x.calls * x.aht;
        if (!Number.isNaN(x.aht)) plain += x.aht / u.queues.length;
      }
      const aht = calls > 0 ? weighted / calls : plain > 0 ? plain : 1;
      // the strictest of the pool's targets: the most scheduled agents
      let best: StaffingResult | undefined;
      for (const staffer of staffers.get(u.name)!) {
        let r: StaffingResult;
        try {
          r = staffer.staff({ calls, intervalSeconds, ahtSeconds: aht });
        } catch (error) {
          // beyond the staffing ranges (a load above 10,000 Erlangs): the history's doing
          if (!(error instanceof RangeError)) throw error;
          throw new DataError([
            {
              field: "history",
              message: `the forecast of ${u.name} at ${new Date(t).toISOString()}: ${error.message}`,
            },
          ]);
        }
        if (
          best === undefined ||
          r.scheduledAgents > best.scheduledAgents ||
          (r.scheduledAgents === best.scheduledAgents &&
            r.fractionalScheduledAgents > best.fractionalScheduledAgents)
        )
          best = r;
      }
      requirements.push({ unit: u.name, startMs: t, calls, ahtSeconds: aht, result: best! });
    }
  }

  progress?.("shifts", 3, steps);
  const required = starts.map((t, i) => ({
    startMs: t,
    required: requirements
      .slice(i * units.length, (i + 1) * units.length)
      .reduce((a, r) => a + r.result.fractionalScheduledAgents, 0),
  }));
  const solver = solverNamed(config.solver.engine);
  const limits = {
    timeLimitSeconds: config.solver.timeLimitSeconds,
    relativeGap: config.solver.gap,
  };
  const schedule = await designShifts(required, inputs.shifts, { solver, ...limits });
  if (schedule.status !== "optimal" && schedule.status !== "feasible") {
    throw new PlanFailure(`no schedule (${schedule.status}): ${schedule.explanation ?? ""}`);
  }

  let roster: RosterResult | undefined;
  if (inputs.agents !== undefined) {
    progress?.("roster", 4, steps);
    roster = await buildRoster(
      schedule,
      inputs.shifts,
      {
        agents: inputs.agents,
        ...(inputs.availability === undefined ? {} : { availability: inputs.availability }),
        minRestSeconds: config.roster.minRestHours * 3600,
        twoConsecutiveDaysOff: config.roster.twoConsecutiveDaysOff,
        ...(config.roster.maxNightShiftsWeek === undefined
          ? {}
          : { maxNightShiftsWeek: config.roster.maxNightShiftsWeek }),
      },
      solver,
      limits,
    );
    if (roster.status !== "optimal" && roster.status !== "feasible") {
      throw new PlanFailure(`no roster (${roster.status}): ${roster.explanation ?? ""}`);
    }
    const missing = roster.shortfalls.reduce((a, s) => a + s.missing, 0);
    if (missing > 0)
      warnings.push(
        `${missing} designed shifts could not be given to an agent (see the roster's shortfalls)`,
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
    queueCalls: (t, q) => byStart.get(t)?.get(q)?.calls ?? 0,
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

function summarize(
  forecast: ForecastResult,
  requirements: readonly RequirementRow[],
  schedule: ScheduleResult,
  roster: RosterResult | undefined,
  expected: readonly ExpectedInterval[],
  intervalSeconds: number,
): PlanSummary {
  const hours = intervalSeconds / 3600;
  const calls = forecast.rows.reduce((a, r) => a + r.calls, 0);
  let paidSeconds = 0;
  let shifts = 0;
  for (const s of schedule.shifts) {
    paidSeconds += s.count * s.paidSeconds;
    shifts += s.count;
  }
  const withCalls = expected.filter((e) => e.calls > 0 && e.serviceLevel !== null);
  const callsWeighted = (f: (e: ExpectedInterval) => number): number | null => {
    const c = withCalls.reduce((a, e) => a + e.calls, 0);
    return c > 0 ? withCalls.reduce((a, e) => a + f(e) * e.calls, 0) / c : null;
  };
  let load = 0;
  let agents = 0;
  for (const e of expected) {
    load += Math.min(e.loadErlangs, e.productiveAgents);
    agents += e.productiveAgents;
  }
  return {
    calls,
    requiredAgentHours:
      requirements.reduce((a, r) => a + r.result.fractionalScheduledAgents, 0) * hours,
    scheduledAgentHours: expected.reduce((a, e) => a + e.scheduled, 0) * hours,
    paidHours: paidSeconds / 3600,
    shifts,
    expectedServiceLevel: callsWeighted((e) => e.serviceLevel!),
    expectedAbandonRate: callsWeighted((e) => e.abandonRate ?? 0),
    expectedOccupancy: agents > 0 ? load / agents : null,
    scheduleStatus: schedule.status,
    scheduleGap: schedule.gap,
    ...(roster === undefined
      ? {}
      : {
          rosterStatus: roster.status,
          agentsRostered: roster.agents.filter((a) => a.shifts > 0).length,
          unfilledShifts: roster.shortfalls.reduce((a, s) => a + s.missing, 0),
        }),
  };
}
