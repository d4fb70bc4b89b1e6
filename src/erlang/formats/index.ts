/**
 * The staffing engine's file formats: the forecast CSV read into columns, and the requirements
 * CSV written from a requirement table.
 *
 * @module
 */
export {
  parseForecastColumnsCsv,
  readForecastColumnsCsv,
  type ForecastColumnsOptions,
  type ForecastColumnsRead,
} from "./forecast-columns.ts";
export {
  REQUIREMENT_COLUMNS,
  requirementCells,
  requirementsCsvChunks,
  staffingResultCells,
} from "./requirements-csv.ts";
export {
  parseIntervalAgentsCsv,
  readIntervalAgentsCsv,
  type IntervalAgents,
} from "./agents-csv.ts";
export { formatSimulationJson, type SimulationPoolNote } from "./simulation-json.ts";
export { formatStaffingJson } from "./staffing-json.ts";
export {
  parseGroupAgentsCsv,
  readGroupAgentsCsv,
  type GroupAgentsOptions,
  type GroupIntervalAgents,
} from "./group-agents-csv.ts";
export { formatRoutedSimulationJson } from "./routed-simulation-json.ts";
export {
  formatGroupRequirementsCsv,
  formatQueueOutcomesCsv,
  GROUP_REQUIREMENT_COLUMNS,
  parseQueueOutcomesCsv,
  QUEUE_OUTCOME_COLUMNS,
  readQueueOutcomesCsv,
} from "./routed-requirements-csv.ts";
