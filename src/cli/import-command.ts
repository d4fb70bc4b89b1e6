/**
 * `staffcast import`: ACD exports (interval actuals of Amazon Connect, Genesys Cloud, Avaya CMS
 * or any CSV mapped with the dialect flags; agent-event feeds of Amazon Connect, Genesys Cloud
 * and Twilio) converted into staffcast's canonical CSVs, so people can inspect and fix what
 * was read before forecasting or measuring adherence with it.
 */
import { Option, type Command } from "commander";
import {
  ACTUALS_COLUMNS,
  ACTUALS_FORMATS,
  ACTUALS_PRESETS,
  formatActualsCsv,
  mergeActualsReads,
  parseActualsExport,
  type ActualsFormat,
  type ActualsRow,
} from "../actuals/index.ts";
import {
  formatStateEventsCsv,
  parseVendorEvents,
  type StateEvent,
  type VendorEventFormat,
} from "../adherence/index.ts";
import { DataError, UsageError, type DataIssue } from "../io/errors.ts";
import { inputName, readText, writeTextAtomic, type Streams } from "../io/files.ts";
import { mergeReads } from "../io/merge-reads.ts";
import type { TableRead } from "../io/table-read.ts";
import { formatInstantUtc } from "../time/instant.ts";
import { addDialectFlags, dialectFor, type DialectFlags } from "./dialect-flags.ts";
import { zoneFlag } from "./time-flags.ts";

/** The event-feed formats, as `--format` names them, and the vendor reader of each. */
const EVENT_FORMATS: Readonly<Record<string, VendorEventFormat>> = {
  "amazon-connect-events": "amazon-connect",
  "genesys-cloud-events": "genesys-cloud",
  "twilio-events": "twilio",
};

interface ImportFlags extends DialectFlags {
  format: string;
  tz?: string;
  out: string;
}

/** Registers the command. */
export function registerImport(program: Command, streams: Streams): void {
  const cmd = program
    .command("import")
    .summary("convert ACD exports into staffcast's canonical CSVs")
    .description(
      "Reads interval exports (one file per day or queue, concatenated) and writes the actuals " +
        `CSV (${ACTUALS_COLUMNS.join(",")}), ` +
        "sorted by start then queue; or agent-event feeds (NDJSON) and writes the events CSV " +
        "(agent_id,time,state,reason,event_id), sorted by time then agent. A row that two files " +
        "both hold is an error naming both.",
    )
    .argument("<files...>", "exports to read (- for stdin)")
    .addOption(
      new Option("--format <preset>", "what the files are")
        .choices([...ACTUALS_FORMATS, ...Object.keys(EVENT_FORMATS)])
        .default("staffcast"),
    );
  addDialectFlags(cmd, ["file"])
    .option("--tz <zone>", "IANA zone of clock times (avaya-cms, --local-times; default UTC)")
    .option("--out <csv>", "output CSV, or - for stdout", "-")
    .addHelpText(
      "after",
      `
Examples:
  $ staffcast import --format amazon-connect connect-*.csv --out actuals.csv
  $ staffcast import --format avaya-cms --tz America/New_York hsplit.csv --out actuals.csv
  $ staffcast import --columns start=Interval,queue=Queue,calls=Offered,offered=Offered \\
      --local-times --tz Asia/Shanghai export.csv --out actuals.csv
  $ staffcast import --format twilio-events taskrouter.ndjson --out events.csv`,
    )
    .action(async (files: string[], flags: ImportFlags) => {
      await runImport(files, flags, streams);
    });
}

/** Runs `read` on every file, collecting the data problems of all of them. */
async function readAll<T>(
  files: readonly string[],
  streams: Streams,
  read: (text: string, file: string) => T | Promise<T>,
): Promise<T[]> {
  if (files.filter((f) => f === "-").length > 1)
    throw new UsageError("stdin (-) can be read only once");
  const out: T[] = [];
  const issues: DataIssue[] = [];
  for (const path of files) {
    const text = await readText(path, streams);
    try {
      out.push(await read(text, inputName(path)));
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      for (const issue of error.issues) issues.push(issue);
    }
  }
  if (issues.length > 0) throw new DataError(issues);
  return out;
}

async function runImport(files: string[], flags: ImportFlags, streams: Streams): Promise<void> {
  const zone = zoneFlag(flags.tz, streams.stderr);
  const dialect = dialectFor(flags, "file", ["file"], zone.name);
  const vendor = EVENT_FORMATS[flags.format];
  if (vendor !== undefined) {
    if (dialect !== undefined)
      throw new UsageError(
        `--format ${flags.format} reads NDJSON feeds: --delimiter, --columns, --local-times, --time-format and --decimal-comma are for CSV exports`,
      );
    const reads = await readAll(files, streams, (text, file) =>
      parseVendorEvents(text, vendor, file),
    );
    const events = mergeReads<StateEvent>(
      reads.map((r) => ({ file: r.file, rows: r.rows, line: (i) => r.rows[i]!.line ?? 0 })),
      {
        key: (e) => `${e.agentId}\u0000${e.timeMs}\u0000${e.state}`,
        compare: (a, b) =>
          a.timeMs - b.timeMs || (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0),
        describe: (e) => `agent "${e.agentId}" ${e.state} at ${formatInstantUtc(e.timeMs)}`,
      },
    );
    await writeTextAtomic(flags.out, formatStateEventsCsv(events), streams);
    return;
  }
  const format = flags.format as ActualsFormat;
  const preset = ACTUALS_PRESETS[format];
  if (preset !== undefined) {
    if ((flags.columns ?? []).length > 0 || (flags.timeFormat ?? []).length > 0)
      throw new UsageError(
        `--format ${format} knows its columns and times: --columns and --time-format are for --format staffcast`,
      );
    if (preset.needsTimeZone && flags.tz === undefined)
      throw new UsageError(
        `--format ${format}: its times are the switch's local clock: give --tz, e.g. --tz America/New_York`,
      );
  }
  const reads = await readAll<TableRead<ActualsRow>>(files, streams, (text, file) =>
    parseActualsExport(text, file, {
      format,
      timeZone: zone.name,
      ...(dialect === undefined ? {} : { dialect }),
    }),
  );
  await writeTextAtomic(flags.out, formatActualsCsv(mergeActualsReads(reads)), streams);
}
