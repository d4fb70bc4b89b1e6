/**
 * `staffcast simulate`: discrete-event simulation of a forecast against agents per interval (a
 * requirements CSV, one pool per queue) or a schedule (one pool of cross-trained agents, breaks
 * included), to see where interval-by-interval Erlang staffing falls short around spikes.
 */
import type { Command } from "commander";
import { Option } from "commander";
import {
  correctStaffing,
  formatSimulationJson,
  simulateQueues,
  type SimulationResult,
  type StaffingCorrection,
} from "../erlang/index.ts";
import { readAdsCsv, readForecastCsv, type AdResponse } from "../forecast/index.ts";
import { DataError, UsageError } from "../io/errors.ts";
import type { Streams } from "../io/files.ts";
import { minOf } from "../math/extent.ts";
import { STAFFING_LIMITS } from "../erlang/limits.ts";
import { planSimulation } from "../plan/simulation.ts";
import { atLeastOne, count, inside, serviceLevelFraction, shrinkageFraction } from "./flags.ts";
import { warn } from "./format.ts";
import { writeSimulationReport } from "./simulate-report.ts";
import { checkRoutingFlags, runRoutedSimulate } from "./simulate-routing.ts";
import { zoneFlag } from "./time-flags.ts";
import { addDialectFlags, type DialectFlags } from "./dialect-flags.ts";
import { fitResponses, readAs, readStaffing, SIMULATE_INPUTS } from "./simulate-inputs.ts";

/** The flags of `simulate`. */
export interface SimulateFlags extends DialectFlags {
  routing?: string;
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

/** Registers `simulate`. */
export function registerSimulate(program: Command, streams: Streams): void {
  const command = program
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
    .option("--routing <json>", "queues, priorities and skill groups: agents per group")
    .option("--requirements <csv>", "agents per interval: start,queue,agents (start,group,agents)")
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
    .option("--json", "print the result JSON");
  addDialectFlags(command, SIMULATE_INPUTS)
    .addHelpText(
      "after",
      `
JSON: { total: { serviceLevel, serviceLevelCi, asaSeconds, abandonRate, abandonRateCi, occupancy
[, queues: { <name>: { calls, serviceLevel, serviceLevelCi, asaSeconds, abandonRate, abandonRateCi,
rejected } }, groups: { <name>: { occupancy } }] },
pools: [{ name, queues, shrinkage?, shrinkageFrom? }],
intervals: [{ start, queue, calls, agents, serviceLevel, asaSeconds, abandonRate, occupancy }] }
(...Ci: [low, high], 95 % across runs); with --routing, instead of pools and intervals:
intervals: [{ start, queue, calls, serviceLevel, asaSeconds, abandonRate }],
groupIntervals: [{ start, group, agents, occupancy }]; with --target-sl also
correction: { met, rounds, total, intervals: [{ start, pool, extraAgents }] }.

Examples:
  $ staffcast simulate --requirements requirements.csv --forecast forecast.csv --patience 120
  $ staffcast simulate --schedule schedule.json --forecast forecast.csv --ads ads.csv --history history.csv --json
  $ staffcast simulate --requirements requirements.csv --forecast forecast.csv --ads ads.csv --target-sl 0.8
  $ staffcast simulate --routing routing.json --requirements groups.csv --forecast forecast.csv --json`,
    )
    .action(async (flags: SimulateFlags, cmd: Command) => {
      if (flags.routing !== undefined)
        checkRoutingFlags((name) => cmd.getOptionValueSource(name) === "cli");
      await runSimulate(flags, streams);
    });
}

async function runSimulate(flags: SimulateFlags, streams: Streams): Promise<void> {
  if ((flags.requirements === undefined) === (flags.schedule === undefined)) {
    throw new UsageError("give either --requirements or --schedule");
  }
  const zone = zoneFlag(flags.tz, streams.stderr);
  const forecast = await readForecastCsv(flags.forecast, readAs(flags, "forecast", streams));
  const noAht = flags.routing === undefined && flags.aht === undefined;
  if (noAht && forecast.rows.some((r) => r.ahtSeconds === undefined)) {
    throw new UsageError(`${forecast.file} has no aht_s column: give --aht`);
  }
  const ads =
    flags.ads === undefined
      ? undefined
      : await readAdsCsv(flags.ads, readAs(flags, "ads", streams));
  let responses: Map<string, AdResponse> | undefined;
  if (ads !== undefined && flags.history !== undefined && forecast.rows.length > 0) {
    const first = minOf(forecast.rows, (r) => r.startMs);
    responses = await fitResponses(flags, streams, ads, first, zone);
  } else if (ads !== undefined) {
    warn(
      streams.stderr,
      "no --history to fit the ad response: arrivals after spots follow a default response (gamma, mode 4 minutes) sized by the forecast's own bumps",
    );
  }
  if (flags.routing !== undefined) {
    const requirementsRead = readAs(flags, "requirements", streams);
    const extra = { ...(ads && { ads: ads.rows }), ...(responses && { responses }) };
    await runRoutedSimulate(flags, streams, { forecast, zone, requirementsRead, ...extra });
    return;
  }
  const { options, pools } = planSimulation({
    forecast,
    ...(flags.aht === undefined ? {} : { ahtSeconds: flags.aht }),
    ...(flags.patience === undefined ? {} : { patienceSeconds: flags.patience }),
    ...(ads === undefined ? {} : { ads: ads.rows }),
    ...(responses === undefined ? {} : { responses }),
    staffing: await readStaffing(flags, streams),
    zone,
    simulation: {
      handleTime: flags.handleTime,
      handleCv: flags.handleCv,
      slSeconds: flags.slSeconds,
      runs: flags.runs,
      seed: flags.seed,
    },
  });
  let result: SimulationResult;
  let correction: StaffingCorrection | undefined;
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
    streams.stdout.write(formatSimulationJson(result, options, pools, zone, correction));
    return;
  }
  writeSimulationReport(result, options, zone, flags, correction, pools, streams);
}
