/**
 * `staffcast backtest`: rolling-origin accuracy of the forecast against the usual baselines.
 */
import type { Command } from "commander";
import { backtest, type BacktestResult } from "../forecast/index.ts";
import { DataError, UsageError } from "../io/errors.ts";
import type { Streams } from "../io/files.ts";
import { atLeastOne, duration } from "./flags.ts";
import { readModelFiles } from "./model-files.ts";
import { addDialectFlags, type DialectFlags } from "./dialect-flags.ts";
import { minutesFlag, zoneFlag } from "./time-flags.ts";
import { locateRows } from "../io/table-read.ts";
import { pct, style, table } from "./format.ts";
import { progressBar } from "./progress.ts";

interface BacktestFlags extends DialectFlags {
  history: string;
  ads?: string;
  origins: number;
  days: number;
  interval?: number;
  tz?: string;
  holidays?: string;
  json?: boolean;
}

/** Registers the command. */
export function registerBacktest(program: Command, streams: Streams): void {
  const command = program
    .command("backtest")
    .summary("rolling-origin accuracy of the forecast against seasonal naive and 4-week average")
    .description(
      "For each of the last --origins days with data, refits on the history before it, forecasts " +
        "--days operating days (h = 1 is the origin day itself) and scores each horizon: WAPE, " +
        "MASE (scaled by the in-sample weekly seasonal naive), bias, error at the daily peak " +
        "interval, WAPE in the 2 hours after each planned spot, and p10-p90 coverage.",
    )
    .requiredOption("--history <csv>", "history CSV: start,queue,calls[,aht_s] (- for stdin)")
    .option("--ads <csv>", "ad log: air_time,channel[,queue][,grp][,duration_s][,planned_time]")
    .requiredOption(
      "--origins <n>",
      "number of origins (the last n days with data), at most 366",
      atLeastOne(366),
    )
    .requiredOption("--days <h>", "horizons 1..h, in operating days, at most 31", atLeastOne(31))
    .option("--interval <dur>", "scoring interval (default: the history's)", duration)
    .option("--tz <zone>", "IANA time zone of the local calendar (default UTC)")
    .option("--holidays <csv>", "special days: date[,name]")
    .option("--json", "print one JSON object");
  addDialectFlags(command, ["history", "ads", "holidays"])
    .addHelpText(
      "after",
      `
JSON: { origins, days, interval (seconds), models: [{ name, horizons: [{ h, wape, mase, bias,
peakApe, postAdWape, coverage }] }] }, rates as fractions, null where not defined.

Examples:
  $ staffcast backtest --history history.csv --origins 20 --days 5 --interval 30m
  $ staffcast backtest --history history.csv --ads ads.csv --origins 20 --days 1 --json`,
    )
    .action(async (flags: BacktestFlags) => {
      await runBacktest(flags, streams);
    });
}

async function runBacktest(flags: BacktestFlags, streams: Streams): Promise<void> {
  const zone = zoneFlag(flags.tz, streams.stderr);
  const intervalMinutes = minutesFlag(flags.interval);
  const { history, inputs } = await readModelFiles(flags, streams, zone.name);
  const err = streams.stderr;
  const bar = progressBar(err, err.isTTY === true && flags.json !== true);
  let result: BacktestResult;
  try {
    result = backtest(history.rows, {
      origins: flags.origins,
      days: flags.days,
      timeZone: zone.name,
      ...(intervalMinutes === undefined ? {} : { intervalMinutes }),
      ...inputs,
      onProgress: (done: number, total: number) => {
        bar.update(done, total, "origins");
        if (done === total) bar.clear();
      },
    });
  } catch (error) {
    bar.clear();
    if (error instanceof DataError) throw locateRows(error, history);
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
  if (flags.json === true) {
    streams.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const out = streams.stdout as { write(s: string): unknown; isTTY?: boolean };
  const f = (v: number | null): string => (v === null ? "-" : pct(v, 2));
  const lines: string[] = [
    style(
      "bold",
      `Backtest: ${result.origins} origins, horizons 1-${result.days} operating days, ${result.interval / 60}-minute intervals`,
      out,
    ),
    "",
  ];
  const header = ["model", "h", "WAPE", "MASE", "bias", "peak APE", "post-ad WAPE", "p10-p90"];
  const rows: string[][] = [header];
  for (const m of result.models) {
    for (const h of m.horizons) {
      rows.push([
        h.h === 1 ? m.name : "",
        String(h.h),
        f(h.wape),
        h.mase === null ? "-" : h.mase.toFixed(2),
        f(h.bias),
        f(h.peakApe),
        f(h.postAdWape),
        f(h.coverage),
      ]);
    }
  }
  lines.push(
    table(
      rows,
      header.map((_, i) => i > 0),
    ),
  );
  streams.stdout.write(`${lines.join("\n")}\n`);
}
