/**
 * Interval tables (`start,queue,calls[,aht_s][,shrinkage]`): validated rows from a parsed CSV,
 * with the file, line and column of every bad cell.
 *
 * @module
 */
import { inRange, rangeText } from "../math/range.ts";
import { parseInstant } from "../time/instant.ts";
import { missingColumns, type CsvTable } from "./csv.ts";
import { identifierProblem } from "./identifiers.ts";
import { IssueList } from "./errors.ts";
import { cellReporter } from "./read-input.ts";

/**
 * The ranges of an interval table's cells: calls offered per interval (0 to 1e7 covers any
 * inbound queue), AHT (1 s to a day) and shrinkage (0 to 0.99: at 1 nobody would be on the
 * phones). The staffing engine's limits (`STAFFING_LIMITS` of staffcast/erlang) are these.
 */
export const INTERVAL_LIMITS = {
  calls: { min: 0, max: 1e7 },
  ahtSeconds: { min: 1, max: 86_400 },
  shrinkage: { min: 0, max: 0.99 },
} as const;

/**
 * Validated interval rows in columns (entry i belongs to record i): the shape the staffing
 * engine takes in bulk. NaN in `ahtSeconds` or `shrinkage` marks an empty or absent cell.
 */
export interface IntervalColumns {
  readonly queue: string[];
  /** UTC epoch milliseconds. */
  readonly startMs: Float64Array;
  readonly calls: Float64Array;
  readonly ahtSeconds: Float64Array;
  readonly shrinkage: Float64Array;
}

/** Options of {@link readIntervalColumns}. */
export interface IntervalRowsOptions {
  /** Column holding the calls to staff for (default `calls`), e.g. `calls_p90`. */
  readonly callsColumn?: string;
  /**
   * An empty or `-` calls cell is "no data" (NaN), as in an ACD export's interval without
   * figures; by default it is an error (a forecast to staff must have its calls).
   */
  readonly missingCalls?: boolean;
  /** Column of the row's key, read into `queue` (default `queue`; `group` for agent groups). */
  readonly keyColumn?: string;
}

/** Whether a cell says "no data". */
const noData = (text: string): boolean => text === "" || text === "-";

/**
 * Parses a numeric cell strictly: decimal notation only (no hex, binary or octal prefixes, no
 * empty cell, no Infinity; cells arrive trimmed).
 *
 * @returns the number, or undefined if the text is not a plain decimal number
 * @example
 * parseNumberCell("1.5e3"); // => 1500
 * parseNumberCell("0x10"); // => undefined
 */
export function parseNumberCell(text: string): number | undefined {
  // Number() accepts every decimal form we want; it also accepts "", surrounding blanks,
  // "Infinity" and 0x/0b/0o literals, which are ruled out here.
  const v = Number(text);
  if (!Number.isFinite(v) || text === "") return undefined;
  const c = text.charCodeAt(text.length - 1);
  if (c === 32 || c === 9 || c === 10 || c === 13) return undefined;
  const first = text.charCodeAt(0);
  if (first === 48 && text.length > 1) {
    const second = text.charCodeAt(1) | 32; // lower case
    if (second === 120 || second === 98 || second === 111) return undefined; // x, b, o
  }
  if (first !== 43 && first !== 45 && first !== 46 && !(first >= 48 && first <= 57)) {
    return undefined; // leading blank or anything else
  }
  return v;
}

const CALLS_EXPECTED = `expected a number ${rangeText(INTERVAL_LIMITS.calls)}`;
const AHT_EXPECTED = `expected a number of seconds ${rangeText(INTERVAL_LIMITS.ahtSeconds)}`;
const SHRINKAGE_EXPECTED = `expected a fraction ${rangeText(INTERVAL_LIMITS.shrinkage)}`;

/**
 * Validates the rows of an interval table into columns.
 *
 * Required columns: `start` (ISO-8601 with an offset or Z) and the calls column (0 to 1e7).
 * Optional: `queue` (text), `aht_s` (1 to 86,400 seconds; an empty cell means "use the
 * default"), `shrinkage` (0 to 0.99; empty means default). Other columns are ignored here
 * (callers pass them through).
 *
 * @throws DataError naming file, line, column and field of each bad cell (up to 20)
 */
export function readIntervalColumns(
  table: CsvTable,
  file: string,
  options: IntervalRowsOptions = {},
): IntervalColumns {
  const callsColumn = options.callsColumn ?? "calls";
  const index = (name: string): number => table.header.indexOf(name);
  const iStart = index("start");
  const iCalls = index(callsColumn);
  const keyColumn = options.keyColumn ?? "queue";
  const iQueue = index(keyColumn);
  const iAht = index("aht_s");
  const iShrink = index("shrinkage");
  const issues = new IssueList();
  for (const issue of missingColumns(table, file, ["start", callsColumn])) issues.add(issue);
  issues.throwIfAny(file);

  const n = table.length;
  const out: IntervalColumns = {
    queue: new Array<string>(n).fill(""),
    startMs: new Float64Array(n),
    calls: new Float64Array(n),
    ahtSeconds: new Float64Array(n).fill(Number.NaN),
    shrinkage: new Float64Array(n).fill(Number.NaN),
  };
  const bad = (r: number, col: number, field: string, message: string): void => {
    cellReporter(table, file, r, issues)(col, field, message);
  };
  const queueNames = new Map<string, string>();
  for (let r = 0; r < n; r++) {
    const start = parseInstant(table.cell(r, iStart));
    if (typeof start === "string") bad(r, iStart, "start", start);
    else out.startMs[r] = start;
    const callsText = table.cell(r, iCalls);
    const calls = parseNumberCell(callsText);
    if (options.missingCalls === true && noData(callsText)) out.calls[r] = Number.NaN;
    else if (calls === undefined || !inRange(calls, INTERVAL_LIMITS.calls))
      bad(r, iCalls, callsColumn, CALLS_EXPECTED);
    else out.calls[r] = calls;
    if (iQueue >= 0) {
      // one string per distinct queue name, not one per row
      const name = table.cell(r, iQueue);
      let interned = queueNames.get(name);
      if (interned === undefined) {
        const problem = identifierProblem(name);
        if (problem !== undefined) bad(r, iQueue, keyColumn, problem);
        queueNames.set(name, (interned = name));
      }
      out.queue[r] = interned;
    }
    if (iAht >= 0) {
      const text = table.cell(r, iAht);
      if (!noData(text)) {
        const aht = parseNumberCell(text);
        if (aht === undefined || !inRange(aht, INTERVAL_LIMITS.ahtSeconds))
          bad(r, iAht, "aht_s", AHT_EXPECTED);
        else out.ahtSeconds[r] = aht;
      }
    }
    if (iShrink >= 0) {
      const text = table.cell(r, iShrink);
      if (!noData(text)) {
        const shrinkage = parseNumberCell(text);
        if (shrinkage === undefined || !inRange(shrinkage, INTERVAL_LIMITS.shrinkage)) {
          bad(r, iShrink, "shrinkage", SHRINKAGE_EXPECTED);
        } else out.shrinkage[r] = shrinkage;
      }
    }
  }
  issues.throwIfAny(file);
  return out;
}
