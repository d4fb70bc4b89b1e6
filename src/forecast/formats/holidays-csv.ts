/**
 * The holidays CSV, `date[,name]`: special days of the local calendar. Occurrences with the
 * same name (every year's "Christmas") are matched with each other.
 *
 * @module
 */
import { requireColumns } from "../../io/csv.ts";
import { IssueList } from "../../io/errors.ts";
import type { TableRead } from "../../io/table-read.ts";
import { parseDay } from "../../time/zone.ts";
import type { Holiday } from "../types.ts";
import { type ForecastReadOptions } from "./read-input.ts";
import { cellReporter, readInput } from "../../io/read-input.ts";
import { parseCsvIn, type DialectOption, type FormatFields } from "../../io/dialect.ts";

/** The columns of this format and what they hold, for other dialects of CSV. */
const FIELDS: FormatFields = { kinds: {} };

/**
 * Parses a holidays file: one {@link Holiday} per row, in file order.
 *
 * Required column: `date` (a calendar date, YYYY-MM-DD). Optional: `name` (empty: none).
 *
 * @param file - the name used in messages (default `<input>`)
 * @throws DataError naming file, line, column and field of each bad date (up to 20), or the
 *   missing column
 * @example
 * parseHolidaysCsv("date,name\n2025-12-25,Christmas\n").rows; // => [{ date: "2025-12-25", name: "Christmas" }]
 */
export function parseHolidaysCsv(
  text: string,
  file = "<input>",
  options: DialectOption = {},
): TableRead<Holiday> {
  const table = parseCsvIn(text, file, FIELDS, options.dialect);
  const [iDate] = requireColumns(table, file, ["date"]) as [number];
  const iName = table.column("name");
  const issues = new IssueList();
  const rows: Holiday[] = [];
  for (let r = 0; r < table.length; r++) {
    const date = table.cell(r, iDate);
    const day = parseDay(date);
    if (typeof day === "string") {
      cellReporter(table, file, r, issues)(iDate, "date", day);
      continue;
    }
    const name = iName >= 0 ? table.cell(r, iName) : "";
    rows.push({ date, ...(name === "" ? {} : { name }) });
  }
  issues.throwIfAny(file);
  return { file, table, rows, warnings: [] };
}

/**
 * Reads a holidays file from a path (`-`: stdin); see {@link parseHolidaysCsv}.
 *
 * @throws NoInputError when the file cannot be read; DataError for bad content
 * @example
 * const holidays = await readHolidaysCsv("holidays.csv");
 * forecastCalls(history.rows, { start, days: 7, holidays: holidays.rows });
 */
export async function readHolidaysCsv(
  path: string,
  options: ForecastReadOptions = {},
): Promise<TableRead<Holiday>> {
  const { text, file } = await readInput(path, options);
  return parseHolidaysCsv(text, file, options);
}
