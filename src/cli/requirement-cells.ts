/**
 * The columns `staffcast requirements` adds to each row, and their text.
 */
import type { RequirementTable } from "../erlang/index.ts";
import { csvNumber } from "../io/csv.ts";

/** Columns added to every row, in this order. */
export const REQUIREMENT_COLUMNS = [
  "load_erlangs",
  "agents",
  "scheduled_agents",
  "fractional_agents",
  "fractional_scheduled_agents",
  "service_level",
  "asa_s",
  "occupancy",
  "abandon_rate",
] as const;

/** The added cells of row i, comma-separated, numbers unrounded (empty where infinite). */
export function requirementCells(t: RequirementTable, i: number): string {
  const fractional = csvNumber(t.fractionalAgents[i]!);
  const fractionalScheduled = t.fractionalScheduledAgents[i]!;
  return (
    `${csvNumber(t.loadErlangs[i]!)},${t.agents[i]!},${t.scheduledAgents[i]!},${fractional},` +
    // without shrinkage the scheduled value is the same number: reuse its text
    `${fractionalScheduled === t.fractionalAgents[i] ? fractional : csvNumber(fractionalScheduled)},` +
    `${csvNumber(t.serviceLevel[i]!)},${csvNumber(t.asaSeconds[i]!)},` +
    `${csvNumber(t.occupancy[i]!)},${csvNumber(t.abandonRate[i]!)}`
  );
}
