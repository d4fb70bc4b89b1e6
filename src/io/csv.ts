/**
 * CSV reading and writing (RFC 4180: comma separator, double-quoted fields with "" escapes,
 * CRLF or LF line ends (or CR alone, as old Macs wrote), an optional UTF-8 byte-order mark, a
 * header row).
 *
 * A small purpose-built parser rather than csv-parse: staffing a million intervals end to end
 * must fit in 5 s, and csv-parse alone took 2.4 s on such a file. The parser does not build an
 * array of strings per record: it keeps the text and the offsets of each cell in typed arrays
 * and cuts a cell out only when asked, so a million-row file costs a few dozen megabytes beyond
 * its text instead of hundreds, and the garbage collector has almost nothing to trace.
 * Every record keeps its physical line number for error messages.
 *
 * @module
 */
import { clip, DataError, IssueList, type DataIssue } from "./errors.ts";

/** The field delimiters staffcast reads. */
export const DELIMITERS = [",", ";", "\t", "|"] as const;
/** A field delimiter. */
export type Delimiter = (typeof DELIMITERS)[number];

/** Counts a character outside double quotes in one line. */
function countOutsideQuotes(line: string, ch: string): number {
  let count = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) count++;
  }
  return count;
}

/**
 * The delimiter of a CSV text: the candidate found most often in its first line outside quotes
 * (ties and none: a comma).
 *
 * @example
 * detectDelimiter("Interval;Queue;Offered\n"); // => ";"
 */
export function detectDelimiter(text: string): Delimiter {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let end = text.indexOf("\n", start);
  if (end === -1) end = text.length;
  const first = text.slice(start, Math.min(end, start + 65_536));
  let best: Delimiter = ",";
  let bestCount = countOutsideQuotes(first, ",");
  for (const d of DELIMITERS) {
    const n = countOutsideQuotes(first, d);
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

/**
 * A hint for a header that does not match: the delimiter the file seems to use when it is not
 * the one read with, else undefined.
 *
 * @example
 * delimiterHint(["Interval;Queue;Offered"], ","); // => 'it seems to use ";" between fields: give --delimiter ";"'
 */
export function delimiterHint(
  header: readonly string[],
  usedDelimiter: Delimiter = ",",
): string | undefined {
  const seems = detectDelimiter(header.join(usedDelimiter));
  if (seems === usedDelimiter) return undefined;
  const shown = seems === "\t" ? "tab" : `"${seems}"`;
  return `it seems to use ${shown} between fields: give --delimiter ${seems === "\t" ? "tab" : `"${seems}"`}`;
}

/** Marks a cell whose text is kept unescaped in a side map (it was quoted). */
const QUOTED = -1;

/**
 * A parsed CSV table: header names and, per record, its cells and line number. Cells are cut
 * from the file's text on demand.
 */
export class CsvTable {
  /** Column names, in file order. */
  readonly header: readonly string[];
  /** Number of records (rows after the header). */
  readonly length: number;
  readonly #text: string;
  readonly #width: number;
  readonly #starts: Int32Array;
  readonly #ends: Int32Array;
  readonly #lines: Int32Array;
  readonly #quoted: ReadonlyMap<number, string>;

  /** @internal built by {@link parseCsv} */
  constructor(
    text: string,
    header: readonly string[],
    length: number,
    starts: Int32Array,
    ends: Int32Array,
    lines: Int32Array,
    quoted: ReadonlyMap<number, string>,
  ) {
    this.header = header;
    this.length = length;
    this.#text = text;
    this.#width = header.length;
    this.#starts = starts;
    this.#ends = ends;
    this.#lines = lines;
    this.#quoted = quoted;
  }

  /** Text of the cell in record `row` (0-based), column `column` (0-based). */
  cell(row: number, column: number): string {
    const k = row * this.#width + column;
    const start = this.#starts[k]!;
    if (start === QUOTED) return this.#quoted.get(k)!;
    return this.#text.slice(start, this.#ends[k]);
  }

  /** 1-based physical line on which record `row` starts. */
  line(row: number): number {
    return this.#lines[row]!;
  }

  /** Record `row` as an array of cell texts. */
  record(row: number): string[] {
    const out = new Array<string>(this.#width);
    for (let c = 0; c < this.#width; c++) out[c] = this.cell(row, c);
    return out;
  }

  /** All records as arrays of cell texts (for small tables and tests). */
  records(): string[][] {
    return Array.from({ length: this.length }, (_, r) => this.record(r));
  }

  /** Index of a column by name, or -1. */
  column(name: string): number {
    return this.header.indexOf(name);
  }
}

/** Growable Int32Array. */
class IntList {
  data = new Int32Array(1024);
  size = 0;
  push(v: number): void {
    if (this.size === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.size++] = v;
  }
  finish(): Int32Array {
    return this.data.subarray(0, this.size);
  }
}

const isSpaceOrTab = (code: number): boolean => code === 32 || code === 9;

/**
 * Parses CSV text with a header row (fields separated by `options.delimiter`, default a comma).
 * Empty lines are skipped; every record must have as many
 * fields as the header. Cells are trimmed of surrounding spaces and tabs unless quoted.
 *
 * @param text - the whole file (at most 2^31 characters)
 * @param file - name used in error messages
 * @throws DataError with the line (and column) of the problems found (the first 20 listed, the
 *   rest counted; one quoting problem per record)
 * @example
 * parseCsv("start,calls\n2025-01-06T08:00:00Z,12\n", "f.csv").record(0); // => ["2025-01-06T08:00:00Z", "12"]
 */
export function parseCsv(
  rawText: string,
  file: string,
  options: { readonly delimiter?: "," | ";" | "\t" | "|" } = {},
): CsvTable {
  const delimiter = options.delimiter ?? ",";
  const delimiterCode = delimiter.charCodeAt(0);
  // a tab separates fields in a tab-separated file: only spaces are trimmed then
  const isBlank = delimiter === "\t" ? (code: number): boolean => code === 32 : isSpaceOrTab;
  // Old Mac line ends (CR only): read as line ends. Files with LF or CRLF are left as they are.
  const text =
    rawText.includes("\r") && !rawText.includes("\n") ? rawText.replaceAll("\r", "\n") : rawText;
  const issues = new IssueList();
  const n = text.length;
  const starts = new IntList();
  const ends = new IntList();
  const lines = new IntList();
  const quoted = new Map<number, string>();
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let width = -1; // fields per record, from the header
  let header: string[] = [];
  // Position of the next double quote at or after `pos` (n when there is none), searched again
  // only once `pos` has passed it: looking it up afresh on every line would scan the rest of a
  // quote-free file each time, quadratic in its size.
  let nextQuote = -1;
  // The same for the next delimiter: a file without one (one column) must not be scanned to its
  // end from every line.
  let nextComma = -1;

  while (pos < n) {
    const startLine = line;
    let end = text.indexOf("\n", pos);
    if (end === -1) end = n;
    if (nextQuote < pos) {
      nextQuote = text.indexOf('"', pos);
      if (nextQuote === -1) nextQuote = n;
    }
    const before = starts.size;
    let fields = 0;
    if (nextQuote >= end) {
      // Fast path: a line without quotes. Record each field's trimmed span.
      let stop = end;
      if (stop > pos && text.charCodeAt(stop - 1) === 13) stop--;
      let a = pos;
      while (a < stop && isBlank(text.charCodeAt(a))) a++;
      pos = end + 1;
      line++;
      if (a === stop) continue; // blank line
      let fieldStart = a;
      for (;;) {
        if (nextComma < fieldStart) {
          nextComma = text.indexOf(delimiter, fieldStart);
          if (nextComma === -1) nextComma = n;
        }
        const comma = nextComma > stop ? stop : nextComma;
        let s = fieldStart;
        let e = comma;
        while (s < e && isBlank(text.charCodeAt(s))) s++;
        while (e > s && isBlank(text.charCodeAt(e - 1))) e--;
        starts.push(s);
        ends.push(e);
        fields++;
        if (comma === stop) break;
        fieldStart = comma + 1;
      }
    } else {
      // Slow path: a record with quoted fields, possibly spanning lines.
      let field = "";
      let isQuoted = false;
      let inQuotes = false;
      let done = false;
      let fieldStart = pos;
      let quoteProblem = false; // one per record: junk full of quotes must not flood
      const quoteIssue = (message: string): void => {
        if (quoteProblem) return;
        quoteProblem = true;
        issues.add({ file, line, message });
      };
      const push = (): void => {
        if (isQuoted) {
          quoted.set(starts.size, field);
          starts.push(QUOTED);
          ends.push(QUOTED);
        } else {
          let s = fieldStart;
          let e = pos;
          if (e > s && text.charCodeAt(e - 1) === 13) e--;
          while (s < e && isBlank(text.charCodeAt(s))) s++;
          while (e > s && isBlank(text.charCodeAt(e - 1))) e--;
          starts.push(s);
          ends.push(e);
        }
        fields++;
      };
      while (!done) {
        if (pos >= n) {
          if (inQuotes) {
            issues.add({ file, line: startLine, message: "quoted field is never closed" });
            issues.throwIfAny(file);
          }
          push();
          break;
        }
        const ch = text.charCodeAt(pos);
        if (inQuotes) {
          if (ch === 34) {
            if (text.charCodeAt(pos + 1) === 34) {
              field += '"';
              pos += 2;
            } else {
              inQuotes = false;
              pos++;
            }
          } else {
            const chunkEnd = text.indexOf('"', pos);
            const stop = chunkEnd === -1 ? n : chunkEnd;
            const chunk = text.slice(pos, stop);
            for (let i = chunk.indexOf("\n"); i !== -1; i = chunk.indexOf("\n", i + 1)) line++;
            field += chunk;
            pos = stop;
          }
        } else if (ch === 34) {
          if (text.slice(fieldStart, pos).trim() !== "") {
            quoteIssue("a quote inside an unquoted field");
          }
          field = "";
          isQuoted = true;
          inQuotes = true;
          pos++;
        } else if (ch === delimiterCode) {
          push();
          pos++;
          fieldStart = pos;
          field = "";
          isQuoted = false;
        } else if (ch === 10) {
          push();
          pos++;
          line++;
          done = true;
        } else {
          if (isQuoted && !isBlank(ch) && ch !== 13) {
            quoteIssue("text after a closing quote");
          }
          pos++;
        }
      }
      nextQuote = -1;
    }

    if (width < 0) {
      // the header
      for (let k = before; k < starts.size; k++) {
        const st = starts.data[k]!;
        header.push(st === QUOTED ? quoted.get(k)! : text.slice(st, ends.data[k]));
      }
      width = fields;
      starts.size = ends.size = before;
      quoted.clear();
      continue;
    }
    if (fields !== width) {
      issues.add({
        file,
        line: startLine,
        message: `expected ${width} fields like the header, found ${fields}`,
      });
      // keep the offsets aligned: drop what this record added
      for (let k = before; k < starts.size; k++) quoted.delete(k);
      starts.size = ends.size = before;
      continue;
    }
    lines.push(startLine);
  }

  if (width < 0) {
    issues.add({ file, message: "the file is empty: expected a header row" });
    issues.throwIfAny(file);
  }
  const seen = new Set<string>();
  header.forEach((name, i) => {
    if (name === "")
      issues.add({ file, line: 1, column: i + 1, message: "empty column name in the header" });
    else if (seen.has(name))
      issues.add({ file, line: 1, column: i + 1, message: `duplicate column "${clip(name, 60)}"` });
    seen.add(name);
  });
  issues.throwIfAny(file);
  header = header.slice();
  return new CsvTable(
    text,
    header,
    lines.size,
    starts.finish(),
    ends.finish(),
    lines.finish(),
    quoted,
  );
}

/** A "missing column" issue (line 1 of `file`) for each of `required` the table lacks. */
export function missingColumns(
  table: CsvTable,
  file: string,
  required: readonly string[],
): DataIssue[] {
  const have = `(columns: ${clip(table.header.join(","), 200)})`;
  const hint = table.header.length === 1 ? delimiterHint(table.header) : undefined;
  return required
    .filter((name) => table.column(name) < 0)
    .map((name) => ({
      file,
      line: 1,
      message: `missing column "${name}" ${have}${hint === undefined ? "" : `: ${hint}`}`,
    }));
}

/**
 * Indexes of the `required` columns, in their order.
 *
 * @throws DataError naming every missing one
 * @example
 * const [iStart, iEnd] = requireColumns(table, "spans.csv", ["start", "end"]);
 */
export function requireColumns(
  table: CsvTable,
  file: string,
  required: readonly string[],
): number[] {
  const issues = missingColumns(table, file, required);
  if (issues.length > 0) throw new DataError(issues);
  return required.map((name) => table.column(name));
}

/** Quotes a cell when it contains a comma, quote, line break or surrounding spaces. */
export function csvCell(value: string): string {
  if (/[",\r\n]/.test(value) || (value !== value.trim() && value !== "")) {
    return `"${value.replaceAll('"', '""')}"`;
  }
  return value;
}

/**
 * Formats rows as CSV text (LF line ends, header first).
 *
 * @example
 * formatCsv(["a", "b"], [["1", "x,y"]]); // => 'a,b\n1,"x,y"\n'
 */
export function formatCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const out: string[] = [header.map(csvCell).join(",")];
  for (const row of rows) {
    let line = "";
    for (let i = 0; i < row.length; i++) {
      if (i > 0) line += ",";
      line += csvCell(row[i]!);
    }
    out.push(line);
  }
  return `${out.join("\n")}\n`;
}

/**
 * Number as written in CSV and JSON outputs: unrounded (shortest text that reads back to the
 * same double), empty for null, infinite or NaN values.
 */
export function csvNumber(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return "";
  return String(value);
}
