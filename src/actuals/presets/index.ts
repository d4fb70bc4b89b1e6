/**
 * Vendor exports of interval actuals read as staffcast's canonical actuals: the presets of
 * `staffcast import --format`, and several exports merged into one sorted table.
 *
 * @module
 */
import { mergeReads } from "../../io/merge-reads.ts";
import type { TableRead } from "../../io/table-read.ts";
import { formatInstantUtc } from "../../time/instant.ts";
import { parseActualsCsv, type ActualsRow } from "../formats/actuals-csv.ts";
import { AMAZON_CONNECT_PRESET } from "./amazon-connect.ts";
import { AVAYA_CMS_PRESET } from "./avaya-cms.ts";
import { GENESYS_CLOUD_PRESET } from "./genesys-cloud.ts";
import { readWithPreset, type ActualsPreset, type PresetReadOptions } from "./preset.ts";

export { AMAZON_CONNECT_PRESET } from "./amazon-connect.ts";
export { AVAYA_CMS_PRESET } from "./avaya-cms.ts";
export { GENESYS_CLOUD_PRESET } from "./genesys-cloud.ts";
export type { ActualsPreset, PresetCells, PresetReadOptions } from "./preset.ts";

/** The vendor presets, by `--format` name. */
export const ACTUALS_PRESETS: Readonly<Record<string, ActualsPreset>> = {
  "amazon-connect": AMAZON_CONNECT_PRESET,
  "genesys-cloud": GENESYS_CLOUD_PRESET,
  "avaya-cms": AVAYA_CMS_PRESET,
};

/** The formats {@link parseActualsExport} reads: staffcast's own and the vendor presets. */
export const ACTUALS_FORMATS = [
  "staffcast",
  "amazon-connect",
  "genesys-cloud",
  "avaya-cms",
] as const;

/** An actuals export format. */
export type ActualsFormat = (typeof ACTUALS_FORMATS)[number];

/** Options of {@link parseActualsExport}. */
export interface ActualsExportOptions extends PresetReadOptions {
  /** The export's format (default `staffcast`: the actuals CSV, in `dialect`). */
  readonly format?: ActualsFormat;
}

/**
 * Parses an ACD export of interval actuals into canonical rows: a vendor preset's columns
 * read as they are, or (`staffcast`) the actuals CSV in any dialect (mapped columns, local
 * times, `h:mm:ss`, decimal commas).
 *
 * @param file - the name used in messages
 * @throws DataError naming the missing columns (and the file's), or the file, line, column and
 *   field of each bad cell
 * @throws RangeError for `avaya-cms` without `timeZone`
 * @example
 * const read = parseActualsExport(text, "hsplit.csv", { format: "avaya-cms", timeZone: "America/New_York" });
 * formatActualsCsv(read.rows);
 */
export function parseActualsExport(
  text: string,
  file: string,
  options: ActualsExportOptions = {},
): TableRead<ActualsRow> {
  const format = options.format ?? "staffcast";
  if (format === "staffcast") {
    const dialect =
      options.dialect === undefined && options.timeZone === undefined
        ? undefined
        : {
            ...options.dialect,
            ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
          };
    return parseActualsCsv(text, file, dialect === undefined ? {} : { dialect });
  }
  const preset = ACTUALS_PRESETS[format];
  if (preset === undefined) throw new RangeError(`unknown actuals format "${format}"`);
  return readWithPreset(preset, text, file, options);
}

/**
 * The rows of several actuals reads (one export per day or per queue) as one table sorted by
 * start, then queue.
 *
 * @throws DataError for a queue and start read twice (in one file or two), naming both places
 * @example
 * const rows = mergeActualsReads([monday, tuesday]);
 * formatActualsCsv(rows);
 */
export function mergeActualsReads(reads: readonly TableRead<ActualsRow>[]): ActualsRow[] {
  return mergeReads(
    reads.map((read) => ({ file: read.file, rows: read.rows, line: (i) => read.table.line(i) })),
    {
      key: (r) => `${r.startMs}\u0000${r.queue}`,
      compare: (a, b) =>
        a.startMs - b.startMs || (a.queue < b.queue ? -1 : a.queue > b.queue ? 1 : 0),
      describe: (r) => `queue "${r.queue}" at ${formatInstantUtc(r.startMs)}`,
      withinInput: true,
    },
  );
}
