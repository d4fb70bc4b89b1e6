/**
 * The requirements CSV that `staffcast requirements` writes: every input column passed through
 * (except those written afresh), then the staffing columns of {@link REQUIREMENT_COLUMNS},
 * numbers unrounded, one output row per input row in the same order.
 *
 * @module
 */
import { csvCell, csvNumber, type CsvTable } from "../../io/csv.ts";
import type { RequirementTable } from "../table.ts";
import type { StaffingResult } from "../types.ts";

/** The columns added to every row, in this order. */
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

/**
 * The added cells of row `i`, comma-separated, numbers unrounded (empty where infinite).
 *
 * @example
 * requirementCells(table, 0); // => "10,14,20,12.7,18.1,0.83,11.2,0.71,0"
 */
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

/**
 * The cells of {@link REQUIREMENT_COLUMNS} for one staffing result (the object form of
 * {@link requirementCells}), numbers unrounded, empty where infinite.
 */
export function staffingResultCells(x: StaffingResult): string[] {
  return [
    csvNumber(x.loadErlangs),
    String(x.agents),
    String(x.scheduledAgents),
    csvNumber(x.fractionalAgents),
    csvNumber(x.fractionalScheduledAgents),
    csvNumber(x.serviceLevel),
    csvNumber(x.asaSeconds),
    csvNumber(x.occupancy),
    csvNumber(x.abandonRate),
  ];
}

/** Lines per yielded chunk: small strings die young instead of being promoted and traced. */
const LINES_PER_CHUNK = 1024;

/**
 * The requirements CSV, in chunks of text (for a million rows, never one huge string).
 *
 * @param input - the table the forecast was read from (its columns pass through)
 * @param results - one requirement per input row, as {@link computeRequirementTable} gives
 * @example
 * const text = [...requirementsCsvChunks(read.table, results)].join("");
 */
export function* requirementsCsvChunks(
  input: CsvTable,
  results: RequirementTable,
): Generator<string> {
  // pass input columns through, except those this format writes afresh
  const added = new Set<string>(REQUIREMENT_COLUMNS);
  const keep: number[] = [];
  input.header.forEach((name, i) => {
    if (!added.has(name)) keep.push(i);
  });
  const header = [...keep.map((i) => input.header[i]!), ...REQUIREMENT_COLUMNS];
  const lines: string[] = [header.map(csvCell).join(",")];
  for (let r = 0; r < results.length; r++) {
    let line = "";
    for (const i of keep) line += `${csvCell(input.cell(r, i))},`;
    lines.push(line + requirementCells(results, r));
    if (lines.length >= LINES_PER_CHUNK) {
      yield `${lines.join("\n")}\n`;
      lines.length = 0;
    }
  }
  if (lines.length > 0) yield `${lines.join("\n")}\n`;
}
