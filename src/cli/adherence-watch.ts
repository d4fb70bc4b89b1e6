/**
 * The action of `staffcast adherence watch`: NDJSON state events from stdin into the real-time
 * monitor, its alerts to stdout as NDJSON.
 */
import {
  badEventWarning,
  createAdherenceMonitor,
  defaultAdherenceRules,
  formatMonitorAlert,
  looksLikeCsvLine,
  readAdherenceScheduleCsv,
  readRulesJson,
  readStateEventLines,
  readVendorEventLines,
  type AdherenceMonitor,
  type MonitorAlert,
  type VendorEventFormat,
} from "../adherence/index.ts";
import { DataError } from "../io/errors.ts";
import type { Streams } from "../io/files.ts";
import { locateRows } from "../io/table-read.ts";
import { zoneFlag } from "./time-flags.ts";

import { readOptionsFor, type DialectFlags } from "./dialect-flags.ts";
/** The flags of `staffcast adherence watch`. */
export interface WatchFlags extends DialectFlags {
  schedule: string;
  rules?: string;
  eventsFormat?: VendorEventFormat;
  alarmAfter: number;
  lateness: number;
  clock: "events" | "wall";
  tz?: string;
}

/** The file name of stdin in messages. */
const STDIN = "<stdin>";

/**
 * `adherence watch`: NDJSON events (or a vendor's feed, --events-format) from stdin into the monitor, its alerts to stdout as NDJSON.
 * Stdin is read a line at a time, and not further while stdout is not draining (a stalled
 * consumer stops the reading instead of piling alerts up in memory). At the end of stdin the
 * monitor is closed: events from the future it still holds are reported (`futureEvent`).
 *
 * @throws DataError when the first non-empty line is CSV, not NDJSON
 */
export async function runWatch(flags: WatchFlags, streams: Streams): Promise<void> {
  const zone = zoneFlag(flags.tz, streams.stderr);
  const rules =
    flags.rules === undefined
      ? defaultAdherenceRules()
      : (await readRulesJson(flags.rules, streams)).rules;
  const schedule = await readAdherenceScheduleCsv(
    flags.schedule,
    readOptionsFor(flags, "schedule", ["schedule"], flags.tz ?? "UTC", streams.stdin),
  );
  let monitor: AdherenceMonitor;
  try {
    monitor = createAdherenceMonitor({
      schedule: schedule.rows,
      rules,
      alarmAfterSeconds: flags.alarmAfter,
      allowedLatenessSeconds: flags.lateness,
      timeZone: zone.name,
      ...(flags.clock === "wall" ? { clock: () => Date.now() } : {}),
    });
  } catch (error) {
    throw error instanceof DataError ? locateRows(error, schedule) : error;
  }
  const { stdout } = streams;
  /** While stdout's buffer is full (a write returned false): settles on its "drain". */
  let full: Promise<void> | undefined;
  const write = (alerts: readonly MonitorAlert[]): void => {
    for (const a of alerts) {
      const taken = stdout.write(formatMonitorAlert(a, zone));
      if (taken === false && full === undefined && stdout.once !== undefined) {
        full = new Promise<void>((resolve) => {
          stdout.once?.("drain", () => {
            full = undefined;
            resolve();
          });
        });
      }
    }
  };
  const timer =
    flags.clock === "wall"
      ? setInterval(() => {
          write(monitor.advance());
        }, 1000)
      : undefined;
  try {
    /** The first non-empty line has been seen (and was not CSV). */
    let started = false;
    const format = flags.eventsFormat;
    const lines =
      format === undefined
        ? readStateEventLines(streams.stdin, { file: STDIN })
        : readVendorEventLines(streams.stdin, format, { file: STDIN });
    for await (const read of lines) {
      if (!started) {
        started = true;
        if (read.text !== null && looksLikeCsvLine(read.text))
          refuseCsv(read.line, read.text, format);
      }
      if (read.issue === undefined) write(monitor.ingest(read.event));
      else {
        const { field, message } = read.issue;
        const now = monitor.now();
        const at = Number.isFinite(now) ? now : Date.now();
        write([
          badEventWarning(read.line, field === undefined ? message : `${field}: ${message}`, at),
        ]);
      }
      // the next line is pulled only once stdout has taken what this one wrote
      if (full !== undefined) await full;
    }
    write(monitor.close());
  } finally {
    if (timer !== undefined) clearInterval(timer);
  }
}

/**
 * Refuses a CSV feed: `adherence watch` reads NDJSON, and CSV would give a `badEvent` warning a
 * line.
 *
 * @throws DataError naming `<stdin>` and the line, with a hint
 */
function refuseCsv(line: number, text: string, format: VendorEventFormat | undefined): never {
  const message =
    format === undefined
      ? "this looks like CSV, not NDJSON: adherence watch reads NDJSON events, one JSON object " +
        'a line ({"agent_id":...,"time":...,"state":...}); for a CSV file use staffcast ' +
        "adherence --events <file>"
      : `this looks like CSV, not NDJSON: --events-format ${format} reads the vendor's JSON ` +
        "records, one a line";
  throw new DataError([{ file: STDIN, line, message, value: text }]);
}
