/**
 * Errors that carry an exit code and a location, shared by every command.
 *
 * Exit codes: 0 ok, 1 unexpected failure (a bug, or an output that cannot be written), 2 bad
 * usage (flags, or an input file that does not exist or cannot be read), 65 bad input data
 * (EX_DATAERR).
 *
 * @module
 */

/** Exit codes of the CLI, stable across releases. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  data: 65,
} as const;

/** Where a problem was found in an input, and what it was. */
export interface DataIssue {
  /** 0-based index of the input row (record) the issue is about, for callers to locate. */
  readonly row?: number;
  /** File name as the user gave it (or "<stdin>"). */
  readonly file?: string;
  /** 1-based physical line number. */
  readonly line?: number;
  /** 1-based column number. */
  readonly column?: number;
  /** Column or field name. */
  readonly field?: string;
  /** What is wrong, in words. */
  readonly message: string;
  /** The offending text, if any. */
  readonly value?: string;
  /** A stable identifier of the kind of problem, for callers that add advice. */
  readonly code?: string;
}

/** Base class of expected errors: they print a message and exit with `exitCode`, no stack. */
export class StaffcastError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** Bad flags or arguments (exit 2). */
export class UsageError extends StaffcastError {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

/** Input file not found or unreadable: the flag names nothing usable (exit 2). */
export class NoInputError extends StaffcastError {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

/** Bad input data (exit 65), with every problem found (up to a limit) and its location. */
export class DataError extends StaffcastError {
  readonly issues: readonly DataIssue[];
  constructor(issues: readonly DataIssue[]) {
    super(issues.map(formatIssue).join("\nerror: "), EXIT.data);
    this.issues = issues;
  }
}

/**
 * Compiler-style rendering: `file:line:column: field: message (got "value")`.
 *
 * @example
 * formatIssue({ file: "f.csv", line: 3, column: 2, field: "calls", message: "expected a number >= 0", value: "abc" });
 * // => 'f.csv:3:2: calls: expected a number >= 0 (got "abc")'
 */
export function formatIssue(issue: DataIssue): string {
  let where = issue.file ?? "";
  if (issue.line !== undefined) where += `${where ? ":" : "line "}${issue.line}`;
  if (issue.column !== undefined) where += `:${issue.column}`;
  const field = issue.field === undefined ? "" : `${issue.field}: `;
  const got = issue.value === undefined ? "" : ` (got ${JSON.stringify(issue.value)})`;
  return `${where ? `${where}: ` : ""}${field}${issue.message}${got}`;
}

/** At most this many problems are listed in one DataError; the rest are counted. */
export const MAX_ISSUES = 20;

/** Collects problems, keeping the first {@link MAX_ISSUES} and counting the rest. */
export class IssueList {
  readonly issues: DataIssue[] = [];
  private extra = 0;
  add(issue: DataIssue): void {
    if (this.issues.length < MAX_ISSUES) this.issues.push(issue);
    else this.extra++;
  }
  /** Problems seen, listed or not. */
  get size(): number {
    return this.issues.length + this.extra;
  }
  /** Throws a DataError with the listed problems (and a count of the others), if any. */
  throwIfAny(file?: string): void {
    if (this.size === 0) return;
    const all = [...this.issues];
    if (this.extra > 0) {
      all.push({
        ...(file === undefined ? {} : { file }),
        message: `... and ${this.extra} more problems like these`,
      });
    }
    throw new DataError(all);
  }
}
