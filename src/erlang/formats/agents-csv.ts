/**
 * Agents per queue and interval, `start,queue,agents` (what `staffcast requirements` writes, or
 * any CSV with those columns): the staffing a simulation is given.
 *
 * @module
 */
import { readIntervalColumns } from "../../io/interval-table.ts";
import { readInput, type ReadOptions } from "../../io/read-input.ts";
import type { TableRead } from "../../io/table-read.ts";
import { parseCsvIn, type DialectOption, type FormatFields } from "../../io/dialect.ts";

/** The columns of this format and what they hold, for other dialects of CSV. */
const FIELDS: FormatFields = { kinds: { start: "instant", agents: "number" }, keys: ["queue"] };

/** Agents of one queue over one interval. */
export interface IntervalAgents {
  readonly startMs: number;
  /** Queue; "" when the file has no queue column. */
  readonly queue: string;
  /** Agents on the phones (0 to 1e7; fractions are kept). */
  readonly agents: number;
}

/**
 * Parses agents per interval: `start` (ISO-8601 with an offset), `agents`, optional `queue`;
 * other columns are ignored.
 *
 * @param file - the name used in messages (default `<input>`)
 * @throws DataError naming file, line, column and field of each bad cell (up to 20)
 * @example
 * parseIntervalAgentsCsv("start,queue,agents\n2025-01-06T08:00Z,orders,12\n").rows;
 * // => [{ startMs: 1736150400000, queue: "orders", agents: 12 }]
 */
export function parseIntervalAgentsCsv(
  text: string,
  file = "<input>",
  options: DialectOption = {},
): TableRead<IntervalAgents> {
  const table = parseCsvIn(text, file, FIELDS, options.dialect);
  const cols = readIntervalColumns(table, file, { callsColumn: "agents" });
  const rows = cols.queue.map((queue, i) => ({
    startMs: cols.startMs[i]!,
    queue,
    agents: cols.calls[i]!,
  }));
  return { file, table, rows, warnings: [] };
}

/**
 * Reads agents per interval from a file (or `-` for stdin); see {@link parseIntervalAgentsCsv}.
 *
 * @throws NoInputError when the file cannot be read; DataError for bad content
 * @example
 * const staffing = await readIntervalAgentsCsv("requirements.csv");
 */
export async function readIntervalAgentsCsv(
  path: string,
  options: ReadOptions = {},
): Promise<TableRead<IntervalAgents>> {
  const { text, file } = await readInput(path, options);
  return parseIntervalAgentsCsv(text, file, options);
}
