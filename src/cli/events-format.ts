/**
 * `--events-format`, shared by `staffcast adherence` and `staffcast adherence watch`: which
 * vendor's feed the events are (default: staffcast's own CSV or NDJSON events).
 */
import { Option } from "commander";
import { VENDOR_EVENT_FORMATS, type VendorEventFormat } from "../adherence/index.ts";
import { UsageError } from "../io/errors.ts";

/**
 * The `--events-format <vendor>` option, its choices checked by commander (exit 2).
 *
 * @example
 * command.addOption(eventsFormatOption("--events"));
 */
export function eventsFormatOption(what: string): Option {
  return new Option(
    "--events-format <vendor>",
    `${what} are a vendor's feed, NDJSON: one record a line (default: staffcast events)`,
  ).choices(VENDOR_EVENT_FORMATS);
}

/**
 * Refuses a vendor format for a file named as CSV: vendor feeds are NDJSON.
 *
 * @throws UsageError (exit 2) naming the flag and the file
 * @example
 * checkEventsFile("states.csv", "twilio"); // throws UsageError
 * checkEventsFile("states.csv", undefined); // fine: staffcast's own CSV
 */
export function checkEventsFile(path: string, format: VendorEventFormat | undefined): void {
  if (format !== undefined && /\.csv$/i.test(path)) {
    throw new UsageError(
      `--events-format ${format} reads NDJSON (one JSON record a line), but --events names a ` +
        `CSV file: ${path} (for staffcast's CSV events, leave out --events-format)`,
    );
  }
}
