/**
 * A roster read back: the roster CSV (`agent_id,start,end,activity[,group]`, what
 * `staffcast roster --out` writes) as segments, and its segments as assignments (one per agent
 * and shift), the `keep` of an incremental re-roster.
 *
 * @module
 */
import { parseAdherenceScheduleCsv } from "../../adherence/formats/schedule-csv.ts";
import type { DialectOption } from "../../io/dialect.ts";
import { DataError, IssueList, type DataIssue } from "../../io/errors.ts";
import { identifierProblem } from "../../io/identifiers.ts";
import { cellReporter, readInput } from "../../io/read-input.ts";
import { locateRows, type TableRead } from "../../io/table-read.ts";
import type { Assignment, Segment } from "../roster-types.ts";
import type { ScheduleReadOptions } from "./read-options.ts";

const ACTIVITIES: ReadonlySet<string> = new Set(["onQueue", "break", "meal"]);

/**
 * Parses a roster CSV: one {@link Segment} per row, in file order (row `i` of the result is
 * record `i` of the table). The cells are checked as the adherence engine checks them
 * (`parseAdherenceScheduleCsv`), the activity is one of the roster's (`onQueue`, `break`,
 * `meal`) and the optional `group` a safe name.
 *
 * @param file - the name used in messages (default `<input>`)
 * @throws DataError naming file, line, column and field of each bad cell; a missing column
 * @example
 * const { rows } = parseRosterCsv(
 *   "agent_id,start,end,activity\nana,2025-01-06T08:00:00Z,2025-01-06T12:00:00Z,onQueue\n",
 *   "roster.csv",
 * );
 * rows; // => [{ agentId: "ana", startMs: 1736150400000, endMs: 1736164800000, activity: "onQueue" }]
 */
export function parseRosterCsv(
  text: string,
  file = "<input>",
  options: DialectOption = {},
): TableRead<Segment> {
  const read = parseAdherenceScheduleCsv(text, file, options);
  const { table } = read;
  const iAct = table.column("activity");
  const iGroup = table.column("group");
  const issues = new IssueList();
  const rows = read.rows.map((s, r): Segment => {
    const bad = cellReporter(table, file, r, issues);
    if (!ACTIVITIES.has(s.activity))
      bad(iAct, "activity", "expected onQueue, break or meal (the activities of a roster)");
    const group = iGroup < 0 ? "" : table.cell(r, iGroup);
    const problem = group === "" ? undefined : identifierProblem(group);
    if (problem !== undefined) bad(iGroup, "group", problem);
    return {
      agentId: s.agentId,
      startMs: s.startMs,
      endMs: s.endMs,
      activity: s.activity as Segment["activity"],
      ...(group === "" ? {} : { group }),
    };
  });
  issues.throwIfAny(file);
  return { file, table, rows, warnings: read.warnings };
}

/**
 * Reads a roster CSV from a path (`-`: stdin); see {@link parseRosterCsv}.
 *
 * @throws NoInputError when the file cannot be read; DataError for bad content
 * @example
 * const { rows: segments } = await readRosterCsv("roster.csv");
 */
export async function readRosterCsv(
  path: string,
  options: ScheduleReadOptions = {},
): Promise<TableRead<Segment>> {
  const { text, file } = await readInput(path, options);
  return parseRosterCsv(text, file, options);
}

/**
 * The assignments of a roster's segments: each agent's touching segments (one ending where the
 * next starts) form one shift, from the start of the first to the end of the last, with their
 * group. Sorted by agent id (code unit order), then start.
 *
 * @throws DataError whose issues carry `row` (the index in `segments`, for `locateRows`) and
 *   `field`: an end not after its start, a segment overlapping another of the same agent, the
 *   segments of one shift with different groups
 * @example
 * rosterAssignments([
 *   { agentId: "ana", startMs: 0, endMs: 7_200_000, activity: "onQueue" },
 *   { agentId: "ana", startMs: 7_200_000, endMs: 9_000_000, activity: "meal" },
 * ]); // => [{ agentId: "ana", startMs: 0, endMs: 9000000 }]
 */
export function rosterAssignments(segments: readonly Segment[]): Assignment[] {
  const issues: DataIssue[] = [];
  const byAgent = new Map<string, number[]>();
  segments.forEach((s, row) => {
    if (!(s.endMs > s.startMs)) {
      issues.push({ row, field: "end", message: "the end is not after the start" });
      return;
    }
    let rows = byAgent.get(s.agentId);
    if (rows === undefined) byAgent.set(s.agentId, (rows = []));
    rows.push(row);
  });
  const out: Assignment[] = [];
  for (const agentId of [...byAgent.keys()].sort(byCodeUnits)) {
    const rows = byAgent.get(agentId)!;
    rows.sort((p, q) => segments[p]!.startMs - segments[q]!.startMs || p - q);
    let shift: { startMs: number; endMs: number; group: string | undefined } | undefined;
    let before = -1; // the row of the shift's last segment
    for (const row of rows) {
      const s = segments[row]!;
      if (shift !== undefined && s.startMs < shift.endMs) {
        issues.push({
          row,
          field: "start",
          message: `overlaps another segment of agent "${agentId}" (the one on record ${before + 1})`,
        });
        continue;
      }
      before = row;
      if (shift !== undefined && s.startMs === shift.endMs) {
        if (s.group !== shift.group)
          issues.push({
            row,
            field: "group",
            message:
              shift.group === undefined
                ? "the shift's earlier segments have no group"
                : `differs from the group of the shift's earlier segments ("${shift.group}")`,
          });
        shift.endMs = s.endMs;
        continue;
      }
      if (shift !== undefined) out.push(assignment(agentId, shift));
      shift = { startMs: s.startMs, endMs: s.endMs, group: s.group };
    }
    if (shift !== undefined) out.push(assignment(agentId, shift));
  }
  if (issues.length > 0) {
    const list = new IssueList();
    for (const issue of issues.sort((p, q) => p.row! - q.row!)) list.add(issue);
    list.throwIfAny();
  }
  return out;
}

function assignment(
  agentId: string,
  shift: { startMs: number; endMs: number; group: string | undefined },
): Assignment {
  return {
    agentId,
    startMs: shift.startMs,
    endMs: shift.endMs,
    ...(shift.group === undefined ? {} : { group: shift.group }),
  };
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Parses a roster CSV into its assignments ({@link parseRosterCsv}, then
 * {@link rosterAssignments}), every problem located at its file, line and column.
 *
 * @throws DataError naming file, line, column and field
 * @example
 * const keep = parseRosterAssignmentsCsv(text, "roster.csv");
 */
export function parseRosterAssignmentsCsv(
  text: string,
  file = "<input>",
  options: DialectOption = {},
): Assignment[] {
  const read = parseRosterCsv(text, file, options);
  try {
    return rosterAssignments(read.rows);
  } catch (error) {
    if (error instanceof DataError) throw locateRows(error, read);
    throw error;
  }
}

/**
 * Reads a roster CSV (a path, or `-` for stdin) into its assignments: the `keep` of
 * `buildRoster`; see {@link parseRosterAssignmentsCsv}.
 *
 * @throws NoInputError when the file cannot be read; DataError for bad content
 * @example
 * const keep = await readRosterAssignmentsCsv("roster.csv");
 * const roster = await buildRoster(schedule, spec, { agents, keep }, highsSolver, limits);
 */
export async function readRosterAssignmentsCsv(
  path: string,
  options: ScheduleReadOptions = {},
): Promise<Assignment[]> {
  const { text, file } = await readInput(path, options);
  return parseRosterAssignmentsCsv(text, file, options);
}
