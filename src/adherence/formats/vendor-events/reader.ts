/**
 * Vendor event feeds as state events: one reader for the three vendor formats, a line at a
 * time (what `staffcast adherence watch --events-format` reads) or a whole NDJSON text (what
 * `staffcast adherence --events-format` reads). Bad lines are reported as the staffcast NDJSON
 * reader reports them: located at the file and line, naming the vendor's field.
 *
 * @module
 */
import { Readable } from "node:stream";
import { IssueList } from "../../../io/errors.ts";
import { DEFAULT_MAX_LINE_BYTES, readLines } from "../../../io/lines.ts";
import type { StateEvent } from "../../events.ts";
import type { EventLine, EventLinesOptions, EventsRead } from "../events-ndjson.ts";
import { amazonConnectEvent } from "./amazon-connect.ts";
import { createGenesysCloudCombiner } from "./genesys-cloud.ts";
import { isVendorFieldProblem, type VendorRecordResult } from "./record.ts";
import { twilioEvent } from "./twilio.ts";

/** The vendor event formats, as `--events-format` names them. */
export const VENDOR_EVENT_FORMATS = ["amazon-connect", "genesys-cloud", "twilio"] as const;

/** A vendor event format. */
export type VendorEventFormat = (typeof VENDOR_EVENT_FORMATS)[number];

/**
 * Whether `name` is a vendor event format.
 *
 * @example
 * isVendorEventFormat("twilio"); // => true
 * isVendorEventFormat("csv"); // => false
 */
export function isVendorEventFormat(name: string): name is VendorEventFormat {
  return (VENDOR_EVENT_FORMATS as readonly string[]).includes(name);
}

/** Reads one NDJSON line of a vendor feed: its event, `null` (no state change), or its issue. */
export type VendorEventReader = (text: string, line: number) => EventLine | null;

/** The record reader of a format (a new one: Genesys Cloud's keeps per-user state). */
function recordReader(
  format: VendorEventFormat,
): (record: unknown, line: number) => VendorRecordResult {
  switch (format) {
    case "amazon-connect":
      return amazonConnectEvent;
    case "genesys-cloud":
      return createGenesysCloudCombiner();
    case "twilio":
      return twilioEvent;
  }
}

/**
 * A reader of one vendor feed, a line (one JSON record) at a time. Keep one reader per feed:
 * the Genesys Cloud reader combines each user's routing status and presence across lines.
 *
 * @param file - the input's name in issues (default `<input>`)
 * @example
 * const read = createVendorEventReader("twilio", "<stdin>");
 * read('{"EventType":"worker.activity.update","WorkerSid":"WK1","WorkerActivityName":"Available","Timestamp":"1772446503"}', 1)?.event;
 * // => { agentId: "WK1", timeMs: 1772446503000, state: "available", line: 1 }
 * read('{"EventType":"task.created"}', 2); // => null
 * read("{oops", 3)?.issue?.message; // => "not valid JSON: ..."
 */
export function createVendorEventReader(
  format: VendorEventFormat,
  file = "<input>",
): VendorEventReader {
  const readRecord = recordReader(format);
  return (text, line) => {
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch (error) {
      const message = `not valid JSON: ${(error as Error).message}`;
      return { line, text, issue: { file, line, message } };
    }
    if (typeof obj !== "object" || obj === null || Array.isArray(obj))
      return { line, text, issue: { file, line, message: "expected a JSON object" } };
    const r = readRecord(obj, line);
    if (r === null) return null;
    return isVendorFieldProblem(r)
      ? { line, text, issue: { file, line, ...r } }
      : { line, text, event: r };
  };
}

/**
 * The events of a vendor feed (NDJSON, one record a line), a line at a time, as
 * `readStateEventLines` yields them: blank lines and records that carry no state change are
 * skipped, a bad line is yielded with its issue and the reading goes on.
 *
 * @example
 * for await (const read of readVendorEventLines(process.stdin, "genesys-cloud", { file: "<stdin>" })) {
 *   if (read.issue === undefined) monitor.ingest(read.event);
 * }
 */
export async function* readVendorEventLines(
  stream: AsyncIterable<string | Uint8Array>,
  format: VendorEventFormat,
  options: EventLinesOptions = {},
): AsyncGenerator<EventLine, void, undefined> {
  const file = options.file ?? "<input>";
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const read = createVendorEventReader(format, file);
  for await (const l of readLines(stream, { maxLineBytes })) {
    if (l.tooLong) {
      const message = `longer than ${maxLineBytes / 1_048_576} MiB: skipped`;
      yield { line: l.line, text: null, issue: { file, line: l.line, message } };
    } else if (l.text.trim() !== "") {
      const r = read(l.text.trim(), l.line);
      if (r !== null) yield r;
    }
  }
}

/**
 * Parses a vendor feed (NDJSON text, lines of any length) into state events.
 *
 * @param file - the name used in messages (default `<input>`)
 * @throws DataError naming the file and line of each bad line, and the vendor's field (e.g.
 * `EventTimestamp`) when one field is missing or bad
 * @example
 * const events = await parseVendorEvents(text, "amazon-connect", "agent-events.ndjson");
 * computeAdherence(schedule.rows, events.rows);
 */
export async function parseVendorEvents(
  text: string,
  format: VendorEventFormat,
  file = "<input>",
): Promise<EventsRead> {
  const issues = new IssueList();
  const rows: StateEvent[] = [];
  const lines = readVendorEventLines(Readable.from([text]), format, {
    file,
    maxLineBytes: Infinity,
  });
  for await (const read of lines) {
    if (read.issue !== undefined) issues.add(read.issue);
    else rows.push(read.event);
  }
  issues.throwIfAny(file);
  return { file, format, rows, warnings: [] };
}
