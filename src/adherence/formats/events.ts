/**
 * Agent state events in either format, CSV or NDJSON, told apart by the file name's extension
 * (`.csv`; `.ndjson`, `.jsonl`) or, without one of those, by the first character (`{`: NDJSON);
 * or, when asked for, a vendor's feed (see vendor-events/).
 *
 * @module
 */
import { parseStateEventsCsv } from "./events-csv.ts";
import { parseStateEventsNdjson, type EventsRead } from "./events-ndjson.ts";
import { readInput } from "../../io/read-input.ts";
import type { AdherenceReadOptions } from "./read-input.ts";
import { parseVendorEvents, type VendorEventFormat } from "./vendor-events/reader.ts";

/** Options of {@link parseStateEvents} and {@link readStateEvents}. */
export interface StateEventsOptions extends AdherenceReadOptions {
  /**
   * The format; default: by the file name's extension, else by the first character. A vendor
   * format (`amazon-connect`, `genesys-cloud`, `twilio`) reads that vendor's NDJSON feed.
   */
  readonly format?: "csv" | "ndjson" | VendorEventFormat;
}

/**
 * The format of an events input named `file` whose text is `text`.
 *
 * @example
 * eventsFormat("states.jsonl", ""); // => "ndjson"
 * eventsFormat("<stdin>", '{"agent_id":"ana"}'); // => "ndjson"
 */
export function eventsFormat(file: string, text: string): "csv" | "ndjson" {
  if (/\.(ndjson|jsonl)$/i.test(file)) return "ndjson";
  if (/\.csv$/i.test(file)) return "csv";
  return /^\s*\{/.test(text.slice(0, 1000)) ? "ndjson" : "csv";
}

/**
 * Parses state events from CSV or NDJSON text (see {@link eventsFormat}); see
 * `parseStateEventsCsv` and `parseStateEventsNdjson`.
 *
 * @param file - the name used in messages and to tell the format (default `<input>`)
 * @throws DataError locating each bad row or line
 * @example
 * const events = await parseStateEvents(text, "states.ndjson");
 * computeAdherence(schedule.rows, events.rows);
 */
export async function parseStateEvents(
  text: string,
  file = "<input>",
  options: StateEventsOptions = {},
): Promise<EventsRead> {
  const format = options.format ?? eventsFormat(file, text);
  if (format === "ndjson") return parseStateEventsNdjson(text, file);
  if (format !== "csv") return parseVendorEvents(text, format, file);
  const read = parseStateEventsCsv(text, file, options);
  return { file: read.file, format: "csv", rows: read.rows, warnings: read.warnings };
}

/**
 * Reads state events from a path (`-`: stdin), CSV or NDJSON (or a vendor feed with
 * `options.format`); see {@link parseStateEvents}.
 *
 * @throws NoInputError when the file cannot be read; DataError for bad content
 * @example
 * const events = await readStateEvents("states.csv");
 * const fromConnect = await readStateEvents("agent-events.ndjson", { format: "amazon-connect" });
 */
export async function readStateEvents(
  path: string,
  options: StateEventsOptions = {},
): Promise<EventsRead> {
  const { text, file } = await readInput(path, options);
  return parseStateEvents(text, file, options);
}
