/**
 * The agents CSV of rostering: `agent_id[,skills][,min_hours_week][,max_hours_week]
 * [,max_days_week]`, one agent a row; skills separated by `;` or `|`; weekly hours 0 to 168
 * (read into seconds: {@link Agent.minSecondsWeek}, {@link Agent.maxSecondsWeek}).
 *
 * @module
 */
import { requireColumns } from "../../io/csv.ts";
import { IssueList } from "../../io/errors.ts";
import { identifierProblem } from "../../io/identifiers.ts";
import { parseNumberCell } from "../../io/interval-table.ts";
import type { TableRead } from "../../io/table-read.ts";
import type { Agent } from "../roster-types.ts";
import { cellReporter, readInput } from "../../io/read-input.ts";
import type { ScheduleReadOptions } from "./read-options.ts";
import { parseCsvIn, type DialectOption, type FormatFields } from "../../io/dialect.ts";

/** The columns of this format and what they hold, for other dialects of CSV. */
const FIELDS: FormatFields = {
  kinds: { min_hours_week: "number", max_hours_week: "number", max_days_week: "number" },
};

/** The hours of a week: the most a weekly contract can hold. */
const HOURS_A_WEEK = 168;

/**
 * Parses an agents CSV.
 *
 * @param file - the name used in messages (default `<input>`)
 * @throws DataError naming file, line, column and field of each bad cell (up to 20): an empty,
 *   duplicate or unusable id, hours that are not numbers from 0 to 168 (or a minimum above the
 *   maximum), days that are not whole numbers from 0 to 7
 * @example
 * const { rows } = parseAgentsCsv("agent_id,max_hours_week\nana,40\n", "agents.csv");
 * rows; // => [{ id: "ana", maxSecondsWeek: 144000 }]
 */
export function parseAgentsCsv(
  text: string,
  file = "<input>",
  options: DialectOption = {},
): TableRead<Agent> {
  const t = parseCsvIn(text, file, FIELDS, options.dialect);
  const issues = new IssueList();
  const [iId] = requireColumns(t, file, ["agent_id"]) as [number];
  const cols = {
    skills: t.column("skills"),
    min: t.column("min_hours_week"),
    max: t.column("max_hours_week"),
    days: t.column("max_days_week"),
  };
  const seen = new Set<string>();
  const agents: Agent[] = [];
  for (let r = 0; r < t.length; r++) {
    const id = t.cell(r, iId);
    const bad = cellReporter(t, file, r, issues);
    if (id === "") bad(iId, "agent_id", "expected an id");
    else if (seen.has(id)) bad(iId, "agent_id", "duplicate agent");
    else {
      const problem = identifierProblem(id);
      if (problem !== undefined) bad(iId, "agent_id", problem);
    }
    seen.add(id);
    const num = (c: number, field: string, integer: boolean): number | undefined => {
      if (c < 0 || t.cell(r, c) === "") return undefined;
      const v = parseNumberCell(t.cell(r, c));
      if (v === undefined || v < 0 || (integer && !Number.isInteger(v))) {
        bad(c, field, integer ? "expected a whole number >= 0" : "expected a number >= 0");
        return undefined;
      }
      return v;
    };
    const min = num(cols.min, "min_hours_week", false);
    const max = num(cols.max, "max_hours_week", false);
    const days = num(cols.days, "max_days_week", true);
    if (min !== undefined && max !== undefined && min > max)
      bad(cols.min, "min_hours_week", "exceeds max_hours_week");
    if (days !== undefined && days > 7) bad(cols.days, "max_days_week", "at most 7");
    for (const [c, field, v] of [
      [cols.min, "min_hours_week", min],
      [cols.max, "max_hours_week", max],
    ] as const)
      if (v !== undefined && v > HOURS_A_WEEK)
        bad(c, field, `at most ${HOURS_A_WEEK} (the hours of a week)`);
    const skills =
      cols.skills >= 0 && t.cell(r, cols.skills) !== ""
        ? t
            .cell(r, cols.skills)
            .split(/[;|]/)
            .map((skill) => skill.trim())
            .filter((skill) => skill !== "")
        : undefined;
    for (const skill of skills ?? []) {
      const problem = identifierProblem(skill);
      if (problem !== undefined) bad(cols.skills, "skills", `"${skill}" ${problem}`);
    }
    agents.push({
      id,
      ...(skills === undefined ? {} : { skills }),
      ...(min === undefined ? {} : { minSecondsWeek: min * 3600 }),
      ...(max === undefined ? {} : { maxSecondsWeek: max * 3600 }),
      ...(days === undefined ? {} : { maxDaysWeek: days }),
    });
  }
  issues.throwIfAny(file);
  return { file, table: t, rows: agents, warnings: [] };
}

/**
 * Reads an agents CSV (a path, or `-` for stdin); see {@link parseAgentsCsv}.
 *
 * @throws NoInputError when the file cannot be read; DataError for bad content
 * @example
 * const { rows: agents } = await readAgentsCsv("agents.csv");
 */
export async function readAgentsCsv(
  path: string,
  options: ScheduleReadOptions = {},
): Promise<TableRead<Agent>> {
  const { text, file } = await readInput(path, options);
  return parseAgentsCsv(text, file, options);
}
