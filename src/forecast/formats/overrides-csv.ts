/**
 * The overrides CSV, `start,end[,queue],factor|calls`: a planner's adjustments on top of the
 * model, over [start, end): multiply the forecast by a factor, or set the span's total calls.
 *
 * @module
 */
import { missingColumns } from "../../io/csv.ts";
import { IssueList } from "../../io/errors.ts";
import { INTERVAL_LIMITS, parseNumberCell } from "../../io/interval-table.ts";
import type { TableRead } from "../../io/table-read.ts";
import { inRange, rangeText, type Range } from "../../math/range.ts";
import { parseInstant } from "../../time/instant.ts";
import type { Override } from "../types.ts";
import { checkName, type ForecastReadOptions } from "./read-input.ts";
import { cellReporter, readInput } from "../../io/read-input.ts";
import { parseCsvIn, type DialectOption, type FormatFields } from "../../io/dialect.ts";

/** The columns of this format and what they hold, for other dialects of CSV. */
const FIELDS: FormatFields = {
  kinds: { start: "instant", end: "instant", factor: "number", calls: "number" },
  keys: ["queue"],
};

/**
 * The factors allowed: a chosen bound, a hundredfold being past any real event; a larger one
 * is most likely a percentage typed as a factor (120 for 1.2).
 */
const FACTOR_RANGE: Range = { min: 0, max: 100 };
/** The calls of one override's span: the range of an interval table's calls. */
const CALLS_RANGE = INTERVAL_LIMITS.calls;

/**
 * Parses an overrides file: one {@link Override} per row, in file order.
 *
 * Required columns: `start` and `end` (ISO 8601 with an offset, end after start) and a `factor`
 * or a `calls` column; each row gives a factor (0 to 100) or calls (0 to 1e7), not both.
 * Optional: `queue` (empty: every queue).
 *
 * @param file - the name used in messages (default `<input>`)
 * @throws DataError naming file, line, column and field of each bad cell (up to 20), or the
 *   missing columns
 * @example
 * const overrides = parseOverridesCsv(
 *   "start,end,factor\n2025-01-13T09:00:00Z,2025-01-13T12:00:00Z,1.2\n",
 * );
 * overrides.rows[0].factor; // => 1.2
 */
export function parseOverridesCsv(
  text: string,
  file = "<input>",
  options: DialectOption = {},
): TableRead<Override> {
  const table = parseCsvIn(text, file, FIELDS, options.dialect);
  const issues = new IssueList();
  for (const issue of missingColumns(table, file, ["start", "end"])) issues.add(issue);
  const [iStart, iEnd, iQueue, iFactor, iCalls] = ["start", "end", "queue", "factor", "calls"].map(
    (name) => table.column(name),
  ) as [number, number, number, number, number];
  if (iFactor < 0 && iCalls < 0) {
    issues.add({
      file,
      line: 1,
      message: `expected a "factor" or a "calls" column (columns: ${table.header.join(",")})`,
    });
  }
  issues.throwIfAny(file);
  const rows: Override[] = [];
  for (let r = 0; r < table.length; r++) {
    const bad = cellReporter(table, file, r, issues);
    const start = parseInstant(table.cell(r, iStart));
    if (typeof start === "string") bad(iStart, "start", start);
    const end = parseInstant(table.cell(r, iEnd));
    if (typeof end === "string") bad(iEnd, "end", end);
    else if (typeof start === "number" && end <= start) bad(iEnd, "end", "must be after start");
    const factorText = iFactor >= 0 ? table.cell(r, iFactor) : "";
    const callsText = iCalls >= 0 ? table.cell(r, iCalls) : "";
    let factor: number | undefined;
    let calls: number | undefined;
    if (factorText !== "" && callsText !== "") {
      bad(iFactor, "factor", "give a factor or calls, not both");
    } else if (factorText !== "") {
      factor = parseNumberCell(factorText);
      if (factor === undefined || !inRange(factor, FACTOR_RANGE))
        bad(iFactor, "factor", `expected a number ${rangeText(FACTOR_RANGE)}`);
    } else if (callsText !== "") {
      calls = parseNumberCell(callsText);
      if (calls === undefined || !inRange(calls, CALLS_RANGE))
        bad(iCalls, "calls", `expected a number ${rangeText(CALLS_RANGE)}`);
    } else if (iFactor >= 0) bad(iFactor, "factor", "expected a factor or calls");
    else bad(iCalls, "calls", "expected a factor or calls");
    const queue = iQueue >= 0 ? table.cell(r, iQueue) : "";
    if (queue !== "") checkName(queue, iQueue, "queue", bad);
    if (issues.size > 0) continue;
    rows.push({
      startMs: start as number,
      endMs: end as number,
      ...(queue === "" ? {} : { queue }),
      ...(factor === undefined ? {} : { factor }),
      ...(calls === undefined ? {} : { calls }),
    });
  }
  issues.throwIfAny(file);
  return { file, table, rows, warnings: [] };
}

/**
 * Reads an overrides file from a path (`-`: stdin); see {@link parseOverridesCsv}.
 *
 * @throws NoInputError when the file cannot be read; DataError for bad content
 * @example
 * const overrides = await readOverridesCsv("overrides.csv");
 * forecastCalls(history.rows, { start, days: 7, overrides: overrides.rows });
 */
export async function readOverridesCsv(
  path: string,
  options: ForecastReadOptions = {},
): Promise<TableRead<Override>> {
  const { text, file } = await readInput(path, options);
  return parseOverridesCsv(text, file, options);
}
