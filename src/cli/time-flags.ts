/**
 * Flags shared by the commands that read time series: --tz (a zone), --interval (whole minutes)
 * and instants such as --start (ISO-8601 with an offset, or a date meaning local midnight).
 */
import { UsageError } from "../io/errors.ts";
import { parseInstant } from "../time/instant.ts";
import { createZone, legacyZoneNote, parseDay } from "../time/zone.ts";
import { warn } from "./format.ts";

/** An instant flag: ISO-8601 with an offset, or a date meaning local midnight in `zone`. */
export function instantFlag(
  name: string,
  text: string,
  zone: ReturnType<typeof createZone>,
): number {
  const day = parseDay(text);
  if (typeof day === "number") return zone.dayStart(day);
  const t = parseInstant(text);
  if (typeof t === "string") throw new UsageError(`${name}: ${t} (got "${text}")`);
  return t;
}

/**
 * The zone of --tz: a usage error unless it is a tz database name (or UTC); a warning on
 * `stderr` for legacy names such as EST or US/Eastern.
 */
export function zoneFlag(
  tz: string | undefined,
  stderr?: { write(chunk: string): unknown; isTTY?: boolean },
): ReturnType<typeof createZone> {
  let zone;
  try {
    zone = createZone(tz ?? "UTC");
  } catch (error) {
    throw new UsageError(`--tz: ${(error as Error).message}`);
  }
  const note = legacyZoneNote(tz ?? "UTC");
  if (note !== undefined && stderr !== undefined) warn(stderr, `--tz: ${note}`);
  return zone;
}

/** Whole minutes of an --interval flag. */
export function minutesFlag(seconds: number | undefined): number | undefined {
  if (seconds === undefined) return undefined;
  if (seconds % 60 !== 0)
    throw new UsageError(`--interval must be whole minutes, got ${seconds} s`);
  return seconds / 60;
}
