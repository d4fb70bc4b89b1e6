/**
 * The schedule engine's file formats: the requirement CSV it covers, the shift file, the
 * schedule JSON (read and written), the agents and availability CSVs of rostering, and the
 * roster as CSV (written, and read back as the assignments to keep) and JSON.
 *
 * @module
 */
export { parseAgentsCsv, readAgentsCsv } from "./agents-csv.ts";
export {
  parseRosterAssignmentsCsv,
  parseRosterCsv,
  readRosterAssignmentsCsv,
  readRosterCsv,
  rosterAssignments,
} from "./assignments.ts";
export {
  parseAvailabilityCsv,
  readAvailabilityCsv,
  type AvailabilityOptions,
} from "./availability-csv.ts";
export type { ScheduleReadOptions } from "./read-options.ts";
export {
  parseRequirementPointsCsv,
  readRequirementPointsCsv,
  REQUIRED_AGENTS_RANGE,
  type RequirementPointsOptions,
  type RequirementPointsRead,
} from "./requirement-points.ts";
export {
  formatRosterCsv,
  rosterCsvChunks,
  segmentsCsv,
  type RosterCsvOptions,
} from "./roster-csv.ts";
export { formatRosterJson, type RosterJsonOptions } from "./roster-json.ts";
export {
  formatScheduleJson,
  parseScheduleJson,
  readScheduleJson,
  type ScheduleJson,
  type ScheduleJsonOptions,
} from "./schedule-json.ts";
export {
  parseShiftFile,
  readShiftFile,
  type ShiftFileOptions,
  type ShiftFileRead,
} from "./shift-file.ts";
