/**
 * What a reader of a CSV format returns, and how an engine's later errors about a row are
 * placed back at that row's file, line and column.
 *
 * Every reader of the package (`readHistoryCsv`, `readRequirementsCsv`, ...) returns a
 * {@link TableRead}: the typed rows, the file name used in messages, the parsed table (so an
 * engine error that names a row index can be located with {@link locateRows}) and the
 * warnings the reader met (the library never prints: the caller shows them).
 *
 * @module
 */
import type { CsvTable } from "./csv.ts";
import { DataError, type DataIssue } from "./errors.ts";

/** The typed rows of a CSV input, with where they came from. */
export interface TableRead<T> {
  /** The input's name in messages: the path as given, or `<stdin>`. */
  readonly file: string;
  /** The parsed table: lines and cells of each row, to locate later errors. */
  readonly table: CsvTable;
  /** One typed row per data row of the table, in file order. */
  readonly rows: T[];
  /** Things worth telling the user that did not stop the read. */
  readonly warnings: readonly string[];
}

/**
 * Gives the issues of `error` that name a row index (0-based, as engines report them) the file,
 * line, column and cell of that row in `read`; other issues get the file.
 *
 * @example
 * try { forecastCalls(history.rows, options) }
 * catch (e) { if (e instanceof DataError) throw locateRows(e, history); throw e }
 */
export function locateRows(
  error: DataError,
  read: { readonly file: string; readonly table: CsvTable },
): DataError {
  return new DataError(
    error.issues.map((issue): DataIssue => {
      if (issue.row === undefined) return { ...issue, file: issue.file ?? read.file };
      const col = issue.field === undefined ? -1 : read.table.column(issue.field);
      return {
        ...(issue.code === undefined ? {} : { code: issue.code }),
        file: read.file,
        line: read.table.line(issue.row),
        ...(col >= 0 ? { column: col + 1, value: read.table.cell(issue.row, col) } : {}),
        ...(issue.field === undefined ? {} : { field: issue.field }),
        message: issue.message,
      };
    }),
  );
}
