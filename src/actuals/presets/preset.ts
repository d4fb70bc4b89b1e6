/**
 * What every vendor preset of the actuals import shares: the preset's shape, and reading an
 * export's table with it into {@link ActualsRow}s, each cell located at its file, line and
 * column when it is bad. A cell that is empty or `-` is "no data" (undefined), never 0.
 *
 * @module
 */
import { delimiterHint } from "../../io/csv.ts";
import {
  instantsOfLocalTime,
  parseCsvIn,
  type CsvDialect,
  type FormatFields,
} from "../../io/dialect.ts";
import { clip, DataError, IssueList } from "../../io/errors.ts";
import { identifierProblem } from "../../io/identifiers.ts";
import { parseNumberCell } from "../../io/interval-table.ts";
import { cellReporter } from "../../io/read-input.ts";
import type { TableRead } from "../../io/table-read.ts";
import { parseInstant } from "../../time/instant.ts";
import { createZone } from "../../time/zone.ts";
import type { ActualsRow } from "../formats/actuals-csv.ts";

/** The cells of one export row, converted; undefined when absent, empty or `-`, or bad. */
export interface PresetCells {
  /** The file's header. */
  readonly header: readonly string[];
  /** A queue name (a safe identifier). */
  queue(column: string): string | undefined;
  /** Raw text of a cell ("" when the column is absent). */
  text(column: string): string;
  /** A count or amount from 0. */
  number(column: string): number | undefined;
  /** Seconds from 0: a number or `h:mm:ss`. */
  seconds(column: string): number | undefined;
  /** A percent from 0 to 100 (`88.14%`, or bare `91.7` when `bare` is "percent") as a fraction. */
  percent(column: string, bare: "percent" | "fraction"): number | undefined;
  /** An ISO-8601 instant with an offset (local times already converted by the dialect). */
  instant(column: string): number | undefined;
  /**
   * The instant of a local clock time of the zone (`localMs`: the wall time written as if UTC);
   * a repeated hour in order of appearance per `key`, a skipped one reported at `column`.
   */
  localTime(localMs: number, key: string, column: string): number | undefined;
  /** Reports a bad cell of `column`. */
  bad(column: string, message: string): void;
}

/** A vendor export read into canonical actuals. */
export interface ActualsPreset {
  /** The `--format` name. */
  readonly name: string;
  /** What the file is, for messages, e.g. "Amazon Connect historical metrics CSV". */
  readonly title: string;
  /** Headers the file must have. */
  readonly required: readonly string[];
  /** What the columns hold, for dialect conversion (delimiter, decimal comma, local times). */
  readonly fields: FormatFields;
  /** Whether its times are the switch's clock times, read in a zone that must be given. */
  readonly needsTimeZone: boolean;
  /** The canonical row of one record; undefined when a cell it needs was bad (reported). */
  row(cells: PresetCells): ActualsRow | undefined;
}

/** Options of a preset reader (and of `parseActualsExport`). */
export interface PresetReadOptions {
  /** IANA zone of local clock times (required by presets with `needsTimeZone`). */
  readonly timeZone?: string;
  readonly dialect?: CsvDialect;
}

const HMS = /^(\d{1,6}):([0-5]\d):([0-5]\d)(?:\.(\d+))?$/;
const PERCENT = /^([+-]?\d+(?:\.\d+)?)\s*%$/;

/** A canonical row whose optional fields may be undefined (no data). */
export type LooseActualsRow = Pick<ActualsRow, "startMs" | "queue"> & {
  readonly [K in keyof ActualsRow]?: ActualsRow[K] | undefined;
};

/**
 * The row without its undefined fields (no data stays absent, never 0).
 *
 * @example
 * defined({ startMs: 0, queue: "vip", handled: undefined }); // => { startMs: 0, queue: "vip" }
 */
export function defined(row: LooseActualsRow): ActualsRow {
  return Object.fromEntries(
    Object.entries(row).filter(([, v]) => v !== undefined),
  ) as unknown as ActualsRow;
}

/**
 * `a / b`, undefined when either is missing or `b` is 0 (no calls: no average).
 *
 * @example
 * ratio(1010, 111); // => 9.099099099099099
 * ratio(0, 0); // => undefined
 */
export function ratio(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined || b === 0 ? undefined : a / b;
}

/**
 * Reads an export's text with `preset`: one row per record, in file order.
 *
 * @throws DataError for missing columns (line 1: which, and the file's columns) and for bad
 *   cells (file, line, column, field)
 * @throws RangeError when the preset needs a time zone and none is given
 * @example
 * readWithPreset(AVAYA_CMS_PRESET, text, "hsplit.csv", { timeZone: "America/New_York" }).rows;
 */
export function readWithPreset(
  preset: ActualsPreset,
  text: string,
  file: string,
  options: PresetReadOptions = {},
): TableRead<ActualsRow> {
  const timeZone = options.timeZone ?? options.dialect?.timeZone;
  if (preset.needsTimeZone && timeZone === undefined)
    throw new RangeError(`${preset.name}: its times are the switch's clock: give its time zone`);
  const dialect: CsvDialect = {
    ...options.dialect,
    ...(timeZone === undefined ? {} : { timeZone }),
  };
  const table = parseCsvIn(text, file, preset.fields, dialect);
  const missing = preset.required.filter((c) => table.column(c) < 0);
  if (missing.length > 0) {
    const hint = table.header.length === 1 ? delimiterHint(table.header) : undefined;
    throw new DataError([
      {
        file,
        line: 1,
        message:
          `missing column${missing.length > 1 ? "s" : ""} ` +
          `${missing.map((c) => `"${c}"`).join(", ")} of --format ${preset.name} (${preset.title}); ` +
          `the file has: ${clip(table.header.join(", "), 300)}${hint === undefined ? "" : `: ${hint}`}`,
      },
    ]);
  }
  const zone = createZone(timeZone ?? "UTC");
  const seen = new Map<string, number>();
  const issues = new IssueList();
  const rows: ActualsRow[] = [];
  const decimalComma = dialect.decimalComma === true;
  for (let r = 0; r < table.length; r++) {
    const report = cellReporter(table, file, r, issues);
    const before = issues.size;
    const bad = (column: string, message: string): void => {
      report(Math.max(0, table.column(column)), column, message);
    };
    const text = (column: string): string => {
      const c = table.column(column);
      return c < 0 ? "" : table.cell(r, c);
    };
    const present = (column: string): string | undefined => {
      const t = text(column);
      return t === "" || t === "-" ? undefined : t;
    };
    const number = (column: string, t = present(column)): number | undefined => {
      if (t === undefined) return undefined;
      const v = parseNumberCell(decimalComma ? t.replace(",", ".") : t);
      if (v !== undefined && v >= 0) return v;
      bad(column, "expected a number from 0");
      return undefined;
    };
    const cells: PresetCells = {
      header: table.header,
      text,
      queue(column) {
        const t = text(column);
        const problem = t === "" ? "empty: every row needs its queue" : identifierProblem(t);
        if (problem === undefined) return t;
        bad(column, problem);
        return undefined;
      },
      number: (column) => number(column),
      seconds(column) {
        const t = present(column);
        const m = t === undefined ? null : HMS.exec(t);
        if (m === null) return number(column, t);
        return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(`0.${m[4] ?? 0}`);
      },
      percent(column, bare) {
        const t = present(column);
        if (t === undefined) return undefined;
        const plain = decimalComma ? t.replace(",", ".") : t;
        const m = PERCENT.exec(plain);
        const v = m === null ? parseNumberCell(plain) : Number(m[1]);
        const fraction =
          v === undefined ? undefined : m !== null || bare === "percent" ? v / 100 : v;
        if (fraction !== undefined && fraction >= 0 && fraction <= 1) return fraction;
        bad(
          column,
          bare === "percent"
            ? "expected a percent from 0 to 100"
            : "expected a percent such as 88.14%",
        );
        return undefined;
      },
      instant(column) {
        const t = present(column);
        if (t === undefined) {
          bad(column, "empty: every row needs its interval start");
          return undefined;
        }
        const v = parseInstant(t);
        if (typeof v === "number") return v;
        bad(column, v);
        return undefined;
      },
      localTime(localMs, key, column) {
        const at = instantsOfLocalTime(localMs, zone);
        if (at.length === 0) {
          bad(column, `does not exist in ${zone.name} (the clocks skip it on that day)`);
          return undefined;
        }
        const k = `${localMs}\u0000${key}`;
        const n = seen.get(k) ?? 0;
        seen.set(k, n + 1);
        return at[Math.min(n, at.length - 1)];
      },
      bad,
    };
    const row = preset.row(cells);
    if (issues.size === before && row !== undefined) rows.push(row);
  }
  issues.throwIfAny(file);
  return { file, table, rows, warnings: [] };
}
