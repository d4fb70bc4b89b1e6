/**
 * `staffcast requirements`: agents per interval and queue for a whole forecast CSV.
 */
import type { Command } from "commander";
import { computeRequirementTableParallel, type RequirementTable } from "../erlang/index.ts";
import { csvCell, parseCsv } from "../io/csv.ts";
import { DataError, UsageError } from "../io/errors.ts";
import { inputName, readText, writeChunksAtomic, type Streams } from "../io/files.ts";
import { readIntervalColumns } from "../io/interval-table.ts";
import { STAFFING_LIMITS } from "../erlang/limits.ts";
import { atLeastOne, duration, inside } from "./flags.ts";
import { REQUIREMENT_COLUMNS, requirementCells } from "./requirement-cells.ts";
import { addStaffingOptions, policyFromFlags, type StaffingFlags } from "./staffing-options.ts";

interface RequirementsFlags extends StaffingFlags {
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
  addStaffingOptions(cmd)
    .option("--out <csv>", "output CSV, or - for stdout", "-")
    .addHelpText(
      "after",
      `
Examples:
  $ staffcast requirements --forecast forecast.csv --aht 240 --sl 0.8 --sl-seconds 20 --shrinkage 0.3 --out req.csv
  $ staffcast requirements --forecast forecast.csv --calls-column calls_p90 --patience 90 --max-abandon 0.05
  $ cat forecast.csv | staffcast requirements --forecast - --aht 180 > req.csv`,
    )
    .action(async (flags: RequirementsFlags) => {
      await runRequirements(flags, streams);
    });
}

async function runRequirements(flags: RequirementsFlags, streams: Streams): Promise<void> {
  const policy = policyFromFlags(flags, flags.minAgents);
  const file = inputName(flags.forecast);
  const text = await readText(flags.forecast, streams);
  const table = parseCsv(text, file);
  const columns = readIntervalColumns(table, file, { callsColumn: flags.callsColumn });

  let results: RequirementTable;
  try {
    results = await computeRequirementTableParallel(
      columns,
      {
        ...policy,
        ...(flags.interval === undefined ? {} : { intervalSeconds: flags.interval }),
        ...(flags.aht === undefined ? {} : { ahtSeconds: flags.aht }),
      },
      flags.threads === undefined ? {} : { threads: flags.threads },
    );
  } catch (error) {
    if (error instanceof DataError) {
      // Rows are located by index: give them their file, line and column.
      throw new DataError(
        error.issues.map((issue) => {
          const line = issue.row === undefined ? undefined : table.line(issue.row);
          const field = issue.field === "calls" ? flags.callsColumn : issue.field;
          const col = field === undefined ? -1 : table.header.indexOf(field);
          const hint =
            issue.code === "no-aht"
              ? col < 0
                ? ": pass --aht or add an aht_s column"
                : ": fill aht_s or pass --aht"
              : issue.code === "interval-single" || issue.code === "interval-irregular"
                ? ": pass --interval"
                : issue.code === "interval-overlap"
                  ? ": check --interval"
                  : "";
          return {
            ...issue, // the count of a "... and N more" summary stays
            file,
            ...(line === undefined ? {} : { line }),
            ...(col >= 0 ? { column: col + 1 } : {}),
            ...(field === undefined ? {} : { field }),
            ...(col >= 0 && line !== undefined ? { value: table.cell(issue.row!, col) } : {}),
            message: issue.message + hint,
          };
        }),
      );
    }
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }

  // Pass input columns through, except those this command writes afresh.
  const added = new Set<string>(REQUIREMENT_COLUMNS);
  const keep: number[] = [];
  table.header.forEach((name, i) => {
    if (!added.has(name)) keep.push(i);
  });
  const header = [...keep.map((i) => table.header[i]!), ...REQUIREMENT_COLUMNS];
  function* lines(): Generator<string> {
    const lineList: string[] = [header.map(csvCell).join(",")];
    for (let r = 0; r < results.length; r++) {
      let line = "";
      for (const i of keep) line += `${csvCell(table.cell(r, i))},`;
      lineList.push(line + requirementCells(results, r));
      // Small chunks: their strings die young instead of being promoted and traced again.
      if (lineList.length >= 1024) {
        yield `${lineList.join("\n")}\n`;
        lineList.length = 0;
      }
    }
    if (lineList.length > 0) yield `${lineList.join("\n")}\n`;
  }
  await writeChunksAtomic(flags.out, lines(), streams);
}
