/**
 * Several inputs read as one: rows concatenated, sorted, and rows that two inputs both hold
 * (the same key) refused, naming both files and lines, so that overlapping exports (one per
 * day or per queue, exported twice) are never counted twice.
 *
 * @module
 */
import { DataError, type DataIssue } from "./errors.ts";

/** The rows of one input, with the line of each. */
export interface LinedRows<T> {
  readonly file: string;
  readonly rows: readonly T[];
  /** 1-based line of `rows[i]`. */
  line(i: number): number;
}

/** How rows are merged: what identifies one, how they sort, and how one is named. */
export interface MergeRule<T> {
  key(row: T): string;
  compare(a: T, b: T): number;
  /** The row in words, e.g. `queue "VIP" at 2026-03-02T10:00:00Z`. */
  describe(row: T): string;
  /** Refuse a key repeated inside one input too (default: only across inputs). */
  readonly withinInput?: boolean;
}

/**
 * The rows of all `inputs`, sorted by `rule.compare` (ties in input and line order).
 *
 * @throws DataError naming the file and line of each repeated row and where it was first read
 * @example
 * mergeReads([a, b], { key: (r) => `${r.queue}@${r.startMs}`, compare, describe });
 */
export function mergeReads<T>(inputs: readonly LinedRows<T>[], rule: MergeRule<T>): T[] {
  const first = new Map<string, { file: string; input: number; line: number }>();
  const issues: DataIssue[] = [];
  const all: { row: T; input: number; i: number }[] = [];
  inputs.forEach((input, k) => {
    input.rows.forEach((row, i) => {
      const key = rule.key(row);
      const line = input.line(i);
      const seen = first.get(key);
      if (seen === undefined) first.set(key, { file: input.file, input: k, line });
      else if (seen.input !== k || rule.withinInput === true)
        issues.push({
          file: input.file,
          line,
          message: `${rule.describe(row)} is also in ${seen.file}:${seen.line}: the inputs overlap (leave one of them out)`,
        });
      all.push({ row, input: k, i });
    });
  });
  if (issues.length > 0) throw new DataError(issues);
  all.sort((a, b) => rule.compare(a.row, b.row) || a.input - b.input || a.i - b.i);
  return all.map((x) => x.row);
}
