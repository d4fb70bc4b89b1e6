/**
 * The ad log CSV, `air_time,channel[,queue][,grp][,duration_s][,planned_time]`: TV and radio
 * spots, aired (before the forecast's start, at their aired times) or planned (after it).
 *
 * @module
 */
import { requireColumns } from "../../io/csv.ts";
import { IssueList } from "../../io/errors.ts";
import { parseNumberCell } from "../../io/interval-table.ts";
import type { TableRead } from "../../io/table-read.ts";
import { inRange, rangeText, type Range } from "../../math/range.ts";
import { parseInstant } from "../../time/instant.ts";
import type { AdRow } from "../types.ts";
import { checkName, type ForecastReadOptions } from "./read-input.ts";
import { cellReporter, readInput } from "../../io/read-input.ts";
import { parseCsvIn, type DialectOption, type FormatFields } from "../../io/dialect.ts";

/** The columns of this format and what they hold, for other dialects of CSV. */
const FIELDS: FormatFields = {
  kinds: { air_time: "instant", planned_time: "instant", grp: "number", duration_s: "seconds" },
  keys: ["channel", "queue"],
};

/**
 * The GRPs allowed for one row: gross rating points are percentages of the audience summed
 * over airings, so one spot is at most 100; the bound of 10,000 is a chosen one that refuses
 * what cannot be a GRP (a reach in people, a budget) and leaves room for a row that sums a
 * schedule.
 */
const GRP_RANGE: Range = { min: 0, max: 10_000 };
/** Longest spot, seconds: a chosen bound of a day (spots last seconds, infomercials an hour). */
const MAX_DURATION_SECONDS = 86_400;

/**
 * Parses an ad log: one {@link AdRow} per row, in file order.
 *
 * Required columns: `air_time` (ISO 8601 with an offset) and `channel` (a non-empty safe
 * name). Optional: `queue` (empty: every queue), `grp` (0 to 10,000; empty: unknown),
 * `duration_s` (above 0, at most 86,400) and `planned_time` (ISO 8601, when the log knows both
 * the planned and the aired time).
 *
 * @param file - the name used in messages (default `<input>`)
 * @throws DataError naming file, line, column and field of each bad cell (up to 20), or the
 *   missing columns
 * @example
 * const ads = parseAdsCsv("air_time,channel,grp\n2025-01-13T20:15:00Z,TV1,2.5\n");
 * ads.rows[0]; // => { airMs: 1736799300000, channel: "TV1", grp: 2.5 }
 */
export function parseAdsCsv(
  text: string,
  file = "<input>",
  options: DialectOption = {},
): TableRead<AdRow> {
  const table = parseCsvIn(text, file, FIELDS, options.dialect);
  const [iAir, iChannel] = requireColumns(table, file, ["air_time", "channel"]) as [number, number];
  const [iQueue, iGrp, iDuration, iPlanned] = ["queue", "grp", "duration_s", "planned_time"].map(
    (name) => table.column(name),
  ) as [number, number, number, number];
  const issues = new IssueList();
  const rows: AdRow[] = [];
  for (let r = 0; r < table.length; r++) {
    const bad = cellReporter(table, file, r, issues);
    const air = parseInstant(table.cell(r, iAir));
    if (typeof air === "string") bad(iAir, "air_time", air);
    const channel = table.cell(r, iChannel);
    if (channel === "") bad(iChannel, "channel", "expected a channel name");
    else checkName(channel, iChannel, "channel", bad);
    let grp: number | undefined;
    if (iGrp >= 0 && table.cell(r, iGrp) !== "") {
      grp = parseNumberCell(table.cell(r, iGrp));
      if (grp === undefined || !inRange(grp, GRP_RANGE))
        bad(iGrp, "grp", `expected a number ${rangeText(GRP_RANGE)}`);
    }
    let duration: number | undefined;
    if (iDuration >= 0 && table.cell(r, iDuration) !== "") {
      duration = parseNumberCell(table.cell(r, iDuration));
      if (duration === undefined || !(duration > 0 && duration <= MAX_DURATION_SECONDS)) {
        bad(
          iDuration,
          "duration_s",
          `expected a number of seconds above 0, at most ${MAX_DURATION_SECONDS}`,
        );
      }
    }
    let planned: number | string | undefined;
    if (iPlanned >= 0 && table.cell(r, iPlanned) !== "") {
      planned = parseInstant(table.cell(r, iPlanned));
      if (typeof planned === "string") bad(iPlanned, "planned_time", planned);
    }
    const queue = iQueue >= 0 ? table.cell(r, iQueue) : "";
    if (queue !== "") checkName(queue, iQueue, "queue", bad);
    if (issues.size > 0) continue;
    rows.push({
      airMs: air as number,
      channel,
      ...(queue === "" ? {} : { queue }),
      ...(grp === undefined ? {} : { grp }),
      ...(duration === undefined ? {} : { durationSeconds: duration }),
      ...(typeof planned === "number" ? { plannedMs: planned } : {}),
    });
  }
  issues.throwIfAny(file);
  return { file, table, rows, warnings: [] };
}

/**
 * Reads an ad log from a path (`-`: stdin); see {@link parseAdsCsv}.
 *
 * @throws NoInputError when the file cannot be read; DataError for bad content
 * @example
 * const ads = await readAdsCsv("ads.csv");
 * forecastCalls(history.rows, { start, days: 7, ads: ads.rows });
 */
export async function readAdsCsv(
  path: string,
  options: ForecastReadOptions = {},
): Promise<TableRead<AdRow>> {
  const { text, file } = await readInput(path, options);
  return parseAdsCsv(text, file, options);
}
