/**
 * The human summary of `staffcast roster`: the status, gap and what stopped the search, a table
 * per agent, the shifts left unfilled (day, shift, time, group, agents missing), the changes to
 * a kept roster, and the warning that a roster stopped by the wall clock may differ between
 * runs.
 */
import type { RosterResult, Shortfall, StopReason } from "../schedule/index.ts";
import { createZone, formatDay, weekdayOf, type Zone } from "../time/zone.ts";
import { table } from "./format.ts";
import { gapOrUnknown } from "./solver-flags.ts";

/** Unfilled shifts listed at most; the others are counted ("... and 3 more"). */
export const UNFILLED_LISTED = 20;

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;

const STOPPED: Readonly<Record<StopReason, string>> = {
  gap: "stopped at the requested gap",
  workLimit: "stopped by the work limit",
  timeLimit: "stopped by the time limit",
};

/** Options of {@link writeRosterSummary}. */
export interface RosterSummaryOptions {
  /** A roster to keep was given: say how many changes were made. */
  readonly keep?: boolean;
}

/**
 * Writes the summary for people: a first line with the status, the gap, what stopped the
 * search and the agent-shifts unfilled, the per-agent table, the unfilled shifts (at most
 * {@link UNFILLED_LISTED}) and, with `keep`, "N changes (A added, R removed)".
 */
export function writeRosterSummary(
  result: RosterResult,
  out: { write(s: string): unknown },
  options: RosterSummaryOptions = {},
): void {
  const hours = (seconds: number): string => (seconds / 3600).toFixed(1);
  const rows = [["agent", "shifts", "days", "paid h", "h short", "nights", "unsocial"]];
  for (const a of result.agents) {
    rows.push([
      a.agentId,
      String(a.shifts),
      String(a.days),
      hours(a.paidSeconds),
      hours(a.belowMinimumSeconds),
      String(a.nightShifts),
      String(a.unsocialShifts),
    ]);
  }
  const missing = result.shortfalls.reduce((s, f) => s + f.missing, 0);
  // Without a roster the error that follows says why; the search's end says nothing more.
  const solved =
    result.objective === null
      ? ""
      : `, gap ${gapOrUnknown(result.gap)}, ${STOPPED[result.stoppedBy]}${
          result.stoppedBy === "workLimit" ? ` (${result.workLimit} LP iterations)` : ""
        }`;
  const lines = [
    `Roster: ${result.status}${solved}; ${missing} agent-shifts unfilled`,
    table(
      rows,
      rows[0]!.map((_, i) => i > 0),
    ),
  ];
  if (result.shortfalls.length > 0) lines.push(unfilledShifts(result.shortfalls, result.timeZone));
  if (options.keep === true) lines.push(changesLine(result));
  out.write(`${lines.join("\n")}\n`);
}

/** "Unfilled shifts:" and a table of them, in time order, at most {@link UNFILLED_LISTED}. */
export function unfilledShifts(shortfalls: readonly Shortfall[], timeZone: string): string {
  const zone = createZone(timeZone);
  const sorted = [...shortfalls].sort((p, q) => p.startMs - q.startMs || p.endMs - q.endMs);
  const grouped = sorted.some((f) => f.group !== undefined);
  const header = ["day", "shift", "time", ...(grouped ? ["group"] : []), "missing"];
  const rows = [header];
  for (const f of sorted.slice(0, UNFILLED_LISTED)) {
    const day = zone.dayOf(f.startMs);
    rows.push([
      `${WEEKDAYS[weekdayOf(day)]} ${formatDay(day)}`,
      f.name,
      `${clock(f.startMs, zone)}-${clock(f.endMs, zone)}`,
      ...(grouped ? [f.group ?? ""] : []),
      String(f.missing),
    ]);
  }
  const more = sorted.length - UNFILLED_LISTED;
  const indented = table(
    rows,
    header.map((h) => h === "missing"),
  )
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
  return `Unfilled shifts:\n${indented}${more > 0 ? `\n  ... and ${more} more` : ""}`;
}

/** Local clock time "HH:MM" of an instant. */
function clock(ms: number, zone: Zone): string {
  const minutes = Math.floor(zone.clockMinutes(ms));
  const pad = (v: number): string => String(v).padStart(2, "0");
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** "3 changes (2 added, 1 removed)" to the kept roster. */
export function changesLine(result: RosterResult): string {
  const added = result.changes.filter((c) => c.action === "added").length;
  const removed = result.changes.length - added;
  const n = result.changeCount;
  return `${n} ${n === 1 ? "change" : "changes"} (${added} added, ${removed} removed)`;
}
