/**
 * `staffcast kpi`: answer, abandon and service-level rates, ASA, AHT and occupancy per queue
 * and interval, local day or week, from an actuals CSV.
 */
import { Option, type Command } from "commander";
import {
  computeKpis,
  formatKpiCsv,
  KPI_PERIODS,
  kpiJson,
  readActualsCsv,
  type ActualsRow,
  type KpiPeriod,
  type KpiResult,
} from "../actuals/index.ts";
import { DataError, UsageError } from "../io/errors.ts";
import { writeTextAtomic, type Streams } from "../io/files.ts";
import { locateRows, type TableRead } from "../io/table-read.ts";
import { formatInstant, type Zone } from "../time/zone.ts";
import { addDialectFlags, readOptionsFor, type DialectFlags } from "./dialect-flags.ts";
import { secondsUpToADay } from "./flags.ts";
import { pct, secs, style, table, warn } from "./format.ts";
import { zoneFlag } from "./time-flags.ts";

interface KpiFlags extends DialectFlags {
  actuals: string;
  by: KpiPeriod;
  slSeconds?: number;
  tz?: string;
  json?: boolean;
  out?: string;
}

/** Registers the command. */
export function registerKpi(program: Command, streams: Streams): void {
  const command = program
    .command("kpi")
    .summary("answer, abandon and service-level rates, ASA, AHT, occupancy from actuals")
    .description(
      "Reads an actuals CSV (start,queue,offered,handled,abandoned,answered_in_sl,sl_seconds," +
        "asa_s,aht_s,talk_s,acw_s,available_s; any may be empty) and reports per queue and " +
        "period: counts, answer_rate = handled / offered, abandon_rate = abandoned / offered, " +
        "service_level = answered_in_sl / offered (answered_in_sl as the source counted it), " +
        "ASA and AHT weighted by handled calls, occupancy = (talk + acw) / (talk + acw + " +
        "available).\n\nA rate is empty (null in JSON) when its denominator is 0 or a cell it " +
        "needs is missing; counts add up the intervals that report them.",
    )
    .requiredOption("--actuals <csv>", "actuals CSV, or - for stdin")
    .addOption(
      new Option("--by <period>", "period of each row; weeks start on Monday")
        .choices(KPI_PERIODS)
        .default("day"),
    )
    .option(
      "--sl-seconds <s>",
      "threshold answered_in_sl was counted at, for rows without sl_seconds " +
        "(default: the file's sl_seconds, else 20); refused when the file says otherwise",
      secondsUpToADay,
    )
    .option("--tz <zone>", "IANA time zone of days, weeks and printed times (default UTC)")
    .option("--json", "print one JSON object: { by, rows }")
    .option("--out <csv>", "write the KPI CSV here (- for stdout)");
  addDialectFlags(command, ["actuals"])
    .addHelpText(
      "after",
      `
CSV columns: queue,start,intervals,offered,handled,abandoned,answered_in_sl,answer_rate,
abandon_rate,service_level,service_level_definition,sl_seconds,asa_s,aht_s,occupancy
(rates as fractions, unrounded, empty where not defined). Without --json or --out: a table.

Examples:
  $ staffcast kpi --actuals actuals.csv --by day --tz Europe/Berlin
  $ staffcast kpi --actuals actuals.csv --by interval --out kpi.csv
  $ staffcast kpi --actuals actuals.csv --by week --tz America/Chicago --json`,
    )
    .action(async (flags: KpiFlags) => {
      await runKpi(flags, streams);
    });
}

/**
 * The first row whose stated threshold contradicts --sl-seconds, as a usage error located in
 * the file: the vendor counted answered_in_sl at its own threshold.
 */
function checkThreshold(read: TableRead<ActualsRow>, slSeconds: number | undefined): void {
  if (slSeconds === undefined) return;
  const i = read.rows.findIndex((r) => r.slSeconds !== undefined && r.slSeconds !== slSeconds);
  if (i < 0) return;
  const column = read.table.column("sl_seconds") + 1;
  throw new UsageError(
    `--sl-seconds ${slSeconds}: ${read.file}:${read.table.line(i)}:${column}: sl_seconds is ` +
      `${read.rows[i]!.slSeconds}: the source counted answered_in_sl at its own threshold and ` +
      "the counts cannot be recounted at another; leave out --sl-seconds",
  );
}

async function runKpi(flags: KpiFlags, streams: Streams): Promise<void> {
  const zone = zoneFlag(flags.tz, streams.stderr);
  const read = await readActualsCsv(
    flags.actuals,
    readOptionsFor(flags, "actuals", ["actuals"], zone.name, streams.stdin),
  );
  for (const w of read.warnings) warn(streams.stderr, w);
  checkThreshold(read, flags.slSeconds);
  let result: KpiResult;
  try {
    result = computeKpis(read.rows, {
      by: flags.by,
      timeZone: zone.name,
      ...(flags.slSeconds === undefined ? {} : { slSeconds: flags.slSeconds }),
    });
  } catch (error) {
    if (error instanceof DataError) throw locateRows(error, read);
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
  for (const w of result.warnings) warn(streams.stderr, w);
  if (flags.out !== undefined) await writeTextAtomic(flags.out, formatKpiCsv(result), streams);
  if (flags.json === true) streams.stdout.write(`${JSON.stringify(kpiJson(result))}\n`);
  if (flags.out === undefined && flags.json !== true)
    streams.stdout.write(kpiTable(result, zone, streams.stdout as { isTTY?: boolean }));
}

/** The KPIs for people: one line per queue and period, rates in percent. */
function kpiTable(result: KpiResult, zone: Zone, out: { isTTY?: boolean }): string {
  const f = (v: number | null, show: (v: number) => string): string => (v === null ? "-" : show(v));
  const count = (v: number | null): string => f(v, String);
  const when = (ms: number): string => {
    const text = formatInstant(ms, zone).replace("T", " ");
    return result.by === "interval" ? text.slice(0, 16) : text.slice(0, 10);
  };
  const header = [
    "queue",
    result.by === "interval" ? "start" : result.by,
    "offered",
    "handled",
    "abandoned",
    "answered",
    "abandon",
    "SL",
    "ASA",
    "AHT",
    "occupancy",
  ];
  const rows = result.rows.map((r) => [
    r.queue,
    when(r.startMs),
    count(r.offered),
    count(r.handled),
    count(r.abandoned),
    f(r.answerRate, (v) => pct(v)),
    f(r.abandonRate, (v) => pct(v)),
    r.serviceLevel === null || r.slSeconds === null
      ? "-"
      : `${pct(r.serviceLevel)} in ${r.slSeconds} s`,
    f(r.asaSeconds, secs),
    f(r.ahtSeconds, secs),
    f(r.occupancy, (v) => pct(v)),
  ]);
  const title = style(
    "bold",
    `KPIs per ${result.by} (${result.timeZone}); SL = answered_in_sl / offered as the source counted it`,
    out,
  );
  const body =
    rows.length === 0
      ? "(no rows)"
      : table(
          [header, ...rows],
          header.map((_, i) => i > 1),
        );
  return `${title}\n\n${body}\n`;
}
