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
  /** For the summary issue (code "more"): how many problems were not listed. */
  readonly count?: number;
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

/** At most this many problems are listed in one DataError; the rest are counted. */
export const MAX_ISSUES = 20;

/** Code of the issue that stands for the problems not listed. */
const MORE = "more";

/** The issue that stands for `count` problems not listed. */
function moreIssue(count: number, file: string | undefined): DataIssue {
  return {
    ...(file === undefined ? {} : { file }),
    message: `... and ${count} more problem${count === 1 ? "" : "s"} like these`,
    code: MORE,
    count,
  };
}

/**
 * The first {@link MAX_ISSUES} problems of a list, and one summary issue counting the rest
 * (summaries already in the list are added up): the one cap on every error list.
 */
export function capIssues(issues: readonly DataIssue[]): DataIssue[] {
  const listed: DataIssue[] = [];
  let omitted = 0;
  let file: string | undefined;
  for (const issue of issues) {
    if (issue.code === MORE) {
      omitted += issue.count ?? 0;
      file ??= issue.file;
    } else if (listed.length < MAX_ISSUES) listed.push(issue);
    else omitted++;
  }
  return omitted > 0 ? [...listed, moreIssue(omitted, file ?? listed[0]?.file)] : listed;
}

/** Bad input data (exit 65), with the problems found (at most {@link MAX_ISSUES} listed). */
export class DataError extends StaffcastError {
  readonly issues: readonly DataIssue[];
  constructor(issues: readonly DataIssue[]) {
    const capped = capIssues(issues);
    super(capped.map(formatIssue).join("\nerror: "), EXIT.data);
    this.issues = capped;
  }
}

/**
 * Text cut to `max` characters, saying how much was left out (echoed values and messages stay
 * readable whatever the input holds).
 *
 * @example
 * clip("a".repeat(100), 10); // => 'aaaaaaaaaa... (90 more characters)'
 */
export function clip(text: string, max: number): string {
  return text.length <= max
    ? text
    : `${text.slice(0, max)}... (${text.length - max} more characters)`;
}

/** Longest echoed value and message, characters. */
const MAX_VALUE = 60;
const MAX_MESSAGE = 500;

/**
 * Compiler-style rendering: `file:line:column: field: message (got "value")`, the value cut to
 * 60 characters and the message to 500.
 *
 * @example
 * formatIssue({ file: "f.csv", line: 3, column: 2, field: "calls", message: "expected a number >= 0", value: "abc" });
 * // => 'f.csv:3:2: calls: expected a number >= 0 (got "abc")'
 */
export function formatIssue(issue: DataIssue): string {
  let where = issue.file ?? "";
  if (issue.line !== undefined) where += `${where ? ":" : "line "}${issue.line}`;
  if (issue.column !== undefined) where += `:${issue.column}`;
  const field = issue.field === undefined ? "" : `${clip(issue.field, MAX_VALUE)}: `;
  const got =
    issue.value === undefined ? "" : ` (got ${JSON.stringify(clip(issue.value, MAX_VALUE))})`;
  return `${where ? `${where}: ` : ""}${field}${clip(issue.message, MAX_MESSAGE)}${got}`;
}

/**
 * Runs a parser of data read from `file`, naming the file in the issues of a DataError it
 * throws (those that name no file yet).
 *
 * @example
 * const spec = inFile("shifts.json", () => parseShiftSpec(raw));
 */
export function inFile<T>(file: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof DataError)
      throw new DataError(error.issues.map((i) => ({ ...i, file: i.file ?? file })));
    throw error;
  }
}

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
    throw new DataError(
      this.extra > 0 ? [...this.issues, moreIssue(this.extra, file)] : this.issues,
    );
  }
}
