/**
 * The history CSV, `start,queue,calls[,aht_s]`: calls offered per queue and interval (and their
 * average handle time), what `staffcast forecast` and `staffcast backtest` learn from.
 *
 * @module
 */
import { readIntervalColumns } from "../../io/interval-table.ts";
import type { TableRead } from "../../io/table-read.ts";
import type { HistoryInterval } from "../types.ts";
import { type ForecastReadOptions } from "./read-input.ts";
import { readInput } from "../../io/read-input.ts";
import { parseCsvIn, type DialectOption, type FormatFields } from "../../io/dialect.ts";

/** The columns of this format and what they hold, for other dialects of CSV. */
const FIELDS: FormatFields = {
  kinds: { start: "instant", calls: "number", aht_s: "seconds" },
  keys: ["queue"],
};

/**
 * Parses a history CSV: one {@link HistoryInterval} per row, in file order.
 *
 * Required columns: `start` (ISO 8601 with an offset or Z) and `calls` (0 to 1e7; empty or `-`:
 * no data, read as NaN: the interval is unknown, never taken as 0); optional
 * `queue` (a safe name; absent: one unnamed queue) and `aht_s` (1 to 86,400 seconds; empty:
 * unknown). Other columns are ignored, except that a `shrinkage` column must hold fractions
 * from 0 to 0.99 (staffcast's interval tables share their checks).
 *
 * @param file - the name used in messages (default `<input>`)
 * @throws DataError naming file, line, column and field of each bad cell (up to 20), or the
 *   missing columns
 * @example
 * const history = parseHistoryCsv("start,queue,calls\n2025-01-06T08:00:00Z,orders,12\n");
 * history.rows[0]; // => { queue: "orders", startMs: 1736150400000, calls: 12 }
 */
export function parseHistoryCsv(
  text: string,
  file = "<input>",
  options: DialectOption = {},
): TableRead<HistoryInterval> {
  const table = parseCsvIn(text, file, FIELDS, options.dialect);
  const columns = readIntervalColumns(table, file, { missingCalls: true });
  const rows: HistoryInterval[] = [];
  for (let i = 0; i < columns.calls.length; i++) {
    const aht = columns.ahtSeconds[i]!;
    rows.push({
      queue: columns.queue[i]!,
      startMs: columns.startMs[i]!,
      calls: columns.calls[i]!,
      ...(Number.isNaN(aht) ? {} : { ahtSeconds: aht }),
    });
  }
  return { file, table, rows, warnings: [] };
}

/**
 * Reads a history CSV from a path (`-`: stdin); see {@link parseHistoryCsv}.
 *
 * @throws NoInputError when the file cannot be read; DataError for bad content
 * @example
 * const history = await readHistoryCsv("history.csv");
 * const forecast = forecastCalls(history.rows, { start: Date.UTC(2025, 0, 13), days: 7 });
 */
export async function readHistoryCsv(
  path: string,
  options: ForecastReadOptions = {},
): Promise<TableRead<HistoryInterval>> {
  const { text, file } = await readInput(path, options);
  return parseHistoryCsv(text, file, options);
}
