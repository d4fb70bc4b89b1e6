/**
 * The actuals engine's file formats: the canonical actuals CSV (reader and writer).
 *
 * @module
 */
export {
  ACTUALS_COLUMNS,
  formatActualsCsv,
  parseActualsCsv,
  readActualsCsv,
  type ActualsRow,
} from "./actuals-csv.ts";
