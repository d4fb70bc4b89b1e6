/**
 * The CSVs of `staffcast requirements --routing`: agents per interval and group
 * (`start,group,agents,scheduled_agents`, read back by `parseGroupAgentsCsv` and by
 * `staffcast schedule --column scheduled_agents`), and the queues at that staffing
 * (`start,queue,calls,rejected,service_level,asa_s,abandon_rate,method`). Times in the given
 * zone, numbers unrounded, an empty cell where a number does not exist (no calls, or an
 * unbounded wait). The queue CSV is read back by `parseQueueOutcomesCsv`.
 *
 * @module
 */
import { csvCell, csvNumber, requireColumns } from "../../io/csv.ts";
import { parseCsvIn, type DialectOption, type FormatFields } from "../../io/dialect.ts";
import { IssueList } from "../../io/errors.ts";
import { identifierProblem } from "../../io/identifiers.ts";
import { parseNumberCell } from "../../io/interval-table.ts";
import { cellReporter, readInput, type ReadOptions } from "../../io/read-input.ts";
import type { TableRead } from "../../io/table-read.ts";
import { parseInstant } from "../../time/instant.ts";
import { formatInstant, type Zone } from "../../time/zone.ts";
import type { FigureMethod } from "../routing/staff-interval.ts";
import type { GroupRequirement, QueueOutcome } from "../routing/staff-routing.ts";

/** The columns of the queue CSV and what they hold, for other dialects of CSV. */
const FIELDS: FormatFields = {
  kinds: {
    start: "instant",
    calls: "number",
    rejected: "number",
    service_level: "fraction",
    asa_s: "number",
    abandon_rate: "fraction",
  },
  keys: ["queue"],
};

/** The columns of the group requirements CSV. */
export const GROUP_REQUIREMENT_COLUMNS = ["start", "group", "agents", "scheduled_agents"] as const;

/** The columns of the queue CSV. */
export const QUEUE_OUTCOME_COLUMNS = [
  "start",
  "queue",
  "calls",
  "rejected",
  "service_level",
  "asa_s",
  "abandon_rate",
  "method",
] as const;

/**
 * The group requirements CSV.
 *
 * @example
 * formatGroupRequirementsCsv(staffRouting(options).groups, createZone("UTC"));
 * // "start,group,agents,scheduled_agents\n2003-10-20T08:00:00Z,vipdesk,3,4\n..."
 */
export function formatGroupRequirementsCsv(rows: readonly GroupRequirement[], zone: Zone): string {
  const lines = [GROUP_REQUIREMENT_COLUMNS.join(",")];
  for (const r of rows)
    lines.push(
      `${formatInstant(r.startMs, zone)},${csvCell(r.group)},${r.agents},${r.scheduledAgents}`,
    );
  return `${lines.join("\n")}\n`;
}

/**
 * The queue CSV: each queue's calls, refusals and service at the staffing found, and what
 * produced the numbers (`exact`, `approximation` or `simulation`).
 */
export function formatQueueOutcomesCsv(rows: readonly QueueOutcome[], zone: Zone): string {
  const lines = [QUEUE_OUTCOME_COLUMNS.join(",")];
  for (const r of rows)
    lines.push(
      [
        formatInstant(r.startMs, zone),
        csvCell(r.queue),
        csvNumber(r.calls),
        csvNumber(r.rejected),
        csvNumber(r.serviceLevel),
        csvNumber(r.asaSeconds),
        csvNumber(r.abandonRate),
        r.method ?? "",
      ].join(","),
    );
  return `${lines.join("\n")}\n`;
}

const METHODS = new Set(["exact", "approximation", "simulation"]);

/**
 * Parses a queue CSV of `requirements --routing --queue-out` (or the plan's) back into rows.
 *
 * @param file - the name used in messages (default `<input>`)
 * @throws DataError naming file, line, column and field of each bad cell (up to 20)
 * @example
 * parseQueueOutcomesCsv("start,queue,calls,rejected,service_level,asa_s,abandon_rate,method\n2025-01-06T08:00:00Z,vip,10,0,0.93,1.2,0.01,simulation\n").rows[0].serviceLevel;
 * // => 0.93
 */
export function parseQueueOutcomesCsv(
  text: string,
  file = "<input>",
  options: DialectOption = {},
): TableRead<QueueOutcome> {
  const t = parseCsvIn(text, file, FIELDS, options.dialect);
  const cols = requireColumns(t, file, [...QUEUE_OUTCOME_COLUMNS]);
  const issues = new IssueList();
  const rows: QueueOutcome[] = [];
  for (let r = 0; r < t.length; r++) {
    const bad = cellReporter(t, file, r, issues);
    const start = parseInstant(t.cell(r, cols[0]!));
    if (typeof start === "string") bad(cols[0]!, "start", start);
    const queue = t.cell(r, cols[1]!);
    const problem = identifierProblem(queue);
    if (problem !== undefined) bad(cols[1]!, "queue", problem);
    const number = (
      k: number,
      optional: boolean,
      max = Number.POSITIVE_INFINITY,
    ): number | null => {
      const cell = t.cell(r, cols[k]!);
      if (cell === "" && optional) return null;
      const v = parseNumberCell(cell);
      if (v === undefined || v < 0 || v > max) {
        bad(
          cols[k]!,
          QUEUE_OUTCOME_COLUMNS[k]!,
          `expected a number from 0${max < 2 ? " to 1" : ""}`,
        );
        return null;
      }
      return v;
    };
    const calls = number(2, false) ?? 0;
    const rejected = number(3, false) ?? 0;
    const serviceLevel = number(4, true, 1);
    const asaSeconds = number(5, true);
    const abandonRate = number(6, true, 1);
    const method = t.cell(r, cols[7]!);
    if (method !== "" && !METHODS.has(method))
      bad(cols[7]!, "method", "expected exact, approximation or simulation");
    rows.push({
      startMs: typeof start === "string" ? Number.NaN : start,
      queue,
      calls,
      rejected,
      serviceLevel,
      asaSeconds,
      abandonRate,
      method: method === "" ? null : (method as FigureMethod),
    });
  }
  issues.throwIfAny(file);
  return { file, table: t, rows, warnings: [] };
}

/**
 * Reads a queue CSV from a file (or `-` for stdin); see {@link parseQueueOutcomesCsv}.
 *
 * @throws NoInputError when the file cannot be read; DataError for bad content
 */
export async function readQueueOutcomesCsv(
  path: string,
  options: ReadOptions = {},
): Promise<TableRead<QueueOutcome>> {
  const { text, file } = await readInput(path, options);
  return parseQueueOutcomesCsv(text, file, options);
}
