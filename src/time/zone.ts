/**
 * Local calendars in an explicit IANA time zone, through `@date-fns/tz`: local days (which last
 * 23, 24 or 25 hours, or 23.5 on Lord Howe Island), weekdays, clock times, and instants written
 * with the zone's offset. Instants stay UTC epoch milliseconds; only these functions know the
 * zone, and none of them reads the machine's time zone.
 *
 * A local day is named by its day number: days since 1970-01-01 of its local date (so day 0 is
 * 1970-01-01 wherever the zone is).
 *
 * @module
 */
import { TZDate, tzOffset } from "@date-fns/tz";
import { daysFromCivil, yearProblem } from "./instant.ts";
import { TZ_LINKS, TZ_ZONES } from "./tz-names.generated.ts";

const ZONES = new Set(TZ_ZONES);
const LINKS = new Map(TZ_LINKS);
/** Areas of the tz database's Area/Location names; other names are legacy. */
const AREA =
  /^(Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)\//;

/**
 * Whether `name` is a zone or link name of the tz database (or UTC): anything else is refused,
 * even where the runtime would guess (it reads "CST" as US Central, though China and Cuba use it
 * too).
 *
 * @returns what is wrong, or undefined for a tz database name
 * @example
 * zoneNameProblem("Europe/Berlin"); // => undefined
 * zoneNameProblem("CST"); // => 'unknown time zone "CST": give a tz database name such as ...'
 */
export function zoneNameProblem(name: string): string | undefined {
  if (name === "UTC" || ZONES.has(name) || LINKS.has(name)) return undefined;
  return (
    `unknown time zone "${name}": give a tz database name such as America/Chicago, ` +
    "Europe/Berlin or Asia/Shanghai (abbreviations such as CST or IST are ambiguous), or UTC"
  );
}

/**
 * A note for legacy names of the tz database (US/Eastern, EST, CST6CDT, GB): valid, but a city
 * zone says what is meant.
 *
 * @returns the note, or undefined for an Area/City name or UTC
 */
export function legacyZoneNote(name: string): string | undefined {
  if (name === "UTC" || AREA.test(name) || zoneNameProblem(name) !== undefined) return undefined;
  const target = LINKS.get(name);
  return target === undefined || !AREA.test(target)
    ? `time zone "${name}" is a legacy name of the tz database: prefer a city zone (Area/City), such as America/New_York`
    : `time zone "${name}" is a legacy name of the tz database for ${target}: prefer ${target}`;
}

const DAY_MS = 86_400_000;
/** Offsets change on quarter hours in every zone, so they are cached per quarter hour. */
const BUCKET_MS = 900_000;

/** A time zone with cached offsets and day boundaries. */
export interface Zone {
  /** The IANA name, or "UTC". */
  readonly name: string;
  /** UTC offset in minutes at an instant (e.g. 60 for Berlin in winter). */
  offsetMinutes(ms: number): number;
  /** Day number of the local date of an instant. */
  dayOf(ms: number): number;
  /** First instant of local day `day` (local midnight, or the first instant after a gap). */
  dayStart(day: number): number;
  /** Local clock minutes since midnight at an instant, in [0, 1440). */
  clockMinutes(ms: number): number;
}

/** Day of the week of a day number: 0 Sunday ... 6 Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Day number of a calendar date (any year: not `Date.UTC`, which reads 0 to 99 as 19xx). */
export function dayNumber(year: number, month: number, day: number): number {
  return daysFromCivil(year, month, day);
}

/** "YYYY-MM-DD" of a day number. */
export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Day number of a "YYYY-MM-DD" date, or a message saying what is wrong.
 *
 * @example
 * parseDay("1970-01-02"); // => 1
 */
export function parseDay(text: string): number | string {
  const m = DATE.exec(text);
  if (m === null) return "expected a date such as 2025-01-06";
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const badYear = yearProblem(y);
  if (badYear !== undefined) return badYear;
  const n = dayNumber(y, mo, d);
  if (formatDay(n) !== text) return `${text} is not a calendar date`;
  return n;
}

/**
 * A zone by IANA name ("Europe/Berlin", "UTC", ...).
 *
 * @throws RangeError for a name that is not a tz database name (see {@link zoneNameProblem})
 * @example
 * const berlin = createZone("Europe/Berlin");
 * berlin.dayStart(dayNumber(2025, 3, 30)); // 2025-03-29T23:00:00Z, a 23-hour day follows
 */
export function createZone(name: string): Zone {
  const utc = name === "UTC" || name === "Etc/UTC" || name === "Z";
  const problem = utc ? undefined : zoneNameProblem(name);
  if (problem !== undefined) throw new RangeError(problem);
  if (!utc && Number.isNaN(tzOffset(name, new Date(0)))) {
    throw new RangeError(`time zone "${name}" is not known to this runtime's time-zone data`);
  }
  const offsets = new Map<number, number>();
  const starts = new Map<number, number>();
  const offsetMinutes = (ms: number): number => {
    if (utc) return 0;
    const bucket = Math.floor(ms / BUCKET_MS);
    let off = offsets.get(bucket);
    if (off === undefined) {
      off = tzOffset(name, new Date(bucket * BUCKET_MS));
      offsets.set(bucket, off);
    }
    return off;
  };
  return {
    name: utc ? "UTC" : name,
    offsetMinutes,
    dayOf: (ms) => Math.floor((ms + offsetMinutes(ms) * 60_000) / DAY_MS),
    dayStart: (day) => {
      if (utc) return day * DAY_MS;
      let start = starts.get(day);
      if (start === undefined) {
        const date = new Date(day * DAY_MS);
        start = +new TZDate(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), name);
        starts.set(day, start);
      }
      return start;
    },
    clockMinutes: (ms) => {
      const local = ms + offsetMinutes(ms) * 60_000;
      return (((local % DAY_MS) + DAY_MS) % DAY_MS) / 60_000;
    },
  };
}

const pad2 = (v: number): string => (v < 10 ? `0${v}` : String(v));

/**
 * An instant as ISO-8601: with `Z` in UTC, with the zone's offset otherwise (seconds always,
 * milliseconds only when not zero).
 *
 * @example
 * formatInstant(Date.UTC(2025, 0, 6, 7), createZone("Europe/Berlin")); // => "2025-01-06T08:00:00+01:00"
 */
export function formatInstant(ms: number, zone: Zone): string {
  const off = zone.offsetMinutes(ms);
  const local = new Date(ms + off * 60_000).toISOString(); // "YYYY-MM-DDTHH:MM:SS.sssZ"
  const base = local.endsWith(".000Z") ? local.slice(0, 19) : local.slice(0, 23);
  if (zone.name === "UTC") return `${base}Z`;
  const sign = off < 0 ? "-" : "+";
  const abs = Math.abs(off);
  return `${base}${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}
