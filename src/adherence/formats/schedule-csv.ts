/**
 * The adherence schedule: CSV `agent_id,start,end,activity`, one row per segment (what
 * `staffcast roster` writes), times ISO 8601 with an offset.
 *
 * @module
 */
import { requireColumns } from "../../io/csv.ts";
import { IssueList } from "../../io/errors.ts";
import { identifierProblem } from "../../io/identifiers.ts";
import type { TableRead } from "../../io/table-read.ts";
import type { ScheduleSegment } from "../schedule.ts";
import { readInput } from "../../io/read-input.ts";
import type { AdherenceReadOptions } from "./read-input.ts";
import { cellReporter } from "../../io/read-input.ts";
import { spanCells } from "./span-cells.ts";
import { parseCsvIn, type DialectOption, type FormatFields } from "../../io/dialect.ts";

/** The columns of this format and what they hold, for other dialects of CSV. */
const FIELDS: FormatFields = { kinds: { start: "instant", end: "instant" }, keys: ["agent_id"] };

/**
 * Parses an adherence schedule: one {@link ScheduleSegment} per row, in file order (row `i` of
 * the result is record `i` of the table, so that the engine's row-numbered errors, such as an
 * unknown activity or overlapping segments, can be placed with `locateRows`). The cells are
 * checked here; the segments themselves (activity codes, end after start, overlaps) by
 * `computeAdherence` and `createAdherenceMonitor`.
 *
 * @param file - the name used in messages (default `<input>`)
 * @throws DataError naming file, line, column and field of each bad cell: an agent id or
 * activity that is empty or not a safe name, a time that is not ISO 8601 with an offset; a
 * missing column
 * @example
 * const schedule = parseAdherenceScheduleCsv(
 *   "agent_id,start,end,activity\nana,2025-01-06T09:00:00Z,2025-01-06T10:00:00Z,onQueue\n",
 *   "segments.csv",
 * );
 * schedule.rows[0]; // => { agentId: "ana", startMs: 1736154000000, endMs: 1736157600000, activity: "onQueue" }
 */
export function parseAdherenceScheduleCsv(
  text: string,
  file = "<input>",
  options: DialectOption = {},
): TableRead<ScheduleSegment> {
  const table = parseCsvIn(text, file, FIELDS, options.dialect);
  const [iId, iStart, iEnd, iAct] = requireColumns(table, file, [
    "agent_id",
    "start",
    "end",
    "activity",
  ]) as [number, number, number, number];
  const issues = new IssueList();
  const rows: ScheduleSegment[] = [];
  for (let r = 0; r < table.length; r++) {
    const bad = cellReporter(table, file, r, issues);
    const { agentId, startMs, endMs } = spanCells(table, r, [iId, iStart, iEnd], bad);
    const activity = table.cell(r, iAct);
    if (activity === "") bad(iAct, "activity", "expected an activity code");
    else {
      const problem = identifierProblem(activity);
      if (problem !== undefined) bad(iAct, "activity", problem);
    }
    rows.push({ agentId, startMs: startMs ?? 0, endMs: endMs ?? 0, activity });
  }
  issues.throwIfAny(file);
  return { file, table, rows, warnings: [] };
}

/**
 * Reads an adherence schedule from a path (`-`: stdin); see {@link parseAdherenceScheduleCsv}.
 *
 * @throws NoInputError when the file cannot be read; DataError for bad content
 * @example
 * const schedule = await readAdherenceScheduleCsv("segments.csv");
 * const report = computeAdherence(schedule.rows, events.rows);
 */
export async function readAdherenceScheduleCsv(
  path: string,
  options: AdherenceReadOptions = {},
): Promise<TableRead<ScheduleSegment>> {
  const { text, file } = await readInput(path, options);
  return parseAdherenceScheduleCsv(text, file, options);
}
