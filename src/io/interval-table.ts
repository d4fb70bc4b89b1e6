/**
 * Interval tables (`start,queue,calls[,aht_s][,shrinkage]`): validated rows from a parsed CSV,
 * with the file, line and column of every bad cell.
 *
 * @module
 */
import { parseInstant } from "../time/instant.ts";
import type { CsvTable } from "./csv.ts";
import { DataError, type DataIssue } from "./errors.ts";

/** One validated interval row. */
export interface IntervalRow {
  readonly queue: string;
  /** UTC epoch milliseconds. */
  readonly startMs: number;
  readonly calls: number;
  readonly ahtSeconds?: number;
  readonly shrinkage?: number;
}

/** Options of {@link readIntervalRows}. */
export interface IntervalRowsOptions {
  /** Column holding the calls to staff for (default `calls`), e.g. `calls_p90`. */
  readonly callsColumn?: string;
}

/** At most this many problems are listed; the rest are counted. */
export const MAX_ISSUES = 20;

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parses a numeric cell strictly: decimal notation only (no hex, no empty cell, no Infinity).
 *
 * @returns the number, or undefined if the text is not a plain decimal number
 */
export function parseNumberCell(text: string): number | undefined {
  if (!NUMBER.test(text)) return undefined;
  const v = Number(text);
  return Number.isFinite(v) ? v : undefined;
}

/** Collects issues up to MAX_ISSUES and counts the rest. */
export class IssueList {
  readonly issues: DataIssue[] = [];
  private extra = 0;
  add(issue: DataIssue): void {
    if (this.issues.length < MAX_ISSUES) this.issues.push(issue);
    else this.extra++;
  }
  get size(): number {
    return this.issues.length + this.extra;
  }
  /** Throws a DataError if anything was collected. */
  throwIfAny(file: string): void {
    if (this.size === 0) return;
    const all = [...this.issues];
    if (this.extra > 0) all.push({ file, message: `... and ${this.extra} more problems` });
    throw new DataError(all);
  }
}

/**
 * Validates the rows of an interval table.
 *
 * Required columns: `start` (ISO-8601 with an offset or Z) and the calls column (a number >= 0).
 * Optional: `queue` (text), `aht_s` (seconds > 0; an empty cell means "use the default"),
 * `shrinkage` (in [0, 1); empty means default). Other columns are ignored here (callers pass
 * them through).
 *
 * @throws DataError naming file, line, column and field of each bad cell (up to 20)
 */
export function readIntervalRows(
  table: CsvTable,
  file: string,
  options: IntervalRowsOptions = {},
): IntervalRow[] {
  const callsColumn = options.callsColumn ?? "calls";
  const index = (name: string): number => table.header.indexOf(name);
  const iStart = index("start");
  const iCalls = index(callsColumn);
  const iQueue = index("queue");
  const iAht = index("aht_s");
  const iShrink = index("shrinkage");
  const issues = new IssueList();
  const have = `(columns: ${table.header.join(",")})`;
  if (iStart < 0) issues.add({ file, line: 1, message: `missing column "start" ${have}` });
  if (iCalls < 0) issues.add({ file, line: 1, message: `missing column "${callsColumn}" ${have}` });
  issues.throwIfAny(file);

  const rows: IntervalRow[] = new Array<IntervalRow>(table.records.length);
  for (let r = 0; r < table.records.length; r++) {
    const rec = table.records[r]!;
    const line = table.lines[r]!;
    const bad = (col: number, field: string, message: string): void => {
      issues.add({ file, line, column: col + 1, field, message, value: rec[col]! });
    };
    const startText = rec[iStart]!;
    const start = parseInstant(startText);
    if (typeof start === "string") bad(iStart, "start", start);
    const calls = parseNumberCell(rec[iCalls]!);
    if (calls === undefined || calls < 0) bad(iCalls, callsColumn, "expected a number >= 0");
    let aht: number | undefined;
    if (iAht >= 0 && rec[iAht] !== "") {
      aht = parseNumberCell(rec[iAht]!);
      if (aht === undefined || aht <= 0) bad(iAht, "aht_s", "expected a number of seconds > 0");
    }
    let shrinkage: number | undefined;
    if (iShrink >= 0 && rec[iShrink] !== "") {
      shrinkage = parseNumberCell(rec[iShrink]!);
      if (shrinkage === undefined || shrinkage < 0 || shrinkage >= 1) {
        bad(iShrink, "shrinkage", "expected a fraction in [0, 1)");
      }
    }
    if (issues.size > 0) continue;
    rows[r] = {
      queue: iQueue >= 0 ? rec[iQueue]! : "",
      startMs: start as number,
      calls: calls!,
      ...(aht === undefined ? {} : { ahtSeconds: aht }),
      ...(shrinkage === undefined ? {} : { shrinkage }),
    };
  }
  issues.throwIfAny(file);
  return rows;
}
