/**
 * staffcast/adherence: schedule adherence and conformance from agent state events, historical
 * (per agent and day, with exceptions) and in real time (a monitor with alerts).
 *
 * @example
 * import { computeAdherence, readAdherenceScheduleCsv, readRulesJson, readStateEvents } from "staffcast/adherence";
 * const schedule = await readAdherenceScheduleCsv("segments.csv");
 * const events = await readStateEvents("states.ndjson");
 * const { rules } = await readRulesJson("rules.json");
 * const report = computeAdherence(schedule.rows, events.rows, { rules, thresholdSeconds: 60 });
 * report.agents[0]; // { agentId, date, scheduledSeconds, inSeconds, outSeconds, neutralSeconds, adherence, conformance, exceptions }
 *
 * @module
 */
export {
  computeAdherence,
  mergeSpans,
  totalsOf,
  type AdherenceOptions,
  type AdherenceReport,
  type AdherenceTotals,
} from "./compute.ts";
export {
  classifyAt,
  computeAgentDay,
  type AdherenceException,
  type AgentDayResult,
  type ApprovedSpan,
  type DayOptions,
} from "./day.ts";
export {
  buildTimeline,
  compareEvents,
  entryAt,
  LOGGED_OUT,
  type AdherenceWarning,
  type DuplicateCounts,
  type OrderedEvent,
  type StateEvent,
  type Timeline,
} from "./events.ts";
export {
  CATEGORIES,
  DEFAULT_STATES,
  DEFAULT_WORKING_STATES,
  defaultAdherenceRules,
  parseRules,
  type Adherence,
  type AdherenceRule,
  type AdherenceRules,
  type Category,
  type RulesFile,
} from "./rules.ts";
export {
  agentDays,
  placeSegments,
  WINDOW_HOURS,
  type AgentDay,
  type PlacedSegment,
  type ScheduleSegment,
} from "./schedule.ts";
export { createAdherenceMonitor } from "./monitor.ts";
export type { AdherenceMonitor, AgentStatus, MonitorOptions } from "./monitor-types.ts";
export { MAX_HELD_EVENTS } from "./held-events.ts";
export {
  badEventWarning,
  warningOf,
  type BackInAdherenceAlert,
  type MonitorAlert,
  type MonitorRunAlertFields,
  type MonitorWarning,
  type MonitorWarningCode,
  type OutOfAdherenceAlert,
  type OutOfAdherenceEndedAlert,
} from "./alerts.ts";
export * from "./formats/index.ts";
