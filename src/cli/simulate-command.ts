/**
 * `staffcast simulate`: discrete-event simulation of a forecast against agents per interval (a
 * requirements CSV, one pool per queue) or a schedule (one pool of cross-trained agents, breaks
 * included), to see where interval-by-interval Erlang staffing falls short around spikes.
 */
import type { Command } from "commander";
import { Option } from "commander";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import {
  correctStaffing,
  productiveFromScheduled,
  evaluateInterval,
  simulateQueues,
  type AgentPool,
  type CallStream,
  type SimulationOptions,
  type SimulationResult,
  type StepSeries,
} from "../erlang/index.ts";
import {
  arrivalProfile,
  forecastCalls,
  readAdsCsv,
  readForecastCsv,
  readHistoryCsv,
  type AdResponse,
} from "../forecast/index.ts";
import { parseCsv } from "../io/csv.ts";
import { DataError, UsageError } from "../io/errors.ts";
import { readScheduleJson } from "../schedule/index.ts";
import { inputName, readText, type Streams } from "../io/files.ts";
import { readIntervalColumns } from "../io/interval-table.ts";
import { inferSpacing } from "../time/duration.ts";
import { formatInstantUtc } from "../time/instant.ts";
import { formatInstant, type Zone } from "../time/zone.ts";
import { STAFFING_LIMITS } from "../erlang/limits.ts";
import { atLeastOne, count, inside, serviceLevelFraction, shrinkageFraction } from "./flags.ts";
import { zoneFlag } from "./time-flags.ts";
import { locateRows } from "../io/table-read.ts";
import { pct, secs, table, warn } from "./format.ts";
import { maxOf, minOf } from "../math/extent.ts";

interface SimulateFlags {
  requirements?: string;
  schedule?: string;
  forecast: string;
  ads?: string;
  history?: string;
  aht?: number;
  patience?: number;
  handleTime: "exponential" | "lognormal";
  handleCv: number;
  slSeconds: number;
  runs: number;
  seed: number;
  targetSl?: number;
  shrinkage?: number;
  tz?: string;
  json?: boolean;
}

/** How the simulation pooled the queues: for people, and in the JSON. */
interface PoolNote {
  readonly name: string;
  readonly queues: readonly string[];
  /** Shrinkage applied to the schedule's agents, and where it came from. */
  readonly shrinkage?: number;
  readonly shrinkageFrom?: string;
}

/**
 * The shrinkage of a plan folder's configuration, when `schedulePath` sits in one (a plan.json
 * with `config` and `summary` beside it): the largest of its queues', as the plan shares one
 * pool's agents. Undefined when there is no such plan.json.
 */
function planShrinkage(schedulePath: string): number | undefined {
  if (schedulePath === "-") return undefined;
  let plan: unknown;
  try {
    plan = JSON.parse(readFileSync(join(dirname(schedulePath), "plan.json"), "utf8"));
  } catch {
    return undefined;
  }
  const p = plan as {
    config?: { queues?: Record<string, { shrinkage?: unknown }> };
    summary?: unknown;
  };
  if (typeof p.summary !== "object" || typeof p.config?.queues !== "object") return undefined;
  const values = Object.values(p.config.queues).map((q) =>
    typeof q.shrinkage === "number" && q.shrinkage >= 0 && q.shrinkage <= 0.99 ? q.shrinkage : 0,
  );
  return maxOf(values, (v) => v, 0);
}

/** Registers `simulate`. */
export function registerSimulate(program: Command, streams: Streams): void {
  program
    .command("simulate")
    .summary("simulate a forecast against a staffing plan, interval by interval")
    .description(
      "Discrete-event simulation where Erlang's steady traffic fails: Poisson arrivals whose " +
        "rate is flat within each forecast interval, or follows the response to the ad spots " +
        "(--ads), FIFO queue, exponential or lognormal handle times, abandonment (--patience), " +
        "agents from a requirements CSV (each queue its own agents) or a schedule (one pool, " +
        "breaks included), the system empty at the start of each day. Service level, ASA, " +
        "abandonment and occupancy per interval and in total, with 95 % intervals across runs.",
    )
    .option("--requirements <csv>", "agents per queue and interval: start,queue,agents")
    .option("--schedule <json>", "a schedule from staffcast schedule --out (coverage)")
    .requiredOption("--forecast <csv>", "calls: start,queue,calls[,aht_s]")
    .option(
      "--ads <csv>",
      "ad spots: air_time,channel[,queue][,grp]: arrivals follow their response",
    )
    .option("--history <csv>", "history the ad response is fitted on (else a default response)")
    .option(
      "--aht <s>",
      "handle time, seconds, where the forecast has no aht_s",
      inside(STAFFING_LIMITS.ahtSeconds),
    )
    .option(
      "--patience <s>",
      "mean caller patience, seconds (default: nobody hangs up)",
      inside(STAFFING_LIMITS.patienceSeconds),
    )
    .addOption(
      new Option("--handle-time <kind>", "handle time distribution")
        .choices(["exponential", "lognormal"])
        .default("exponential"),
    )
    .option(
      "--handle-cv <f>",
      "coefficient of variation of lognormal handle times (0.01 to 10)",
      inside({ min: 0.01, max: 10 }),
      1,
    )
    .option("--sl-seconds <s>", "T of the service level", inside(STAFFING_LIMITS.slSeconds), 20)
    .option("--runs <n>", "independent runs (at most 10000)", atLeastOne(10_000), 20)
    .option("--seed <s>", "random seed", count(4_294_967_295), 1)
    .option(
      "--target-sl <f>",
      "also find the agents to add, interval by interval, until every interval meets this service level",
      serviceLevelFraction,
    )
    .option(
      "--shrinkage <f>",
      "share of the schedule's agents off the phones, 0 to 0.99 (default: a plan folder's, else 0)",
      shrinkageFraction,
    )
    .option("--tz <zone>", "IANA zone of day starts and output times (default UTC)")
    .option("--json", "print the result JSON")
    .addHelpText(
      "after",
      `
JSON: { total: { serviceLevel, serviceLevelCi, asaSeconds, abandonRate, abandonRateCi, occupancy },
pools: [{ name, queues, shrinkage?, shrinkageFrom? }],
intervals: [{ start, queue, calls, agents, serviceLevel, asaSeconds, abandonRate, occupancy }] }
(...Ci: [low, high], 95 % across runs); with --target-sl also
correction: { met, rounds, total, intervals: [{ start, pool, extraAgents }] }.

Examples:
  $ staffcast simulate --requirements requirements.csv --forecast forecast.csv --patience 120
  $ staffcast simulate --schedule schedule.json --forecast forecast.csv --ads ads.csv --history history.csv --json
  $ staffcast simulate --requirements requirements.csv --forecast forecast.csv --ads ads.csv --target-sl 0.8`,
    )
    .action(async (flags: SimulateFlags) => {
      await runSimulate(flags, streams);
    });
}

/** The longest forecast simulated at once, days. */
const MAX_SIMULATED_DAYS = 366;

/** Step series of `values` keyed by start, on a grid of `stepMs` from the smallest start. */
function series(starts: readonly number[], values: readonly number[], stepMs: number): StepSeries {
  const first = minOf(starts, (t) => t);
  const last = maxOf(starts, (t) => t);
  const out = new Float64Array(Math.round((last - first) / stepMs) + 1);
  starts.forEach((t, i) => {
    out[Math.round((t - first) / stepMs)] = values[i]!;
  });
  return { startMs: first, stepSeconds: stepMs / 1000, values: out };
}

/**
 * The interval grid of one queue's (or the schedule's) starts, as `inferSpacing` finds it;
 * duplicates and starts off the grid are errors naming them.
 */
function spacingOf(starts: readonly number[], file: string): number {
  if (starts.length === 1) return 1_800_000; // one interval: taken as 30 minutes
  const s = inferSpacing(starts);
  if (!s.ok)
    throw new DataError([
      {
        file,
        message:
          s.reason === "duplicate"
            ? `two rows of one queue start at ${formatInstantUtc(s.at!)}`
            : "cannot infer the interval length from a single row",
      },
    ]);
  if (s.offGrid.length > 0)
    throw new DataError(
      s.offGrid.map((t) => ({
        file,
        message: `a row at ${formatInstantUtc(t)} is off the grid of the others (every ${s.spacingMs / 60_000} min): is its time a typo?`,
      })),
    );
  return s.spacingMs;
}

async function runSimulate(flags: SimulateFlags, streams: Streams): Promise<void> {
  if ((flags.requirements === undefined) === (flags.schedule === undefined)) {
    throw new UsageError("give either --requirements or --schedule");
  }
  const zone = zoneFlag(flags.tz, streams.stderr);
  const forecast = await readForecastCsv(flags.forecast, streams);
  const rows = forecast.rows;
  if (rows.length === 0) throw new DataError([{ file: forecast.file, message: "no rows" }]);
  const byQueue = new Map<string, (typeof rows)[number][]>();
  for (const r of rows) {
    const list = byQueue.get(r.queue);
    if (list === undefined) byQueue.set(r.queue, [r]);
    else list.push(r);
  }
  const spacing = new Map<string, number>();
  for (const [queue, list] of byQueue)
    spacing.set(
      queue,
      spacingOf(
        list.map((r) => r.startMs),
        forecast.file,
      ),
    );
  const stepMs = minOf(spacing.values(), (s) => s);
  if (byQueue.size > 1 && maxOf(spacing.values(), (s) => s) !== stepMs) {
    const list = [...spacing].map(([q, s]) => `${q}: ${s / 60_000} min`);
    throw new DataError([
      {
        file: forecast.file,
        message: `the queues have different interval lengths (${list.slice(0, 10).join(", ")}): give every queue the same interval`,
      },
    ]);
  }
  const queues = [...byQueue.keys()];
  for (const r of rows) {
    if (r.ahtSeconds === undefined && flags.aht === undefined) {
      throw new UsageError(`${forecast.file} has no aht_s column: give --aht`);
    }
  }

  // arrival rates per minute: flat within intervals, or shaped by the ads
  let responses: Map<string, AdResponse> | undefined;
  const ads = flags.ads === undefined ? undefined : await readAdsCsv(flags.ads, streams);
  const first = minOf(rows, (r) => r.startMs);
  const last = maxOf(rows, (r) => r.startMs) + stepMs;
  if (last - first > MAX_SIMULATED_DAYS * 86_400_000) {
    throw new DataError([
      {
        file: forecast.file,
        message: `the forecast spans ${Math.round((last - first) / 86_400_000)} days, from ${formatInstant(first, zone)} to ${formatInstant(last, zone)}: simulate at most ${MAX_SIMULATED_DAYS} days at a time`,
      },
    ]);
  }
  if (ads !== undefined && flags.history !== undefined) {
    const history = await readHistoryCsv(flags.history, streams);
    const dayStart = zone.dayStart(zone.dayOf(first));
    try {
      const fit = forecastCalls(history.rows, {
        start: dayStart,
        days: Math.max(1, zone.dayOf(last - 1) - zone.dayOf(first) + 1),
        timeZone: zone.name,
        ads: ads.rows,
      });
      responses = new Map(fit.models.map((m) => [m.queue, m.ads]));
    } catch (error) {
      if (error instanceof DataError) throw locateRows(error, history);
      throw error;
    }
  } else if (ads !== undefined) {
    warn(
      streams.stderr,
      "no --history to fit the ad response: arrivals after spots follow a default response (gamma, mode 4 minutes) sized by the forecast's own bumps",
    );
  }
  const profiles = arrivalProfile(rows, stepMs / 60_000, ads?.rows ?? [], responses);
  const streamOf = (queue: string): CallStream => {
    const list = byQueue.get(queue)!;
    const profile = profiles.find((p) => p.queue === queue)!;
    const aht = series(
      list.map((r) => r.startMs),
      list.map((r) => r.ahtSeconds ?? flags.aht!),
      stepMs,
    );
    return {
      queue,
      rate: { startMs: profile.startMs, stepSeconds: 60, values: profile.rates },
      ahtSeconds: aht,
      ...(flags.patience === undefined ? {} : { patienceSeconds: flags.patience }),
    };
  };

  // agents
  let pools: AgentPool[];
  let poolNames: string[];
  let poolNotes: PoolNote[];
  if (flags.requirements !== undefined) {
    if (flags.shrinkage !== undefined)
      throw new UsageError(
        "--shrinkage applies to --schedule: the agents of --requirements are productive already",
      );
    const file = inputName(flags.requirements);
    const t = parseCsv(await readText(flags.requirements, streams), file);
    const cols = readIntervalColumns(t, file, { callsColumn: "agents" });
    const agentsBy = new Map<string, { starts: number[]; values: number[] }>();
    for (let i = 0; i < cols.calls.length; i++) {
      const a = agentsBy.get(cols.queue[i]!) ?? { starts: [], values: [] };
      a.starts.push(cols.startMs[i]!);
      a.values.push(cols.calls[i]!);
      agentsBy.set(cols.queue[i]!, a);
    }
    for (const q of queues) {
      if (!agentsBy.has(q)) {
        throw new DataError([{ file, message: `no agents for queue "${q}" of the forecast` }]);
      }
    }
    pools = queues.map((q) => {
      const a = agentsBy.get(q)!;
      return {
        streams: [streamOf(q)],
        agents: series(a.starts, a.values, spacingOf(a.starts, file)),
      };
    });
    poolNames = queues;
    poolNotes = queues.map((q) => ({ name: q, queues: [q] }));
  } else {
    const file = inputName(flags.schedule!);
    const json = await readScheduleJson(flags.schedule!, {
      stdin: streams.stdin,
      needs: ["coverage"],
    });
    const fromPlan = flags.shrinkage === undefined ? planShrinkage(flags.schedule!) : undefined;
    const shrinkage = flags.shrinkage ?? fromPlan ?? 0;
    const starts: number[] = [];
    const values: number[] = [];
    for (const c of json.coverage) {
      starts.push(c.startMs);
      // on the phones, as the plan counts them
      values.push(productiveFromScheduled(Math.max(0, Math.round(c.scheduled)), shrinkage));
    }
    pools = [
      { streams: queues.map(streamOf), agents: series(starts, values, spacingOf(starts, file)) },
    ];
    poolNames = ["all"];
    poolNotes = [
      {
        name: "all",
        queues,
        shrinkage,
        shrinkageFrom:
          flags.shrinkage !== undefined
            ? "--shrinkage"
            : fromPlan !== undefined
              ? "the plan's configuration (its largest queue shrinkage)"
              : "default (none)",
      },
    ];
  }

  const report = {
    startMs: first,
    intervalSeconds: stepMs / 1000,
    count: Math.round((last - first) / stepMs),
  };
  const dayStarts: number[] = [];
  for (let d = zone.dayOf(first); d <= zone.dayOf(last - 1); d++) dayStarts.push(zone.dayStart(d));
  const options: SimulationOptions = {
    pools,
    report,
    dayStartsMs: dayStarts,
    handleTime: flags.handleTime,
    handleCv: flags.handleCv,
    slSeconds: flags.slSeconds,
    runs: flags.runs,
    seed: flags.seed,
  };
  let result: SimulationResult;
  let correction: ReturnType<typeof correctStaffing> | undefined;
  try {
    result = simulateQueues(options);
    correction =
      flags.targetSl === undefined ? undefined : correctStaffing(options, flags.targetSl);
  } catch (error) {
    // the work limits: too many calls for the runs asked
    if (error instanceof RangeError)
      throw new DataError([{ file: forecast.file, message: error.message }]);
    throw error;
  }

  if (flags.json === true) {
    streams.stdout.write(
      `${JSON.stringify({
        total: totalJson(result),
        pools: poolNotes,
        intervals: result.intervals
          .filter((x) => x.calls > 0 || x.agents > 0)
          .map((x) => ({
            start: formatInstant(x.startMs, zone),
            queue: x.queue,
            calls: x.calls,
            agents: x.agents,
            serviceLevel: x.serviceLevel,
            asaSeconds: x.asaSeconds,
            abandonRate: x.abandonRate,
            occupancy: x.occupancy,
          })),
        ...(correction === undefined
          ? {}
          : {
              correction: {
                met: correction.met,
                rounds: correction.rounds,
                total: totalJson(correction.result),
                intervals: correction.extra.flatMap((extra, p) =>
                  [...extra].flatMap((n, j) =>
                    n > 0
                      ? [
                          {
                            start: formatInstant(first + j * stepMs, zone),
                            pool: poolNames[p]!,
                            extraAgents: n,
                          },
                        ]
                      : [],
                  ),
                ),
              },
            }),
      })}\n`,
    );
    return;
  }
  writeHuman(result, options, zone, flags, correction, poolNames, poolNotes, streams);
}

function totalJson(r: SimulationResult): Record<string, unknown> {
  return {
    serviceLevel: r.total.serviceLevel,
    serviceLevelCi: r.total.serviceLevelCi,
    asaSeconds: r.total.asaSeconds,
    abandonRate: r.total.abandonRate,
    abandonRateCi: r.total.abandonRateCi,
    occupancy: r.total.occupancy,
  };
}

function writeHuman(
  result: SimulationResult,
  options: SimulationOptions,
  zone: Zone,
  flags: SimulateFlags,
  correction: ReturnType<typeof correctStaffing> | undefined,
  poolNames: readonly string[],
  poolNotes: readonly PoolNote[],
  streams: Streams,
): void {
  const t = result.total;
  const rate = (v: number | null): string => (v === null ? "-" : pct(v));
  const ci = (v: readonly [number, number] | null): string =>
    v === null ? "" : ` (${pct(v[0])} to ${pct(v[1])})`;
  const lines = [
    `Simulated ${result.runs} runs, ${t.calls.toFixed(0)} calls a run`,
    `  service level ${rate(t.serviceLevel)}${ci(t.serviceLevelCi)} within ${flags.slSeconds} s, ASA ${t.asaSeconds === null ? "-" : secs(t.asaSeconds)}`,
    `  abandoned ${rate(t.abandonRate)}${ci(t.abandonRateCi)}, occupancy ${rate(t.occupancy)}`,
    poolNotes.length === 1 && poolNotes[0]!.queues.length > 1
      ? `  one pool of the schedule's agents answers ${poolNotes[0]!.queues.join(", ")} (first come, first served), ` +
        `shrinkage ${pct(poolNotes[0]!.shrinkage ?? 0)} from ${poolNotes[0]!.shrinkageFrom ?? "none"}`
      : `  each queue has its own agents (${poolNotes.map((p) => p.name).join(", ")})`,
    "",
  ];
  // the weakest intervals, next to what Erlang (steady traffic, the same agents) promises
  const intervalSeconds = options.report.intervalSeconds;
  const perQueue = options.pools.every((p) => p.streams.length === 1);
  const rows = result.intervals
    .filter((x) => x.calls > 0 && x.serviceLevel !== null)
    .map((x) => {
      const stream = options.pools.flatMap((p) => p.streams).find((s) => s.queue === x.queue)!;
      const aht =
        typeof stream.ahtSeconds === "number"
          ? stream.ahtSeconds
          : (stream.ahtSeconds.values[
              Math.floor(
                (x.startMs - stream.ahtSeconds.startMs) / (stream.ahtSeconds.stepSeconds * 1000),
              )
            ] ?? 0);
      let erlang: number | null = null;
      if (perQueue && aht > 0 && x.agents >= 1) {
        erlang = evaluateInterval({
          calls: x.calls,
          intervalSeconds,
          ahtSeconds: aht,
          agents: Math.floor(x.agents + 1e-9),
          slSeconds: flags.slSeconds,
          ...(flags.patience === undefined ? {} : { patienceSeconds: flags.patience }),
        }).serviceLevel;
      }
      return { x, erlang };
    });
  const worst = [...rows]
    .sort((a, b) => (a.x.serviceLevel ?? 0) - (b.x.serviceLevel ?? 0))
    .slice(0, 12);
  const head = [
    "interval",
    "queue",
    "calls",
    "agents",
    "simulated SL",
    ...(perQueue ? ["Erlang SL"] : []),
    "abandoned",
  ];
  const body = worst.map(({ x, erlang }) => [
    formatInstant(x.startMs, zone),
    x.queue,
    x.calls.toFixed(1),
    x.agents.toFixed(1),
    rate(x.serviceLevel),
    ...(perQueue ? [erlang === null ? "-" : pct(erlang)] : []),
    rate(x.abandonRate),
  ]);
  lines.push("Lowest simulated service levels:");
  lines.push(
    table(
      [head, ...body],
      head.map((_, i) => i >= 2),
    ),
  );
  if (correction !== undefined) {
    const added = correction.extra.reduce((a, e) => a + e.reduce((s, n) => s + n, 0), 0);
    lines.push("");
    lines.push(
      `To meet ${pct(flags.targetSl!)} in every interval: ${added} agent-intervals more` +
        `${correction.met ? "" : ` (not met after ${correction.rounds} rounds)`}; then ${rate(correction.result.total.serviceLevel)} in total.`,
    );
    const changes: string[][] = [];
    correction.extra.forEach((extra, p) => {
      extra.forEach((n, j) => {
        if (n > 0)
          changes.push([
            formatInstant(options.report.startMs + j * intervalSeconds * 1000, zone),
            poolNames[p]!,
            `+${n}`,
          ]);
      });
    });
    if (changes.length > 0)
      lines.push(
        table([["interval", "agents of", "add"], ...changes.slice(0, 30)], [false, false, true]),
      );
    if (changes.length > 30) lines.push(`  ... and ${changes.length - 30} more`);
  }
  streams.stdout.write(`${lines.join("\n")}\n`);
}
