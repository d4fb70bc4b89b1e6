/**
 * Agent state events as CSV: `agent_id,time,state[,reason][,event_id]`, one row per state
 * change, in any order.
 *
 * @module
 */
import { csvCell, requireColumns } from "../../io/csv.ts";
import { IssueList } from "../../io/errors.ts";
import type { TableRead } from "../../io/table-read.ts";
import type { StateEvent } from "../events.ts";
import { eventFromFields } from "./event-fields.ts";
import { parseCsvIn, type DialectOption, type FormatFields } from "../../io/dialect.ts";
import { formatInstantUtc } from "../../time/instant.ts";

/** The columns of this format and what they hold, for other dialects of CSV. */
const FIELDS: FormatFields = { kinds: { time: "instant" }, keys: ["agent_id"] };

/**
 * Parses state events from CSV: one {@link StateEvent} per row, in file order, each carrying
 * its line (for the engine's warnings).
 *
 * @param file - the name used in messages (default `<input>`)
 * @throws DataError naming file, line, column and field of each bad row (its first bad cell):
 * an agent id that is empty or not a safe name, a time that is not ISO 8601 with an offset, an
 * empty state; a missing column
 * @example
 * const events = parseStateEventsCsv("agent_id,time,state\nana,2025-01-06T09:00:00Z,available\n");
 * events.rows[0]; // => { agentId: "ana", timeMs: 1736154000000, state: "available", line: 2 }
 */
export function parseStateEventsCsv(
  text: string,
  file = "<input>",
  options: DialectOption = {},
): TableRead<StateEvent> {
  const table = parseCsvIn(text, file, FIELDS, options.dialect);
  const [iId, iTime, iState] = requireColumns(table, file, ["agent_id", "time", "state"]) as [
    number,
    number,
    number,
  ];
  const iReason = table.column("reason");
  const iEvent = table.column("event_id");
  const column = { agent_id: iId, time: iTime, state: iState };
  const issues = new IssueList();
  const rows: StateEvent[] = [];
  for (let r = 0; r < table.length; r++) {
    const line = table.line(r);
    const e = eventFromFields(
      {
        agent_id: table.cell(r, iId),
        time: table.cell(r, iTime),
        state: table.cell(r, iState),
        ...(iReason < 0 ? {} : { reason: table.cell(r, iReason) }),
        ...(iEvent < 0 ? {} : { event_id: table.cell(r, iEvent) }),
      },
      line,
    );
    if ("field" in e) issues.add({ file, line, column: column[e.field] + 1, ...e });
    else rows.push(e);
  }
  issues.throwIfAny(file);
  return { file, table, rows, warnings: [] };
}

/** The columns {@link formatStateEventsCsv} writes, in order. */
export const STATE_EVENTS_COLUMNS = ["agent_id", "time", "state", "reason", "event_id"] as const;

/**
 * Formats state events as the events CSV ({@link STATE_EVENTS_COLUMNS}), in the order given,
 * times in UTC with `Z` (milliseconds when not 0), empty reason and event id when none; what
 * {@link parseStateEventsCsv} reads back.
 *
 * @example
 * formatStateEventsCsv([{ agentId: "ana", timeMs: 1736154000000, state: "available" }]);
 * // => "agent_id,time,state,reason,event_id\nana,2025-01-06T09:00:00Z,available,,\n"
 */
export function formatStateEventsCsv(events: readonly StateEvent[]): string {
  const out = [STATE_EVENTS_COLUMNS.join(",")];
  for (const e of events) {
    out.push(
      [
        csvCell(e.agentId),
        formatInstantUtc(e.timeMs),
        csvCell(e.state),
        csvCell(e.reason ?? ""),
        csvCell(e.eventId ?? ""),
      ].join(","),
    );
  }
  return `${out.join("\n")}\n`;
}
