/**
 * The CSVs of `staffcast requirements --routing`: agents per interval and group
 * (`start,group,agents,scheduled_agents`, read back by `parseGroupAgentsCsv` and by
 * `staffcast schedule --column scheduled_agents`), and the queues at that staffing
 * (`start,queue,calls,rejected,service_level,asa_s,abandon_rate,method`). Times in the given
 * zone, numbers unrounded, an empty cell where a number does not exist (no calls, or an
 * unbounded wait).
 *
 * @module
 */
import { csvCell, csvNumber } from "../../io/csv.ts";
import { formatInstant, type Zone } from "../../time/zone.ts";
import type { GroupRequirement, QueueOutcome } from "../routing/staff-routing.ts";

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
