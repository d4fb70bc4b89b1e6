/**
 * Agent state events as NDJSON: one JSON object a line, `{ "agent_id", "time", "state",
 * "reason"?, "event_id"? }`; blank lines are skipped. One line loop, built on `readLines`,
 * serves both a whole file ({@link parseStateEventsNdjson}) and a live feed read a line at a
 * time ({@link readStateEventLines}, what `staffcast adherence watch` reads).
 *
 * @module
 */
import { Readable } from "node:stream";
import { IssueList, type DataIssue } from "../../io/errors.ts";
import { DEFAULT_MAX_LINE_BYTES, readLines } from "../../io/lines.ts";
import type { StateEvent } from "../events.ts";
import { eventFromFields } from "./event-fields.ts";
import type { VendorEventFormat } from "./vendor-events/reader.ts";

/** A line that holds an event. */
export interface EventLineRead {
  /** 1-based line number. */
  readonly line: number;
  /** The line as read, trimmed. */
  readonly text: string;
  readonly event: StateEvent;
  readonly issue?: undefined;
}

/** A line that is not an event: what is wrong, located at its file and line. */
export interface BadEventLine {
  readonly line: number;
  /** The line as read; null for a line longer than the limit (never held). */
  readonly text: string | null;
  readonly event?: undefined;
  /** With `file` and `line`; `field` (and `value`) when one field is bad. */
  readonly issue: DataIssue;
}

/** What {@link readStateEventLines} yields for each non-blank line. */
export type EventLine = EventLineRead | BadEventLine;

/** Options of {@link readStateEventLines}. */
export interface EventLinesOptions {
  /** The input's name in issues (default `<input>`). */
  readonly file?: string;
  /**
   * The longest line read, bytes of UTF-8 (default 1 MiB); a longer one is skipped unread and
   * yields a {@link BadEventLine}.
   */
  readonly maxLineBytes?: number;
}

/**
 * One NDJSON line as an event, or what is wrong with it.
 *
 * @param file - the input's name in the issue (default `<input>`)
 * @example
 * parseStateEventLine('{"agent_id":"ana","time":"2025-01-06T09:00:00Z","state":"available"}', 1).event;
 * // => { agentId: "ana", timeMs: 1736154000000, state: "available", line: 1 }
 * parseStateEventLine("{oops", 2).issue?.message; // => "not valid JSON: ..."
 */
export function parseStateEventLine(text: string, line: number, file = "<input>"): EventLine {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch (error) {
    return {
      line,
      text,
      issue: { file, line, message: `not valid JSON: ${(error as Error).message}` },
    };
  }
  if (typeof obj !== "object" || obj === null || Array.isArray(obj))
    return { line, text, issue: { file, line, message: "expected a JSON object" } };
  const e = eventFromFields(obj, line);
  return "field" in e ? { line, text, issue: { file, line, ...e } } : { line, text, event: e };
}

/**
 * The events of an NDJSON stream, a line at a time: the next chunk is read only when the next
 * line is asked for, so a consumer that stops pulling stops the reading (backpressure), and
 * memory stays bounded by the longest line. Blank lines are skipped; a bad line is yielded as
 * a {@link BadEventLine}, and the reading goes on.
 *
 * @param stream - a Readable (or any async iterable of UTF-8 chunks or strings)
 * @example
 * const warnings: string[] = [];
 * for await (const read of readStateEventLines(process.stdin, { file: "<stdin>" })) {
 *   if (read.issue !== undefined) warnings.push(read.issue.message);
 *   else monitor.ingest(read.event);
 * }
 */
export async function* readStateEventLines(
  stream: AsyncIterable<string | Uint8Array>,
  options: EventLinesOptions = {},
): AsyncGenerator<EventLine, void, undefined> {
  const file = options.file ?? "<input>";
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  for await (const read of readLines(stream, { maxLineBytes })) {
    const { line } = read;
    if (read.tooLong) {
      const message = `longer than ${maxLineBytes / 1_048_576} MiB: skipped`;
      yield { line, text: null, issue: { file, line, message } };
    } else if (read.text.trim() !== "") yield parseStateEventLine(read.text.trim(), line, file);
  }
}

/** The events of an NDJSON text, or of a file read with {@link readStateEvents}. */
export interface EventsRead {
  /** The input's name in messages. */
  readonly file: string;
  /** The format the events were read from. */
  readonly format: "csv" | "ndjson" | VendorEventFormat;
  /** One event per row or non-blank line, in input order, each with its line. */
  readonly rows: StateEvent[];
  /** Things worth telling the user that did not stop the read. */
  readonly warnings: readonly string[];
}

/**
 * Parses state events from NDJSON text (lines of any length).
 *
 * @param file - the name used in messages (default `<input>`)
 * @throws DataError naming the file and line of each bad line (and the field, when one field
 * is bad): not JSON, not an object, an agent id that is empty or not a safe name, a time that
 * is not ISO 8601 with an offset, an empty state
 * @example
 * const events = await parseStateEventsNdjson('{"agent_id":"ana","time":"2025-01-06T09:00:00Z","state":"available"}\n');
 * events.rows.length; // => 1
 */
export async function parseStateEventsNdjson(text: string, file = "<input>"): Promise<EventsRead> {
  const issues = new IssueList();
  const rows: StateEvent[] = [];
  const lines = readStateEventLines(Readable.from([text]), { file, maxLineBytes: Infinity });
  for await (const read of lines) {
    if (read.issue !== undefined) issues.add(read.issue);
    else rows.push(read.event);
  }
  issues.throwIfAny(file);
  return { file, format: "ndjson", rows, warnings: [] };
}

/**
 * Whether the first non-blank line of a feed is CSV rather than NDJSON: it does not start with
 * `{`, holds a comma, and is not JSON (a header such as `agent_id,time,state`, or a first CSV
 * record).
 *
 * @example
 * looksLikeCsvLine("agent_id,time,state"); // => true
 * looksLikeCsvLine('{"agent_id":"ana"}'); // => false
 */
export function looksLikeCsvLine(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.startsWith("{") || !trimmed.includes(",")) return false;
  try {
    JSON.parse(trimmed);
    return false; // JSON, if not an object: a bad line like any other
  } catch {
    return true;
  }
}
