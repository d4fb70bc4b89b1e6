/**
 * The actuals CSV: what happened per queue and interval, as an ACD reports it, in staffcast's
 * canonical columns (what `staffcast import` writes and `staffcast kpi` reads; `staffcast
 * forecast` reads it as a history, using `start`, `queue`, `calls` and `aht_s`):
 *
 * `start,queue,calls,aht_s,offered,handled,abandoned,answered_in_sl,sl_seconds,asa_s,talk_s,acw_s,staffed_s,available_s`
 *
 * `calls` = offered; `aht_s` = (talk + hold + after-call work) per handled call; `asa_s` = mean
 * wait of answered calls, as the vendors report it (staffcast's Erlang ASA averages over all
 * offered calls); `talk_s`, `acw_s`, `staffed_s`, `available_s` are interval totals in seconds.
 * An empty cell (or `-`) is "no data", never 0.
 *
 * @module
 */
import { csvCell, csvNumber, requireColumns } from "../../io/csv.ts";
import { parseCsvIn, type FormatFields } from "../../io/dialect.ts";
import { IssueList } from "../../io/errors.ts";
import { identifierProblem } from "../../io/identifiers.ts";
import { parseNumberCell } from "../../io/interval-table.ts";
import { cellReporter, readInput, type ReadOptions } from "../../io/read-input.ts";
import type { TableRead } from "../../io/table-read.ts";
import { formatInstantUtc, parseInstant } from "../../time/instant.ts";
import { formatInstant, type Zone } from "../../time/zone.ts";

/** The columns of the actuals CSV, in order. */
export const ACTUALS_COLUMNS = [
  "start",
  "queue",
  "calls",
  "aht_s",
  "offered",
  "handled",
  "abandoned",
  "answered_in_sl",
  "sl_seconds",
  "asa_s",
  "talk_s",
  "acw_s",
  "staffed_s",
  "available_s",
] as const;

/** One queue over one interval, as reported; undefined where the source has no data. */
export interface ActualsRow {
  /** Interval start, epoch ms. */
  readonly startMs: number;
  readonly queue: string;
  /** Calls offered (= `offered`). */
  readonly calls?: number;
  /** Average handle time of handled calls, seconds. */
  readonly ahtSeconds?: number;
  readonly offered?: number;
  readonly handled?: number;
  readonly abandoned?: number;
  /** Calls that met the service-level threshold, as the vendor counts them. */
  readonly answeredInSl?: number;
  /** The service-level threshold the vendor counted against, seconds. */
  readonly slSeconds?: number;
  /** Mean wait of answered calls, seconds. */
  readonly asaSeconds?: number;
  /** Interval totals, seconds. */
  readonly talkSeconds?: number;
  readonly acwSeconds?: number;
  readonly staffedSeconds?: number;
  readonly availableSeconds?: number;
}

/** The numeric columns: their field, largest value, and whether they must be whole. */
const NUMBERS = [
  ["calls", "calls", 1e7],
  ["aht_s", "ahtSeconds", 86_400],
  ["offered", "offered", 1e7],
  ["handled", "handled", 1e7],
  ["abandoned", "abandoned", 1e7],
  ["answered_in_sl", "answeredInSl", 1e7],
  ["sl_seconds", "slSeconds", 86_400],
  ["asa_s", "asaSeconds", 86_400],
  ["talk_s", "talkSeconds", 1e10],
  ["acw_s", "acwSeconds", 1e10],
  ["staffed_s", "staffedSeconds", 1e10],
  ["available_s", "availableSeconds", 1e10],
] as const;

const FIELDS: FormatFields = {
  kinds: {
    start: "instant",
    ...Object.fromEntries(
      NUMBERS.map(([column]) => [column, column.endsWith("_s") ? "seconds" : "number"]),
    ),
  },
  keys: ["queue"],
};

/**
 * Parses an actuals CSV. Required: `start` (ISO 8601 with an offset) and `queue`; every other
 * column is optional, numbers from 0 (counts up to 1e7, per-call seconds up to a day, interval
 * totals up to 1e10 s), empty or `-` when there is no data. `calls` defaults to `offered`.
 *
 * @param file - the name used in messages (default `<input>`)
 * @throws DataError naming file, line, column and field of each bad cell (up to 20)
 * @example
 * parseActualsCsv("start,queue,offered,handled\n2025-01-06T08:00Z,vip,12,11\n").rows[0];
 * // => { startMs: 1736150400000, queue: "vip", calls: 12, offered: 12, handled: 11 }
 */
export function parseActualsCsv(
  text: string,
  file = "<input>",
  options: ReadOptions = {},
): TableRead<ActualsRow> {
  const table = parseCsvIn(text, file, FIELDS, options.dialect);
  const [iStart, iQueue] = requireColumns(table, file, ["start", "queue"]) as [number, number];
  const columns = NUMBERS.map(([name, field, max]) => ({
    i: table.column(name),
    name,
    field,
    max,
  }));
  const issues = new IssueList();
  const rows: ActualsRow[] = [];
  for (let r = 0; r < table.length; r++) {
    const bad = cellReporter(table, file, r, issues);
    const start = parseInstant(table.cell(r, iStart));
    if (typeof start === "string") bad(iStart, "start", start);
    const queue = table.cell(r, iQueue);
    const nameProblem = identifierProblem(queue);
    if (nameProblem !== undefined) bad(iQueue, "queue", nameProblem);
    const row: Record<string, number | string> = { queue };
    for (const c of columns) {
      if (c.i < 0) continue;
      const cell = table.cell(r, c.i);
      if (cell === "" || cell === "-") continue;
      const v = parseNumberCell(cell);
      if (v === undefined || v < 0 || v > c.max) {
        bad(c.i, c.name, `expected a number from 0 to ${c.max}`);
        continue;
      }
      row[c.field] = v;
    }
    if (row["calls"] === undefined && row["offered"] !== undefined) row["calls"] = row["offered"];
    if (typeof start === "number") rows.push({ startMs: start, ...row } as unknown as ActualsRow);
  }
  issues.throwIfAny(file);
  return { file, table, rows, warnings: [] };
}

/**
 * Reads an actuals CSV from a path (`-`: stdin); see {@link parseActualsCsv}.
 *
 * @throws NoInputError when the file cannot be read; DataError for bad content
 * @example
 * const actuals = await readActualsCsv("actuals.csv");
 */
export async function readActualsCsv(
  path: string,
  options: ReadOptions = {},
): Promise<TableRead<ActualsRow>> {
  const { text, file } = await readInput(path, options);
  return parseActualsCsv(text, file, options);
}

/**
 * Formats actuals as the canonical CSV ({@link ACTUALS_COLUMNS}), times in `zone` (default:
 * UTC with `Z`), numbers unrounded, empty where there is no data.
 *
 * @example
 * formatActualsCsv([{ startMs: 0, queue: "vip", offered: 3 }]);
 * // => "start,queue,calls,aht_s,offered,...\n1970-01-01T00:00:00Z,vip,,,3,,,,,,,,,\n"
 */
export function formatActualsCsv(rows: readonly ActualsRow[], zone?: Zone): string {
  const out = [ACTUALS_COLUMNS.join(",")];
  for (const row of rows) {
    const cells = [
      zone === undefined ? formatInstantUtc(row.startMs) : formatInstant(row.startMs, zone),
      csvCell(row.queue),
      ...NUMBERS.map(([, field]) => csvNumber(row[field] ?? null)),
    ];
    out.push(cells.join(","));
  }
  return `${out.join("\n")}\n`;
}
