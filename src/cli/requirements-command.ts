/**
 * `staffcast requirements`: agents per interval and queue for a whole forecast CSV.
 */
import type { Command } from "commander";
import {
  computeRequirementTableParallel,
  parseForecastColumnsCsv,
  requirementsCsvChunks,
  type RequirementTable,
} from "../erlang/index.ts";
import { locateRows } from "../io/table-read.ts";
import { DataError, UsageError } from "../io/errors.ts";
import { inputName, readText, writeChunksAtomic, type Streams } from "../io/files.ts";
import { STAFFING_LIMITS } from "../erlang/limits.ts";
import { atLeastOne, duration, inside } from "./flags.ts";
import { addDialectFlags, readOptionsFor, type DialectFlags } from "./dialect-flags.ts";
import { zoneFlag } from "./time-flags.ts";
import { addStaffingOptions, policyFromFlags, type StaffingFlags } from "./staffing-options.ts";
import { checkRoutedRequirementFlags, runRoutedRequirements } from "./requirements-routing.ts";

interface RequirementsFlags extends StaffingFlags, DialectFlags {
  routing?: string;
  queueOut?: string;
  tz?: string;
  forecast: string;
  interval?: number;
  callsColumn: string;
  minAgents?: number;
  aht?: number;
  threads?: number;
  out: string;
}

/** Registers the command. */
export function registerRequirements(program: Command, streams: Streams): void {
  const cmd = program
    .command("requirements")
    .summary("agents needed per interval and queue for a forecast CSV")
    .description(
      "Reads interval rows (start,queue,calls[,aht_s][,shrinkage]) and adds the staffing " +
        "requirement of each row. Other columns pass through unchanged; one output row per " +
        "input row, same order.\n\nWhen shifts place breaks themselves (staffcast schedule), " +
        "leave breaks out of --shrinkage.",
    )
    .requiredOption("--forecast <csv>", "forecast CSV, or - for stdin")
    .option("--routing <json>", "queues, priorities and skill groups: agents per group")
    .option("--queue-out <csv>", "with --routing: each queue's service at the staffing found")
    .option(
      "--interval <dur>",
      "interval length (default: spacing of the start times per queue)",
      duration,
    )
    .option("--calls-column <name>", "column to staff for, e.g. calls_p90", "calls")
    .option(
      "--min-agents <n>",
      "floor of productive agents for intervals with calls > 0",
      inside(STAFFING_LIMITS.agents, { integer: true }),
    )
    .option(
      "--aht <s>",
      "AHT in seconds for rows without an aht_s value",
      inside(STAFFING_LIMITS.ahtSeconds),
    )
    .option(
      "--threads <n>",
      "threads for big forecasts (default: all cores; the same numbers with any count)",
      atLeastOne(256),
    );
  addDialectFlags(addStaffingOptions(cmd), ["forecast"])
    .option("--tz <zone>", "IANA zone of clock times read with --local-times (default UTC)")
    .option("--out <csv>", "output CSV, or - for stdout", "-")
    .addHelpText(
      "after",
      `
Examples:
  $ staffcast requirements --forecast forecast.csv --aht 240 --sl 0.8 --sl-seconds 20 --shrinkage 0.3 --out req.csv
  $ staffcast requirements --forecast forecast.csv --calls-column calls_p90 --patience 90 --max-abandon 0.05
  $ cat forecast.csv | staffcast requirements --forecast - --aht 180 > req.csv
  $ staffcast requirements --routing routing.json --forecast forecast.csv --out groups.csv --queue-out queues.csv

With --routing: start,group,agents,scheduled_agents per interval and group, and with
--queue-out start,queue,calls,rejected,service_level,asa_s,abandon_rate,method.`,
    )
    .action(async (flags: RequirementsFlags, command: Command) => {
      if (flags.routing !== undefined)
        checkRoutedRequirementFlags((name) => command.getOptionValueSource(name) === "cli");
      else if (flags.queueOut !== undefined) throw new UsageError("--queue-out needs --routing");
      await runRequirements(flags, streams);
    });
}

/** A hint naming the flag that fixes an engine issue, by its code. */
function hintFor(code: string | undefined, hasColumn: boolean): string {
  if (code === "no-aht")
    return hasColumn ? ": fill aht_s or pass --aht" : ": pass --aht or add an aht_s column";
  if (code === "interval-single" || code === "interval-irregular") return ": pass --interval";
  if (code === "interval-overlap") return ": check --interval";
  return "";
}

async function runRequirements(flags: RequirementsFlags, streams: Streams): Promise<void> {
  const policy = policyFromFlags(flags, flags.minAgents);
  const read = parseForecastColumnsCsv(
    await readText(flags.forecast, streams),
    inputName(flags.forecast),
    {
      callsColumn: flags.callsColumn,
      ...readOptionsFor(flags, "forecast", ["forecast"], zoneFlag(flags.tz).name),
    },
  );
  if (flags.routing !== undefined) {
    await runRoutedRequirements(flags, read, zoneFlag(flags.tz), streams);
    return;
  }
  let results: RequirementTable;
  try {
    results = await computeRequirementTableParallel(
      read.columns,
      {
        ...policy,
        ...(flags.interval === undefined ? {} : { intervalSeconds: flags.interval }),
        ...(flags.aht === undefined ? {} : { ahtSeconds: flags.aht }),
      },
      flags.threads === undefined ? {} : { threads: flags.threads },
    );
  } catch (error) {
    if (error instanceof DataError) {
      // the engine names rows by index and the calls column "calls": place them in the file
      const renamed = new DataError(
        error.issues.map((i) => (i.field === "calls" ? { ...i, field: read.callsColumn } : i)),
      );
      throw new DataError(
        locateRows(renamed, read).issues.map((i, k) => ({
          ...i,
          message:
            i.message + hintFor(error.issues[k]?.code, read.table.column(i.field ?? "") >= 0),
        })),
      );
    }
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
  await writeChunksAtomic(flags.out, requirementsCsvChunks(read.table, results), streams);
}
