/**
 * Supervisor-approved spans: CSV `agent_id,start,end[,reason]`, times ISO 8601 with an offset.
 * Approved time counts as neutral in adherence.
 *
 * @module
 */
import { requireColumns } from "../../io/csv.ts";
import { IssueList } from "../../io/errors.ts";
import type { TableRead } from "../../io/table-read.ts";
import type { ApprovedSpan } from "../day.ts";
import { readInput } from "../../io/read-input.ts";
import type { AdherenceReadOptions } from "./read-input.ts";
import { cellReporter } from "../../io/read-input.ts";
import { spanCells } from "./span-cells.ts";
import { parseCsvIn, type DialectOption, type FormatFields } from "../../io/dialect.ts";

/** The columns of this format and what they hold, for other dialects of CSV. */
const FIELDS: FormatFields = { kinds: { start: "instant", end: "instant" }, keys: ["agent_id"] };

/**
 * Parses approved spans: one {@link ApprovedSpan} per row, in file order (an empty `reason` is
 * no reason).
 *
 * @param file - the name used in messages (default `<input>`)
 * @throws DataError naming file, line, column and field of each bad cell: an agent id that is
 * empty or not a safe name, a time that is not ISO 8601 with an offset, an end not after the
 * start; a missing column
 * @example
 * const approved = parseApprovedSpansCsv(
 *   "agent_id,start,end,reason\nana,2025-01-06T10:00:00Z,2025-01-06T10:30:00Z,coaching\n",
 * );
 * approved.rows[0].reason; // => "coaching"
 */
export function parseApprovedSpansCsv(
  text: string,
  file = "<input>",
  options: DialectOption = {},
): TableRead<ApprovedSpan> {
  const table = parseCsvIn(text, file, FIELDS, options.dialect);
  const cols = requireColumns(table, file, ["agent_id", "start", "end"]) as [
    number,
    number,
    number,
  ];
  const iReason = table.column("reason");
  const issues = new IssueList();
  const rows: ApprovedSpan[] = [];
  for (let r = 0; r < table.length; r++) {
    const bad = cellReporter(table, file, r, issues);
    const { agentId, startMs, endMs } = spanCells(table, r, cols, bad);
    if (startMs === undefined || endMs === undefined) continue;
    if (endMs <= startMs) bad(cols[2], "end", "the end is not after the start");
    const reason = iReason >= 0 ? table.cell(r, iReason) : "";
    rows.push({ agentId, startMs, endMs, ...(reason === "" ? {} : { reason }) });
  }
  issues.throwIfAny(file);
  return { file, table, rows, warnings: [] };
}

/**
 * Reads approved spans from a path (`-`: stdin); see {@link parseApprovedSpansCsv}.
 *
 * @throws NoInputError when the file cannot be read; DataError for bad content
 * @example
 * const approved = await readApprovedSpansCsv("approved.csv");
 * computeAdherence(schedule.rows, events.rows, { approved: approved.rows });
 */
export async function readApprovedSpansCsv(
  path: string,
  options: AdherenceReadOptions = {},
): Promise<TableRead<ApprovedSpan>> {
  const { text, file } = await readInput(path, options);
  return parseApprovedSpansCsv(text, file, options);
}
