/**
 * The staffing engine's input file: a forecast CSV (`start,queue,calls[,aht_s][,shrinkage]`,
 * other columns kept for pass-through) read into columns, the shape
 * {@link computeRequirementTable} takes for a million rows without an object per row.
 *
 * @module
 */
import { type CsvTable } from "../../io/csv.ts";
import { readInput, type ReadOptions } from "../../io/read-input.ts";
import { readIntervalColumns, type IntervalColumns } from "../../io/interval-table.ts";
import { parseCsvIn, type FormatFields } from "../../io/dialect.ts";

/** The columns of this format and what they hold, for other dialects of CSV. */
const FIELDS: FormatFields = {
  kinds: {
    start: "instant",
    calls: "number",
    calls_p10: "number",
    calls_p90: "number",
    aht_s: "seconds",
    shrinkage: "fraction",
  },
  keys: ["queue"],
};

/** A forecast CSV read into columns, with the table it came from. */
export interface ForecastColumnsRead {
  /** The input's name in messages. */
  readonly file: string;
  /** The parsed table: its header and cells are written back by {@link requirementsCsvChunks}. */
  readonly table: CsvTable;
  /** The validated columns: queue, startMs, calls, ahtSeconds and shrinkage (NaN = empty). */
  readonly columns: IntervalColumns;
  /** The column the calls were read from. */
  readonly callsColumn: string;
}

/** Options of {@link parseForecastColumnsCsv}. */
export interface ForecastColumnsOptions extends ReadOptions {
  /** The column of calls to staff for (default `calls`), e.g. `calls_p90`. */
  readonly callsColumn?: string;
}

/**
 * Parses a forecast CSV into columns.
 *
 * Required columns: `start` (ISO-8601 with an offset) and the calls column (0 to 1e7); optional
 * `queue`, `aht_s` (1 to 86,400 s, empty = the default AHT) and `shrinkage` (0 to 0.99).
 *
 * @param file - the name used in messages
 * @throws DataError naming file, line, column and field of each bad cell (up to 20)
 * @example
 * const read = parseForecastColumnsCsv("start,calls\n2025-01-06T08:00Z,120\n", "f.csv");
 * computeRequirementTable(read.columns, { intervalSeconds: 1800, ahtSeconds: 180 });
 */
export function parseForecastColumnsCsv(
  text: string,
  file = "<input>",
  options: ForecastColumnsOptions = {},
): ForecastColumnsRead {
  const callsColumn = options.callsColumn ?? "calls";
  const table = parseCsvIn(text, file, FIELDS, options.dialect);
  return { file, table, columns: readIntervalColumns(table, file, { callsColumn }), callsColumn };
}

/**
 * Reads a forecast CSV (a path, or `-` for stdin) into columns; see
 * {@link parseForecastColumnsCsv}.
 *
 * @throws NoInputError when the file cannot be read; DataError for bad content
 * @example
 * const read = await readForecastColumnsCsv("forecast.csv", { callsColumn: "calls_p90" });
 */
export async function readForecastColumnsCsv(
  path: string,
  options: ForecastColumnsOptions = {},
): Promise<ForecastColumnsRead> {
  const { text, file } = await readInput(path, options);
  return parseForecastColumnsCsv(text, file, options);
}
