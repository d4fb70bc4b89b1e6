/**
 * Agents per skill group and interval, `start,group,agents` (what
 * `staffcast requirements --routing` writes, or any CSV with those columns): the staffing a
 * routed simulation is given.
 *
 * @module
 */
import { readIntervalColumns } from "../../io/interval-table.ts";
import { DataError } from "../../io/errors.ts";
import { readInput, type ReadOptions } from "../../io/read-input.ts";
import type { TableRead } from "../../io/table-read.ts";
import { parseCsvIn, type DialectOption, type FormatFields } from "../../io/dialect.ts";

/** The columns of this format and what they hold, for other dialects of CSV. */
const FIELDS: FormatFields = {
  kinds: { start: "instant", agents: "number", scheduled_agents: "number" },
  keys: ["group"],
};

/** Agents of one group over one interval. */
export interface GroupIntervalAgents {
  readonly startMs: number;
  readonly group: string;
  /** Agents (0 to 1e7; fractions are kept). */
  readonly agents: number;
}

/** Options of {@link parseGroupAgentsCsv}. */
export interface GroupAgentsOptions extends DialectOption {
  /** The column of agents to read (default `agents`, the productive ones). */
  readonly column?: string;
}

/**
 * Parses agents per group and interval: `start` (ISO-8601 with an offset), `group`, `agents`
 * (or `options.column`); other columns are ignored.
 *
 * @param file - the name used in messages (default `<input>`)
 * @throws DataError naming file, line, column and field of each bad cell (up to 20), or the
 *   file when it has no `group` column
 * @example
 * parseGroupAgentsCsv("start,group,agents\n2025-01-06T08:00Z,sales,12\n").rows;
 * // => [{ startMs: 1736150400000, group: "sales", agents: 12 }]
 */
export function parseGroupAgentsCsv(
  text: string,
  file = "<input>",
  options: GroupAgentsOptions = {},
): TableRead<GroupIntervalAgents> {
  const table = parseCsvIn(text, file, FIELDS, options.dialect);
  if (table.header.indexOf("group") < 0)
    throw new DataError([
      { file, field: "group", message: "no group column: expected start,group,agents" },
    ]);
  const cols = readIntervalColumns(table, file, {
    callsColumn: options.column ?? "agents",
    keyColumn: "group",
  });
  const rows = cols.queue.map((group, i) => ({
    startMs: cols.startMs[i]!,
    group,
    agents: cols.calls[i]!,
  }));
  return { file, table, rows, warnings: [] };
}

/**
 * Reads agents per group and interval from a file (or `-` for stdin); see
 * {@link parseGroupAgentsCsv}.
 *
 * @throws NoInputError when the file cannot be read; DataError for bad content
 */
export async function readGroupAgentsCsv(
  path: string,
  options: ReadOptions & Pick<GroupAgentsOptions, "column"> = {},
): Promise<TableRead<GroupIntervalAgents>> {
  const { text, file } = await readInput(path, options);
  return parseGroupAgentsCsv(text, file, options);
}
