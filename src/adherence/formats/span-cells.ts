/**
 * The `agent_id,start,end` cells that the schedule and the approved spans share, checked: the
 * agent id a safe name, the times ISO 8601 with an offset.
 *
 * @module
 */
import type { CsvTable } from "../../io/csv.ts";
import type { BadCell } from "../../io/read-input.ts";
import { identifierProblem } from "../../io/identifiers.ts";
import { parseInstant } from "../../time/instant.ts";

/** The cells of one record; times undefined where they do not parse. */
export interface SpanCells {
  readonly agentId: string;
  readonly startMs: number | undefined;
  readonly endMs: number | undefined;
}

/**
 * The `agent_id,start,end` cells of record `r` (columns `[iId, iStart, iEnd]`), each bad cell
 * reported through `bad`.
 */
export function spanCells(
  table: CsvTable,
  r: number,
  [iId, iStart, iEnd]: readonly [number, number, number],
  bad: BadCell,
): SpanCells {
  const agentId = table.cell(r, iId);
  if (agentId === "") bad(iId, "agent_id", "expected an id");
  else {
    const problem = identifierProblem(agentId);
    if (problem !== undefined) bad(iId, "agent_id", problem);
  }
  const start = parseInstant(table.cell(r, iStart));
  if (typeof start === "string") bad(iStart, "start", start);
  const end = parseInstant(table.cell(r, iEnd));
  if (typeof end === "string") bad(iEnd, "end", end);
  return {
    agentId,
    startMs: typeof start === "number" ? start : undefined,
    endMs: typeof end === "number" ? end : undefined,
  };
}
