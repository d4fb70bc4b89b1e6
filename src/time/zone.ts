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

/** Day number of a calendar date. */
export function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
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
  const n = dayNumber(y, mo, d);
  if (formatDay(n) !== text) return `${text} is not a calendar date`;
  return n;
}

/**
 * A zone by IANA name ("Europe/Berlin", "UTC", ...).
 *
 * @throws RangeError for a name the runtime's time-zone database does not know
 * @example
 * const berlin = createZone("Europe/Berlin");
 * berlin.dayStart(dayNumber(2025, 3, 30)); // 2025-03-29T23:00:00Z, a 23-hour day follows
 */
export function createZone(name: string): Zone {
  const utc = name === "UTC" || name === "Etc/UTC" || name === "Z";
  if (!utc && Number.isNaN(tzOffset(name, new Date(0)))) {
    throw new RangeError(
      `unknown time zone "${name}" (expected an IANA name such as Europe/Berlin)`,
    );
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
