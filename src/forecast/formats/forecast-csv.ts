/**
 * The forecast CSV, `start,queue,calls,calls_p10,calls_p90[,aht_s]`: what `staffcast forecast`
 * (and `staffcast plan`) write, and what `staffcast requirements` and `staffcast simulate` read.
 * Instants are written in the forecast's time zone (local time with its offset), numbers
 * unrounded.
 *
 * @module
 */
import { csvCell, csvNumber } from "../../io/csv.ts";
import { IssueList } from "../../io/errors.ts";
import { INTERVAL_LIMITS, parseNumberCell, readIntervalColumns } from "../../io/interval-table.ts";
import type { TableRead } from "../../io/table-read.ts";
import { inRange, rangeText } from "../../math/range.ts";
import { formatInstant } from "../../time/zone.ts";
import type { ForecastResult } from "../types.ts";
import { type ForecastReadOptions } from "./read-input.ts";
import { cellReporter, readInput } from "../../io/read-input.ts";
import { parseCsvIn, type DialectOption, type FormatFields } from "../../io/dialect.ts";

/** The columns of this format and what they hold, for other dialects of CSV. */
const FIELDS: FormatFields = {
  kinds: {
    start: "instant",
    calls: "number",
    calls_p10: "number",
    calls_p90: "number",
    aht_s: "seconds",
  },
  keys: ["queue"],
};

/** One row of a forecast CSV: a `ForecastRow` whose percentiles may be absent. */
export interface ForecastCsvRow {
  readonly queue: string;
  /** Interval start, epoch ms. */
  readonly startMs: number;
  /** Expected calls. */
  readonly calls: number;
  /** 10th and 90th percentiles of the count, when the file has them. */
  readonly p10?: number;
  readonly p90?: number;
  /** Expected AHT, seconds, when the file has it. */
  readonly ahtSeconds?: number;
}

/** The percentile columns and the row fields they go to. */
const PERCENTILES = [
  ["calls_p10", "p10"],
  ["calls_p90", "p90"],
] as const;

/**
 * Parses a forecast CSV: one {@link ForecastCsvRow} per row, in file order.
 *
 * Required columns: `start` (ISO 8601 with an offset or Z) and `calls` (0 to 1e7). Optional:
 * `queue` (a safe name), `calls_p10` and `calls_p90` (0 to 1e7), `aht_s` (1 to 86,400 seconds;
 * empty: unknown). Other columns are ignored, except that a `shrinkage` column must hold
 * fractions from 0 to 0.99 (staffcast's interval tables share their checks).
 *
 * @param file - the name used in messages (default `<input>`)
 * @throws DataError naming file, line, column and field of each bad cell (up to 20), or the
 *   missing columns
 * @example
 * const forecast = parseForecastCsv(
 *   "start,queue,calls,calls_p10,calls_p90\n2025-01-13T08:00:00+01:00,orders,40.2,32,49\n",
 * );
 * forecast.rows[0]; // => { queue: "orders", startMs: 1736751600000, calls: 40.2, p10: 32, p90: 49 }
 */
export function parseForecastCsv(
  text: string,
  file = "<input>",
  options: DialectOption = {},
): TableRead<ForecastCsvRow> {
  const table = parseCsvIn(text, file, FIELDS, options.dialect);
  const columns = readIntervalColumns(table, file);
  const issues = new IssueList();
  const percentiles = PERCENTILES.map(([name, field]) => ({
    name,
    field,
    column: table.column(name),
    values: new Float64Array(table.length),
  }));
  for (let r = 0; r < table.length; r++) {
    const bad = cellReporter(table, file, r, issues);
    for (const p of percentiles) {
      if (p.column < 0) continue;
      const value = parseNumberCell(table.cell(r, p.column));
      if (value === undefined || !inRange(value, INTERVAL_LIMITS.calls))
        bad(p.column, p.name, `expected a number ${rangeText(INTERVAL_LIMITS.calls)}`);
      else p.values[r] = value;
    }
  }
  issues.throwIfAny(file);
  const rows: ForecastCsvRow[] = [];
  for (let r = 0; r < table.length; r++) {
    const aht = columns.ahtSeconds[r]!;
    const row: { -readonly [K in keyof ForecastCsvRow]: ForecastCsvRow[K] } = {
      queue: columns.queue[r]!,
      startMs: columns.startMs[r]!,
      calls: columns.calls[r]!,
    };
    for (const p of percentiles) if (p.column >= 0) row[p.field] = p.values[r]!;
    if (!Number.isNaN(aht)) row.ahtSeconds = aht;
    rows.push(row);
  }
  return { file, table, rows, warnings: [] };
}

/**
 * Reads a forecast CSV from a path (`-`: stdin); see {@link parseForecastCsv}.
 *
 * @throws NoInputError when the file cannot be read; DataError for bad content
 * @example
 * const forecast = await readForecastCsv("forecast.csv");
 * forecast.rows.filter((r) => r.queue === "orders");
 */
export async function readForecastCsv(
  path: string,
  options: ForecastReadOptions = {},
): Promise<TableRead<ForecastCsvRow>> {
  const { text, file } = await readInput(path, options);
  return parseForecastCsv(text, file, options);
}

/** Lines per yielded chunk: small strings die young instead of being traced by the collector. */
const LINES_PER_CHUNK = 1024;

/**
 * A forecast number as CSV text. A forecast is never written with an empty number (the
 * requirements would refuse it): a value that is not finite is a bug, reported as such.
 */
function finiteCell(value: number, column: string): string {
  if (!Number.isFinite(value))
    throw new Error(`the forecast's ${column} is ${value}, not a finite number`);
  return csvNumber(value);
}

/**
 * The forecast CSV of a result, `start,queue,calls,calls_p10,calls_p90[,aht_s]` (`aht_s` when
 * any row has an AHT), in chunks of 1,024 lines: a year of 15-minute intervals for many
 * queues never has to be one string.
 *
 * @throws Error when a number is not finite (a bug: the forecast never writes an empty number)
 * @example
 * await writeFile("forecast.csv", forecastCsvChunks(forecastCalls(history, options)));
 */
export function* forecastCsvChunks(result: ForecastResult): Generator<string> {
  const withAht = result.rows.some((r) => r.ahtSeconds !== undefined);
  const out: string[] = [`start,queue,calls,calls_p10,calls_p90${withAht ? ",aht_s" : ""}`];
  for (const r of result.rows) {
    const cells = [
      formatInstant(r.startMs, result.zone),
      csvCell(r.queue),
      finiteCell(r.calls, "calls"),
      finiteCell(r.p10, "calls_p10"),
      finiteCell(r.p90, "calls_p90"),
    ];
    if (withAht) cells.push(r.ahtSeconds === undefined ? "" : finiteCell(r.ahtSeconds, "aht_s"));
    out.push(cells.join(","));
    if (out.length >= LINES_PER_CHUNK) {
      yield `${out.join("\n")}\n`;
      out.length = 0;
    }
  }
  if (out.length > 0) yield `${out.join("\n")}\n`;
}

/**
 * The forecast CSV of a result as one string; see {@link forecastCsvChunks}.
 *
 * @throws Error when a number is not finite (a bug)
 * @example
 * formatForecastCsv(forecastCalls(history, { start: Date.UTC(2025, 0, 13), days: 1 }));
 * // => "start,queue,calls,calls_p10,calls_p90\n2025-01-13T00:00:00Z,,0,0,0\n..."
 */
export function formatForecastCsv(result: ForecastResult): string {
  return [...forecastCsvChunks(result)].join("");
}
