/**
 * CSV files as people have them: another delimiter (`;`, tab, `|`, detected from the header),
 * other column names (a mapping to staffcast's), clock times without an offset read in a named
 * zone, date/time patterns (date-fns tokens), durations as `h:mm:ss`, a decimal comma, percent
 * cells for fractions, and `-` for "no data". {@link normalizeCsv} rewrites such a file into
 * staffcast's own CSV (comma, canonical header, canonical cells) with every record on the line
 * it had, and the columns in their order, so the format readers report problems at the
 * original file's line and column.
 *
 * Daylight saving: a local time that does not exist (the hour skipped in spring) is an error
 * naming it; a local time that happens twice (the hour repeated in autumn) is read in order of
 * appearance, per queue or agent: its first occurrence is the one before the change, the second
 * the one after.
 *
 * @module
 */
import { tz } from "@date-fns/tz";
import { parse as parseWithPattern } from "date-fns";
import {
  csvCell,
  delimiterHint,
  detectDelimiter,
  parseCsv,
  type CsvTable,
  type Delimiter,
} from "./csv.ts";

export { DELIMITERS, delimiterHint, detectDelimiter, type Delimiter } from "./csv.ts";
import { clip, IssueList } from "./errors.ts";
import { createZone, type Zone } from "../time/zone.ts";
import { formatInstantUtc, parseInstant } from "../time/instant.ts";

/** How a CSV file differs from staffcast's own format. */
export interface CsvDialect {
  /** The field delimiter (default: detected from the header among `,` `;` tab `|`). */
  readonly delimiter?: Delimiter;
  /** staffcast's column name -> the file's header, e.g. `{ start: "Interval", calls: "Offered" }`. */
  readonly columns?: Readonly<Record<string, string>>;
  /** Read instants without an offset as clock times in `timeZone`. */
  readonly localTimes?: boolean;
  /** IANA zone of local clock times (default UTC). */
  readonly timeZone?: string;
  /** A date-fns pattern for instants, e.g. `M/d/yyyy h:mm a` (default: ISO-8601). */
  readonly timeFormat?: string;
  /** Numbers use a decimal comma (`4,5`). */
  readonly decimalComma?: boolean;
}

/**
 * What a column holds, for conversion: an instant, a number, a fraction (percent cells
 * accepted), a duration in seconds (`h:mm:ss` accepted), or anything else (kept).
 */
export type FieldKind = "instant" | "number" | "fraction" | "seconds" | "text";

/** The columns of a format and what they hold; `key` columns tell repeated local times apart. */
export interface FormatFields {
  readonly kinds: Readonly<Record<string, FieldKind>>;
  /** Columns whose values, with the local time, identify a row (`queue`, `agent_id`). */
  readonly keys?: readonly string[];
}

/** Whether the dialect asks for anything beyond the delimiter. */
function rewrites(dialect: CsvDialect): boolean {
  return (
    (dialect.columns !== undefined && Object.keys(dialect.columns).length > 0) ||
    dialect.localTimes === true ||
    dialect.timeFormat !== undefined ||
    dialect.decimalComma === true
  );
}

const LOCAL_ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,3}))?)?$/;
const HAS_OFFSET = /(?:[zZ]|[+-]\d{2}(?::?\d{2})?)$/;
const HMS = /^(\d{1,6}):([0-5]\d):([0-5]\d)(?:[.,](\d+))?$/;
const PERCENT = /^([+-]?\d+(?:[.,]\d+)?)\s*%$/;
const COMMA_NUMBER = /^[+-]?\d*,\d+$/;

/** Whether a date-fns pattern gives the offset itself (X, x, O tokens outside quotes). */
function patternHasOffset(pattern: string): boolean {
  return /[XxO]/.test(pattern.replace(/'[^']*'/g, ""));
}

/**
 * The instants whose clock time in `zone` is `localMs` (a local wall time written as if UTC):
 * none in a gap, two in a repeated hour (earlier first).
 */
export function instantsOfLocalTime(localMs: number, zone: Zone): number[] {
  const out: number[] = [];
  for (const probe of [localMs - 14 * 3_600_000, localMs + 14 * 3_600_000]) {
    const off = zone.offsetMinutes(probe);
    const t = localMs - off * 60_000;
    if (zone.offsetMinutes(t) === off && !out.includes(t)) out.push(t);
  }
  return out.sort((a, b) => a - b);
}

/** One converted cell, or a message saying what is wrong with it. */
type Converted = { readonly text: string } | { readonly problem: string };

/** The cell converters of one file under one dialect. */
function converters(dialect: CsvDialect) {
  const zone = createZone(dialect.timeZone ?? "UTC");
  const utc = tz("UTC");
  const seen = new Map<string, number>();
  const local = (localMs: number, key: string, shown: string): Converted => {
    const at = instantsOfLocalTime(localMs, zone);
    if (at.length === 0)
      return {
        problem: `${shown} does not exist in ${zone.name} (the clocks skip it on that day)`,
      };
    if (at.length === 1) return { text: formatInstantUtc(at[0]!) };
    const k = `${localMs}\u0000${key}`;
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    return { text: formatInstantUtc(at[Math.min(n, at.length - 1)]!) };
  };
  const number = (text: string): string =>
    dialect.decimalComma === true && COMMA_NUMBER.test(text) ? text.replace(",", ".") : text;
  return {
    instant(text: string, key: string): Converted {
      if (dialect.timeFormat !== undefined) {
        const d = parseWithPattern(text, dialect.timeFormat, new Date(0), { in: utc });
        if (Number.isNaN(+d)) return { problem: `expected a time like "${dialect.timeFormat}"` };
        if (patternHasOffset(dialect.timeFormat)) return { text: formatInstantUtc(+d) };
        if (dialect.localTimes !== true)
          return { problem: "no time-zone offset: add --local-times to read it in --tz" };
        return local(+d, key, `"${text}"`);
      }
      if (HAS_OFFSET.test(text) || dialect.localTimes !== true) return { text };
      const m = LOCAL_ISO.exec(text);
      if (m === null) return { text }; // the reader says what is wrong
      // the project's parser: years 1900..9999, no impossible dates (Date.UTC would roll
      // 2025-02-30 into March and read year 0050 as 1950)
      const frac = (m[7] ?? "0").padEnd(3, "0");
      const ms = parseInstant(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? "00"}.${frac}Z`);
      if (typeof ms === "string") return { problem: ms };
      return local(ms, key, `"${text}"`);
    },
    number(text: string): Converted {
      if (PERCENT.test(text)) return { problem: "a percent where a count or amount is expected" };
      return { text: number(text) };
    },
    fraction(text: string): Converted {
      const m = PERCENT.exec(text);
      if (m === null) return { text: number(text) };
      const v = Number(m[1]!.replace(",", "."));
      return { text: String(v / 100) };
    },
    seconds(text: string): Converted {
      const m = HMS.exec(text);
      if (m === null) return { text: number(text) };
      const fraction = m[4] === undefined ? 0 : Number(`0.${m[4]}`);
      return { text: String(Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) + fraction) };
    },
  };
}

/**
 * Rewrites a CSV file of another dialect into staffcast's own CSV for a format whose columns
 * are `fields`: commas, the canonical header, converted cells, each record on its original
 * line and every column in its place. A comma-separated text with no rewriting asked for is
 * returned as it is. One header may be mapped to several names (`calls=Offered,offered=Offered`):
 * the first keeps its place, the others are copies appended after the file's columns (their
 * conversion problems are reported at the source column).
 *
 * @param file - the name used in messages
 * @throws DataError for a mapped column the header lacks, or cells that cannot be converted
 *   (file, line, column, field, the text and what was expected)
 * @example
 * normalizeCsv("Interval;Offered\n2025-02-03 08:00;12\n", "export.csv", HISTORY_FIELDS, {
 *   columns: { start: "Interval", calls: "Offered" },
 *   localTimes: true,
 *   timeZone: "Asia/Shanghai",
 * }); // => "start,calls\n2025-02-03T00:00:00Z,12\n"
 */
export function normalizeCsv(
  text: string,
  file: string,
  fields: FormatFields,
  dialect: CsvDialect = {},
): string {
  const delimiter = dialect.delimiter ?? detectDelimiter(text);
  if (delimiter === "," && !rewrites(dialect)) return text;
  const table = parseCsv(text, file, { delimiter });
  const issues = new IssueList();
  // the canonical name of each column: mapped, else its own (renamed if a mapping takes it);
  // a source column mapped to several names keeps its place under the first, and each other
  // name is a copy of it appended after the file's columns
  const mapped = new Map<string, string[]>(); // source header -> canonical names
  const hint = table.header.length === 1 ? delimiterHint(table.header, delimiter) : undefined;
  for (const [canonical, source] of Object.entries(dialect.columns ?? {})) {
    if (table.column(source) < 0) {
      issues.add({
        file,
        line: 1,
        message: `column "${clip(source, 60)}" (given for ${canonical}) is not in the header (columns: ${clip(table.header.join(delimiter), 200)})${hint === undefined ? "" : `: ${hint}`}`,
      });
    }
    mapped.set(source, [...(mapped.get(source) ?? []), canonical]);
  }
  issues.throwIfAny(file);
  const taken = new Set([...mapped.values()].flat());
  const own = table.header.map((h) =>
    mapped.has(h) ? mapped.get(h)![0]! : taken.has(h) ? `${h} (not used)` : h,
  );
  const copies = [...mapped].flatMap(([source, names]) =>
    names.slice(1).map((name) => ({ name, from: table.column(source) })),
  );
  const header = [...own, ...copies.map((c) => c.name)];
  const sourceOf = [...own.map((_, c) => c), ...copies.map((c) => c.from)];
  const convert = converters(dialect);
  const kinds = header.map((h) => fields.kinds[h] ?? "text");
  const keyColumns = (fields.keys ?? []).map((k) => header.indexOf(k)).filter((i) => i >= 0);
  const out: string[] = [header.map(csvCell).join(",")];
  let line = 1;
  for (let r = 0; r < table.length; r++) {
    const target = table.line(r);
    while (line < target - 1) {
      out.push("");
      line++;
    }
    const key = keyColumns.map((c) => table.cell(r, sourceOf[c]!)).join("\u0000");
    // a cell converted once per kind: a copy of an instant column must not count a repeated
    // local time twice, nor report the same problem twice
    const done = new Map<string, string>();
    const cells = header.map((name, c) => {
      const raw = table.cell(r, sourceOf[c]!);
      if (raw === "-" || raw === "") return "";
      const kind = kinds[c]!;
      if (kind === "text") return csvCell(raw);
      const once = `${sourceOf[c]!}:${kind}`;
      const before = done.get(once);
      if (before !== undefined) return before;
      const result = kind === "instant" ? convert.instant(raw, key) : convert[kind](raw);
      done.set(once, "problem" in result ? "" : csvCell(result.text));
      if ("problem" in result) {
        issues.add({
          file,
          line: target,
          column: sourceOf[c]! + 1,
          field: name,
          message: `${result.problem} (got "${clip(raw, 60)}")`,
        });
        return "";
      }
      return csvCell(result.text);
    });
    out.push(cells.join(","));
    line = target;
    // a record spanning lines (a quoted line break) keeps it: count the lines it wrote
    line += cells.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
  }
  issues.throwIfAny(file);
  return `${out.join("\n")}\n`;
}

/** The option of every CSV reader: the dialect its file is in (default: staffcast's own). */
export interface DialectOption {
  readonly dialect?: CsvDialect;
}

/**
 * Parses a CSV input of a format with `fields`, in `dialect` (see {@link normalizeCsv}).
 *
 * @throws DataError located at the original file's line and column
 */
export function parseCsvIn(
  text: string,
  file: string,
  fields: FormatFields,
  dialect?: CsvDialect,
): CsvTable {
  return parseCsv(normalizeCsv(text, file, fields, dialect), file);
}
