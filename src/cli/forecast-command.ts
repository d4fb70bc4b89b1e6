/**
 * `staffcast forecast`: calls per queue and interval, with the response to planned ad spots.
 */
import type { Command } from "commander";
import {
  forecastCalls,
  forecastCsvChunks,
  readOverridesCsv,
  type ForecastOptions,
  type ForecastResult,
} from "../forecast/index.ts";
import { DataError, UsageError } from "../io/errors.ts";
import { writeChunksAtomic, type Streams } from "../io/files.ts";
import { locateRows } from "../io/table-read.ts";
import { atLeastOne, duration } from "./flags.ts";
import { warn } from "./format.ts";
import { MODEL_INPUTS, modelReadOptions, readModelFiles } from "./model-files.ts";
import { addDialectFlags, type DialectFlags } from "./dialect-flags.ts";
import { instantFlag, minutesFlag, zoneFlag } from "./time-flags.ts";

interface ForecastFlags extends DialectFlags {
  history: string;
  ads?: string;
  start: string;
  days: number;
  interval?: number;
  tz?: string;
  holidays?: string;
  overrides?: string;
  actualsUntil?: string;
  out: string;
}

/** Registers the command. */
export function registerForecast(program: Command, streams: Streams): void {
  const command = program
    .command("forecast")
    .summary("calls per queue and interval, with the response to planned TV/radio spots")
    .description(
      "Learns the weekly and intraday pattern, the daily level and calendar effects from the " +
        "history, and each channel's response to ad spots from the ad log (rows before --start " +
        "as aired, rows after it as planned), then forecasts every queue for --days local days " +
        "from --start with p10 and p90.\n\nHistory rules: a day with no rows is missing; within a " +
        "day with rows an interval without a row had 0 calls. An ad row without a queue applies " +
        "to every queue.",
    )
    .requiredOption("--history <csv>", "history CSV: start,queue,calls[,aht_s] (- for stdin)")
    .option("--ads <csv>", "ad log: air_time,channel[,queue][,grp][,duration_s]")
    .requiredOption("--start <datetime>", "first interval, ISO-8601 (a date means local midnight)")
    .requiredOption("--days <n>", "local calendar days to forecast (at most 366)", atLeastOne(366))
    .option(
      "--interval <dur>",
      "output interval (default: the history's), e.g. 15m, 30m, 1h",
      duration,
    )
    .option("--tz <zone>", "IANA time zone of the local calendar and of the output (default UTC)")
    .option("--holidays <csv>", "special days: date[,name]")
    .option("--overrides <csv>", "planner adjustments: start,end[,queue],factor|calls")
    .option(
      "--actuals-until <datetime>",
      "reforecast today from the history's rows between --start and this instant",
    )
    .option("--out <csv>", "output CSV, or - for stdout", "-");
  addDialectFlags(command, MODEL_INPUTS)
    .addHelpText(
      "after",
      `
Output columns: start,queue,calls,calls_p10,calls_p90[,aht_s] (aht_s when the history has it).

Examples:
  $ staffcast forecast --history history.csv --ads ads.csv --start 2025-01-13T00:00:00Z --days 7 --out forecast.csv
  $ staffcast forecast --history history.csv --start 2025-03-31 --days 7 --tz Europe/Berlin --interval 30m
  $ staffcast forecast --history history.csv --ads ads.csv --start 2025-01-13 --days 1 --actuals-until 2025-01-13T12:00:00Z`,
    )
    .action(async (flags: ForecastFlags) => {
      await runForecast(flags, streams);
    });
}

async function runForecast(flags: ForecastFlags, streams: Streams): Promise<void> {
  const zone = zoneFlag(flags.tz, streams.stderr);
  const start = instantFlag("--start", flags.start, zone);
  const actualsUntil =
    flags.actualsUntil === undefined
      ? undefined
      : instantFlag("--actuals-until", flags.actualsUntil, zone);
  const intervalMinutes = minutesFlag(flags.interval);

  const { history, inputs } = await readModelFiles(flags, streams, zone.name);
  const overrides =
    flags.overrides === undefined
      ? undefined
      : await readOverridesCsv(
          flags.overrides,
          modelReadOptions(flags, "overrides", streams, zone.name),
        );

  const options: ForecastOptions = {
    start,
    days: flags.days,
    timeZone: zone.name,
    ...(intervalMinutes === undefined ? {} : { intervalMinutes }),
    ...inputs,
    ...(overrides === undefined ? {} : { overrides: overrides.rows }),
    ...(actualsUntil === undefined ? {} : { actualsUntil }),
  };
  let result: ForecastResult;
  try {
    result = forecastCalls(history.rows, options);
  } catch (error) {
    if (error instanceof DataError) throw locateRows(error, history);
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
  for (const w of result.warnings) {
    warn(streams.stderr, w);
  }
  await writeChunksAtomic(flags.out, forecastCsvChunks(result), streams);
}
