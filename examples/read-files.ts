/**
 * Reading the documented file formats with the library: `npx tsx examples/read-files.ts`.
 * Every reader names file, line, column and field of a bad cell, as the CLI does; writers give
 * back the CLI's exact output. Three small jobs on the bundled example data:
 *
 * 1. a forecast CSV read into columns, staffed, and written as the requirements CSV;
 * 2. the adherence example (schedule, events, rules, approved spans) read and computed;
 * 3. a bad row, to show where a reader says the problem is.
 */
import { fileURLToPath } from "node:url";
import {
  computeAdherence,
  formatAdherenceCsv,
  readAdherenceScheduleCsv,
  readApprovedSpansCsv,
  readRulesJson,
  readStateEvents,
} from "staffcast/adherence";
import {
  computeRequirementTable,
  DataError,
  readForecastColumnsCsv,
  requirementsCsvChunks,
} from "staffcast/erlang";
import { parseHistoryCsv } from "staffcast/forecast";

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

// 1. forecast -> requirements, as `staffcast requirements --sl 0.8 --shrinkage 0.3` does
const forecast = await readForecastColumnsCsv(here("forecast-week.csv"));
const table = computeRequirementTable(forecast.columns, {
  targets: { serviceLevel: { fraction: 0.8, seconds: 20 } },
  shrinkage: 0.3,
});
const csv = [...requirementsCsvChunks(forecast.table, table)].join("");
const peak = Math.max(...table.scheduledAgents);
console.log(
  `requirements: ${table.length} rows of forecast-week.csv, at most ${peak} scheduled agents, ${csv.length} bytes of CSV`,
);

// 2. adherence of the example day
const schedule = await readAdherenceScheduleCsv(here("adherence/schedule.csv"));
const events = await readStateEvents(here("adherence/events.ndjson"));
const { rules } = await readRulesJson(here("adherence/rules.json"));
const approved = await readApprovedSpansCsv(here("adherence/approved.csv"));
const report = computeAdherence(schedule.rows, events.rows, {
  rules,
  approved: approved.rows,
  thresholdSeconds: 60,
});
const adherence = report.totals.adherence ?? 0;
console.log(
  `adherence: ${report.agents.length} agent-days from ${events.rows.length} ${events.format} events, ${(100 * adherence).toFixed(1)} % in adherence`,
);
console.log(`adherence CSV: ${formatAdherenceCsv(report).split("\n")[0]}`);

// 3. a reader's located error
try {
  parseHistoryCsv("start,queue,calls\n2025-01-06T08:00:00Z,orders,-3\n", "history.csv");
} catch (error) {
  if (!(error instanceof DataError)) throw error;
  const i = error.issues[0]!;
  console.log(`bad row: ${i.file}:${i.line}:${i.column}: ${i.field}: ${i.message}`);
}
