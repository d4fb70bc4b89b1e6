/**
 * staffcast: a workforce-management engine for inbound call centers.
 *
 * Everything is also available by stage: `staffcast/forecast` (call volume with the response to
 * ad spots), `staffcast/erlang` (staffing: Erlang B, C and A), `staffcast/schedule` (shifts with
 * breaks, rosters) and `staffcast/adherence` (adherence and conformance, historical and real
 * time). The plan (`staffcast/plan`) is only a subpath. This entry also has what every reader
 * shares: `DataError` and its located issues, `TableRead`, `locateRows`, and the instant,
 * zone, duration and clock-time parsers the command line uses.
 *
 * @example
 * import { parseInstant, createZone, formatInstant } from "staffcast";
 * const ms = parseInstant("2025-01-06T08:00:00+01:00"); // 1736146800000 (or a message)
 * formatInstant(ms as number, createZone("Europe/Berlin")); // "2025-01-06T08:00:00+01:00"
 *
 * @module
 */
export * from "./erlang/index.ts";
export * from "./forecast/index.ts";
export * from "./schedule/index.ts";
export * from "./adherence/index.ts";

// What every reader shares: located errors, the read result, and the time parsers the CLI uses.
export {
  DataError,
  EXIT,
  formatIssue,
  MAX_ISSUES,
  NoInputError,
  StaffcastError,
  UsageError,
  type DataIssue,
} from "./io/errors.ts";
export { locateRows, type TableRead } from "./io/table-read.ts";
export type { ReadOptions } from "./io/read-input.ts";
export {
  DELIMITERS,
  delimiterHint,
  detectDelimiter,
  instantsOfLocalTime,
  normalizeCsv,
  type CsvDialect,
  type Delimiter,
  type DialectOption,
  type FieldKind,
  type FormatFields,
} from "./io/dialect.ts";
export type { CsvTable } from "./io/csv.ts";
export type { IntervalColumns } from "./io/interval-table.ts";
export { formatInstantUtc, MAX_YEAR, MIN_YEAR, parseInstant } from "./time/instant.ts";
export {
  createZone,
  formatDay,
  formatInstant,
  parseDay,
  zoneNameProblem,
  type Zone,
} from "./time/zone.ts";
export { inferSpacing, parseDuration, type SpacingResult } from "./time/duration.ts";
export { parseClockTime, type ClockTimeOptions } from "./time/clock.ts";
