/**
 * The requirement CSV as shift design reads it: `start[,queue][,group],<column>` (what
 * `staffcast requirements` writes, or any CSV with those columns), summed over queues per
 * interval, or per interval and skill group when it has a `group` column. Rows off the grid of the others are errors (most likely a time typed wrong);
 * four weeks or more without rows is a warning (most likely a date typed wrong).
 *
 * @module
 */
import { requireColumns, type CsvTable } from "../../io/csv.ts";
import { DataError, IssueList } from "../../io/errors.ts";
import { identifierProblem } from "../../io/identifiers.ts";
import { parseNumberCell } from "../../io/interval-table.ts";
import { inRange, rangeText } from "../../math/range.ts";
import { inferSpacing } from "../../time/duration.ts";
import { formatInstantUtc, parseInstant } from "../../time/instant.ts";
import { SUSPICIOUS_GAP_MS } from "../horizon.ts";
import type { RequirementPoint } from "../result.ts";
import { readInput } from "../../io/read-input.ts";
import type { ScheduleReadOptions } from "./read-options.ts";
import { parseCsvIn, type FormatFields } from "../../io/dialect.ts";

/** The columns of this format and what they hold, for other dialects of CSV. */
const FIELDS: FormatFields = {
  kinds: {
    start: "instant",
    agents: "number",
    scheduled_agents: "number",
    fractional_agents: "number",
    fractional_scheduled_agents: "number",
  },
  keys: ["queue", "group"],
};

/**
 * Agents required in one row: 0 to 100,000 (the staffing engine's range of agents,
 * `STAFFING_LIMITS.agents` of staffcast/erlang).
 */
export const REQUIRED_AGENTS_RANGE = { min: 0, max: 100_000 } as const;

/** Options of {@link parseRequirementPointsCsv}. */
export interface RequirementPointsOptions extends ScheduleReadOptions {
  /** The column of agents to cover (default `agents`), e.g. `fractional_scheduled_agents`. */
  readonly column?: string;
}

/**
 * A requirement CSV read: one point per distinct start (with a `group` column: per distinct
 * start and group), the queues summed.
 */
export interface RequirementPointsRead {
  /** The input's name in messages. */
  readonly file: string;
  /** The parsed table (lines and cells of each row). */
  readonly table: CsvTable;
  /**
   * Agents required per interval start (and group), in the order they first appear; with a
   * `group` column every point has its `group`.
   */
  readonly points: RequirementPoint[];
  /** Long gaps between rows, in words (the file and the lines named). */
  readonly warnings: readonly string[];
}

/**
 * Parses a requirement CSV for shift design.
 *
 * @param file - the name used in messages (default `<input>`)
 * @throws DataError naming file, line, column and field of each bad cell (up to 20), a row off
 *   the others' grid, or a file without rows
 * @example
 * const read = parseRequirementPointsCsv("start,agents\n2025-01-06T08:00:00Z,3\n", "req.csv");
 * read.points; // => [{ startMs: 1736150400000, required: 3 }]
 */
export function parseRequirementPointsCsv(
  text: string,
  file = "<input>",
  options: RequirementPointsOptions = {},
): RequirementPointsRead {
  const column = options.column ?? "agents";
  const t = parseCsvIn(text, file, FIELDS, options.dialect);
  const issues = new IssueList();
  const [iStart, iValue] = requireColumns(t, file, ["start", column]) as [number, number];
  const iGroup = t.column("group");
  // by start, then by group ("" without a group column), in the order they first appear
  const sum = new Map<number, Map<string, number>>();
  const lineOf = new Map<number, number>();
  for (let r = 0; r < t.length; r++) {
    const start = parseInstant(t.cell(r, iStart));
    const value = parseNumberCell(t.cell(r, iValue));
    const group = iGroup < 0 ? "" : t.cell(r, iGroup);
    const at = (c: number, field: string, message: string) => ({
      file,
      line: t.line(r),
      column: c + 1,
      field,
      message,
      value: t.cell(r, c),
    });
    if (typeof start === "string") issues.add(at(iStart, "start", start));
    if (value === undefined || !inRange(value, REQUIRED_AGENTS_RANGE))
      issues.add(at(iValue, column, `expected a number ${rangeText(REQUIRED_AGENTS_RANGE)}`));
    const groupProblem =
      iGroup < 0 ? undefined : group === "" ? "expected a group" : identifierProblem(group);
    if (groupProblem !== undefined) issues.add(at(iGroup, "group", groupProblem));
    if (typeof start === "number" && value !== undefined && groupProblem === undefined) {
      const groups = sum.get(start) ?? new Map<string, number>();
      groups.set(group, (groups.get(group) ?? 0) + value);
      sum.set(start, groups);
      if (!lineOf.has(start)) lineOf.set(start, t.line(r));
    }
  }
  issues.throwIfAny(file);
  if (sum.size === 0) throw new DataError([{ file, message: "no requirement rows" }]);
  const starts = [...sum.keys()].sort((a, b) => a - b);
  const grid = inferSpacing(starts);
  if (grid.ok && grid.offGrid.length > 0) {
    for (const s of grid.offGrid)
      issues.add({
        file,
        line: lineOf.get(s)!,
        column: iStart + 1,
        field: "start",
        message: `off the grid of the other rows (every ${grid.spacingMs / 60_000} min): is its time a typo?`,
        value: formatInstantUtc(s),
      });
    issues.throwIfAny(file);
  }
  const warnings: string[] = [];
  for (let k = 1; k < starts.length; k++) {
    const [from, to] = [starts[k - 1]!, starts[k]!];
    if (to - from < SUSPICIOUS_GAP_MS) continue;
    warnings.push(
      `${file}: no rows for ${Math.round((to - from) / 86_400_000)} days between line ` +
        `${lineOf.get(from)!} (${formatInstantUtc(from)}) and line ` +
        `${lineOf.get(to)!} (${formatInstantUtc(to)}): is a date wrong?`,
    );
  }
  return {
    file,
    table: t,
    points: [...sum].flatMap(([startMs, groups]) =>
      [...groups].map(([group, required]) =>
        iGroup < 0 ? { startMs, required } : { startMs, required, group },
      ),
    ),
    warnings,
  };
}

/**
 * Reads a requirement CSV for shift design (a path, or `-` for stdin); see
 * {@link parseRequirementPointsCsv}.
 *
 * @throws NoInputError when the file cannot be read; DataError for bad content
 * @example
 * const { points, warnings } = await readRequirementPointsCsv("requirements.csv", { column: "fractional_scheduled_agents" });
 */
export async function readRequirementPointsCsv(
  path: string,
  options: RequirementPointsOptions = {},
): Promise<RequirementPointsRead> {
  const { text, file } = await readInput(path, options);
  return parseRequirementPointsCsv(text, file, options);
}
