/**
 * `staffcast kpi`: answer, abandon and service-level rates, ASA, AHT and occupancy per queue
 * and interval, local day or week, from an actuals CSV.
 */
import { Option, type Command } from "commander";
import {
  comparePlan,
  computeKpis,
  formatKpiCsv,
  KPI_PERIODS,
  kpiJson,
  kpiPlanJson,
  readActualsCsv,
  readKpiPlanFolder,
  type ActualsRow,
  type KpiPeriod,
  type KpiPlanResult,
  type KpiResult,
} from "../actuals/index.ts";
import { DataError, UsageError } from "../io/errors.ts";
import { writeTextAtomic, type Streams } from "../io/files.ts";
import { renderKpiReport } from "../report/index.ts";
import { locateRows, type TableRead } from "../io/table-read.ts";
import { addDialectFlags, readOptionsFor, type DialectFlags } from "./dialect-flags.ts";
import { secondsUpToADay } from "./flags.ts";
import { warn } from "./format.ts";
import { kpiTable, planTable } from "./kpi-table.ts";
import { zoneFlag } from "./time-flags.ts";

interface KpiFlags extends DialectFlags {
  actuals: string;
  by: KpiPeriod;
  slSeconds?: number;
  tz?: string;
  json?: boolean;
  out?: string;
  plan?: string;
  html?: string;
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
    .option("--out <csv>", "write the KPI CSV here (- for stdout)")
    .option("--html <file>", "write a self-contained HTML page: charts and tables")
    .option(
      "--plan <dir>",
      "a plan folder (staffcast plan --out): forecast error, planned staffing, missed targets",
    );
  addDialectFlags(command, ["actuals"])
    .addHelpText(
      "after",
      `
CSV columns: queue,start,intervals,offered,handled,abandoned,answered_in_sl,answer_rate,
abandon_rate,service_level,service_level_definition,sl_seconds,asa_s,aht_s,occupancy
(rates as fractions, unrounded, empty where not defined). Without --json or --out: a table.
With --plan, JSON adds plan: { accuracy: [{ queue, start, intervals, forecast, actual, wape,
bias }], intervals: [{ start, required, staffed, units }], missed: [{ queue, start, offered,
serviceLevel, target, slSeconds }] } (the CSV stays the KPIs).

Examples:
  $ staffcast kpi --actuals actuals.csv --by day --tz Europe/Berlin
  $ staffcast kpi --actuals actuals.csv --by interval --out kpi.csv
  $ staffcast kpi --actuals actuals.csv --by week --tz America/Chicago --json
  $ staffcast kpi --actuals actuals.csv --plan plan --tz Europe/Berlin --json
  $ staffcast kpi --actuals actuals.csv --plan plan --by interval --html kpi.html --out kpi.csv`,
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
  if (flags.out === "-" && flags.json === true)
    throw new UsageError("--out - and --json would both write to stdout");
  const zone = zoneFlag(flags.tz, streams.stderr);
  const read = await readActualsCsv(
    flags.actuals,
    readOptionsFor(flags, "actuals", ["actuals"], zone.name, streams.stdin),
  );
  for (const w of read.warnings) warn(streams.stderr, w);
  checkThreshold(read, flags.slSeconds);
  const options = {
    timeZone: zone.name,
    ...(flags.slSeconds === undefined ? {} : { slSeconds: flags.slSeconds }),
  };
  const plan = flags.plan === undefined ? undefined : await readKpiPlanFolder(flags.plan);
  let result: KpiResult;
  let compared: KpiPlanResult | undefined;
  try {
    result = computeKpis(read.rows, { by: flags.by, ...options });
    if (plan !== undefined) compared = comparePlan(read.rows, plan, options);
  } catch (error) {
    if (error instanceof DataError) throw locateRows(error, read);
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
  for (const w of [...result.warnings, ...(compared?.warnings ?? [])]) warn(streams.stderr, w);
  if (flags.out !== undefined) await writeTextAtomic(flags.out, formatKpiCsv(result), streams);
  if (flags.html !== undefined) {
    const page = renderKpiReport({
      kpis: result,
      ...(compared === undefined ? {} : { plan: compared }),
      ...(plan === undefined ? {} : { targets: plan.targets }),
    });
    await writeTextAtomic(flags.html, page, streams);
  }
  if (flags.json === true) {
    const json = {
      ...kpiJson(result),
      ...(compared === undefined ? {} : { plan: kpiPlanJson(compared) }),
    };
    streams.stdout.write(`${JSON.stringify(json)}\n`);
  }
  if (flags.out === undefined && flags.json !== true) {
    const tty = streams.stdout as { isTTY?: boolean };
    streams.stdout.write(kpiTable(result, zone, tty));
    if (compared !== undefined) streams.stdout.write(planTable(compared, zone, tty));
  }
}
