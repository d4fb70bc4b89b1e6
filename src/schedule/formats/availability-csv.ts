/**
 * The availability CSV of rostering: `agent_id,date[,available_from,available_to]`: on that
 * local date the agent works only within the window (`HH:MM`, the end may be `24:00`), or not
 * at all when the row gives no window.
 *
 * @module
 */
import { requireColumns } from "../../io/csv.ts";
import { IssueList } from "../../io/errors.ts";
import type { TableRead } from "../../io/table-read.ts";
import { parseClockTime } from "../../time/clock.ts";
import { parseDay } from "../../time/zone.ts";
import type { Availability } from "../roster-types.ts";
import { cellReporter, readInput } from "../../io/read-input.ts";
import type { ScheduleReadOptions } from "./read-options.ts";
import { parseCsvIn, type FormatFields } from "../../io/dialect.ts";

/** The columns of this format and what they hold, for other dialects of CSV. */
const FIELDS: FormatFields = { kinds: {} };

/** Options of {@link parseAvailabilityCsv}. */
export interface AvailabilityOptions extends ScheduleReadOptions {
  /** The agents' ids: a row naming another agent is an error (default: any id). */
  readonly agents?: ReadonlySet<string>;
}

/**
 * Parses an availability CSV.
 *
 * @param file - the name used in messages (default `<input>`)
 * @throws DataError naming file, line, column and field of each bad cell (up to 20): an agent
 *   not in `agents`, a date that is not `YYYY-MM-DD`, a time that is not `HH:MM`, a window that
 *   ends before it starts
 * @example
 * const { rows } = parseAvailabilityCsv("agent_id,date,available_from,available_to\nana,2025-01-06,10:00,24:00\n");
 * rows; // => [{ agentId: "ana", date: "2025-01-06", from: "10:00", to: "24:00" }]
 */
export function parseAvailabilityCsv(
  text: string,
  file = "<input>",
  options: AvailabilityOptions = {},
): TableRead<Availability> {
  const t = parseCsvIn(text, file, FIELDS, options.dialect);
  const issues = new IssueList();
  const [iId, iDate] = requireColumns(t, file, ["agent_id", "date"]) as [number, number];
  const [iFrom, iTo] = [t.column("available_from"), t.column("available_to")];
  const out: Availability[] = [];
  for (let r = 0; r < t.length; r++) {
    const bad = cellReporter(t, file, r, issues);
    const id = t.cell(r, iId);
    if (options.agents !== undefined && !options.agents.has(id))
      bad(iId, "agent_id", "not in the agents file");
    const date = t.cell(r, iDate);
    const day = parseDay(date);
    if (typeof day === "string") bad(iDate, "date", day);
    const from = iFrom >= 0 ? t.cell(r, iFrom) : "";
    const to = iTo >= 0 ? t.cell(r, iTo) : "";
    const clock = (c: number, field: string, cell: string): number | undefined => {
      if (cell === "") return undefined;
      const m = parseClockTime(cell, { allowEndOfDay: true });
      if (typeof m === "number") return m;
      bad(c, field, m);
      return undefined;
    };
    const fromMinute = clock(iFrom, "available_from", from);
    const toMinute = clock(iTo, "available_to", to);
    if (fromMinute !== undefined && toMinute !== undefined && toMinute <= fromMinute)
      bad(iTo, "available_to", "must be after available_from");
    out.push({
      agentId: id,
      date,
      ...(from === "" ? {} : { from }),
      ...(to === "" ? {} : { to }),
    });
  }
  issues.throwIfAny(file);
  return { file, table: t, rows: out, warnings: [] };
}

/**
 * Reads an availability CSV (a path, or `-` for stdin); see {@link parseAvailabilityCsv}.
 *
 * @throws NoInputError when the file cannot be read; DataError for bad content
 * @example
 * const { rows } = await readAvailabilityCsv("off.csv", { agents: new Set(agents.map((a) => a.id)) });
 */
export async function readAvailabilityCsv(
  path: string,
  options: AvailabilityOptions = {},
): Promise<TableRead<Availability>> {
  const { text, file } = await readInput(path, options);
  return parseAvailabilityCsv(text, file, options);
}
