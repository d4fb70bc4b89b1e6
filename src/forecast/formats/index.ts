/**
 * The forecast engine's file formats: readers of the history, ad log, holidays, overrides and
 * forecast CSVs (text or a path, typed rows, errors located as `file:line:column: field`), and
 * the writer of the forecast CSV.
 *
 * @module
 */
export { parseAdsCsv, readAdsCsv } from "./ads-csv.ts";
export {
  formatForecastCsv,
  forecastCsvChunks,
  parseForecastCsv,
  readForecastCsv,
  type ForecastCsvRow,
} from "./forecast-csv.ts";
export { parseHistoryCsv, readHistoryCsv } from "./history-csv.ts";
export { parseHolidaysCsv, readHolidaysCsv } from "./holidays-csv.ts";
export { parseOverridesCsv, readOverridesCsv } from "./overrides-csv.ts";
export type { ForecastReadOptions } from "./read-input.ts";
