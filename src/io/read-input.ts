/**
 * What every reader of the package shares: where the path `-` reads from, reading a path (or
 * `-`) with it, and reporting a bad cell at its file, line and column.
 *
 * @module
 */
import type { CsvTable } from "./csv.ts";
import type { DialectOption } from "./dialect.ts";
import type { IssueList } from "./errors.ts";
import { inputName, readText } from "./files.ts";

/** Options of every `readXxx(path, options)` function of the package. */
export interface ReadOptions extends DialectOption {
  /** Where the path `-` reads from (default: the process's stdin). */
  readonly stdin?: NodeJS.ReadableStream;
}

/**
 * The text of an input and its name in messages (`<stdin>` for `-`).
 *
 * @throws NoInputError when the file cannot be read; DataError when it is not UTF-8 text or
 * larger than 256 MiB
 */
export async function readInput(
  path: string,
  options: ReadOptions = {},
): Promise<{ text: string; file: string }> {
  const stdin = options.stdin;
  const text = await readText(path, stdin === undefined ? undefined : { stdin });
  return { text, file: inputName(path) };
}

/** Reports a bad cell (0-based column) of the current record. */
export type BadCell = (column: number, field: string, message: string) => void;

/**
 * A reporter of bad cells of record `r` (0-based) into `issues`, located at the file, line and
 * column and echoing the cell.
 */
export function cellReporter(table: CsvTable, file: string, r: number, issues: IssueList): BadCell {
  return (column, field, message) => {
    issues.add({
      file,
      line: table.line(r),
      column: column + 1,
      field,
      message,
      value: table.cell(r, column),
    });
  };
}
