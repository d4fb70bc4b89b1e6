/**
 * The adherence engine's file formats: readers of the schedule, state events (CSV, NDJSON, and
 * a live NDJSON feed), rules and approved spans, and writers of the adherence CSV and JSON and
 * of the monitor's NDJSON alerts.
 *
 * @module
 */
export { parseApprovedSpansCsv, readApprovedSpansCsv } from "./approved-csv.ts";
export { formatMonitorAlert } from "./alerts-ndjson.ts";
export { eventFromFields, type EventFieldProblem, type EventFields } from "./event-fields.ts";
export {
  eventsFormat,
  parseStateEvents,
  readStateEvents,
  type StateEventsOptions,
} from "./events.ts";
export { formatStateEventsCsv, parseStateEventsCsv, STATE_EVENTS_COLUMNS } from "./events-csv.ts";
export {
  looksLikeCsvLine,
  parseStateEventLine,
  parseStateEventsNdjson,
  readStateEventLines,
  type BadEventLine,
  type EventLine,
  type EventLineRead,
  type EventLinesOptions,
  type EventsRead,
} from "./events-ndjson.ts";
export type { AdherenceReadOptions } from "./read-input.ts";
export { ADHERENCE_CSV_COLUMNS, formatAdherenceCsv, formatAdherenceJson } from "./report.ts";
export * from "./vendor-events/index.ts";
export { parseRulesJson, readRulesJson, type RulesRead } from "./rules-json.ts";
export { parseAdherenceScheduleCsv, readAdherenceScheduleCsv } from "./schedule-csv.ts";
