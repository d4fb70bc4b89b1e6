/**
 * Instants: ISO-8601 text with an explicit offset (or Z) <-> UTC epoch milliseconds.
 *
 * Parsing never consults the machine's time zone: text without an offset is rejected rather
 * than silently read in local time (`new Date("2025-06-01T08:00:00")` would do that). One rule
 * for years everywhere: 1900 to 9999 ({@link MIN_YEAR}, {@link MAX_YEAR}); `Date.UTC` is never
 * used on parsed fields (it reads years 0 to 99 as 1900 to 1999).
 *
 * @module
 */

/** The first year staffcast reads or writes. */
export const MIN_YEAR = 1900;
/** The last year staffcast reads or writes (a four-digit year). */
export const MAX_YEAR = 9999;
/** 1900-01-01T00:00:00Z, the first instant staffcast accepts. */
export const MIN_INSTANT_MS = -2_208_988_800_000;
/** 10000-01-01T00:00:00Z: every instant staffcast accepts or writes is before it. */
export const END_INSTANT_MS = 253_402_300_800_000;

/** The year rule in words, for messages. */
export function yearProblem(year: number): string | undefined {
  return year < MIN_YEAR || year > MAX_YEAR
    ? `year ${String(year).padStart(4, "0")} is outside ${MIN_YEAR} to ${MAX_YEAR}`
    : undefined;
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:(Z|z)|([+-])(\d{2}):?(\d{2}))$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Parses an ISO-8601 date-time with an offset or `Z` into UTC epoch milliseconds.
 *
 * Accepts `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed by `Z`, `+HH:MM`, `-HH:MM` or `+HHMM`
 * (a space may replace the `T`). Fractions beyond milliseconds are truncated.
 *
 * @returns epoch milliseconds, or a message saying what is wrong
 * @example
 * parseInstant("2025-03-09T08:00:00-04:00"); // => 1741521600000
 * parseInstant("2025-03-09T08:00:00"); // => "no time-zone offset (add Z or +HH:MM, or read clock times in a zone with --local-times)"
 */
export function parseInstant(text: string): number | string {
  const t = parseFields(text);
  if (typeof t === "number" && !(t >= MIN_INSTANT_MS && t < END_INSTANT_MS))
    return "the instant is outside 1900-01-01T00:00:00Z to 9999-12-31T23:59:59Z";
  return t;
}

/** {@link parseInstant} without the final range check (an offset may cross a year's edge). */
function parseFields(text: string): number | string {
  const fast = parseCanonical(text);
  if (fast === fast) return fast; // not NaN
  const m = ISO.exec(text);
  if (m === null) {
    if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}([.,]\d+)?)?$/.test(text)) {
      return "no time-zone offset (add Z or +HH:MM, or read clock times in a zone with --local-times)";
    }
    return "expected an ISO-8601 date-time such as 2025-01-06T08:00:00Z";
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Number(m[7].padEnd(3, "0").slice(0, 3));
  const badYear = yearProblem(year);
  if (badYear !== undefined) return badYear;
  if (month < 1 || month > 12) return `month ${m[2]} is out of range`;
  const monthDays = month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (day < 1 || day > monthDays) return `day ${m[3]} does not exist in ${m[1]}-${m[2]}`;
  if (hour > 23) return `hour ${m[4]} is out of range`;
  if (minute > 59) return `minute ${m[5]} is out of range`;
  if (second > 59) return `second ${m[6] ?? ""} is out of range`;
  let offsetMinutes = 0;
  if (m[8] === undefined) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 18 || om > 59)
      return `offset ${m[9] ?? ""}${m[10] ?? ""}:${m[11] ?? ""} is out of range`;
    offsetMinutes = (m[9] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  return (
    daysFromCivil(year, month, day) * 86_400_000 +
    ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 +
    millis
  );
}

/** Value of the two decimal digits at `i`, or NaN. */
function digits2(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : Number.NaN;
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date (month 1-12), the "days from civil"
 * algorithm of H. Hinnant, "chrono-Compatible Low-Level Date Algorithms".
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * The common forms `YYYY-MM-DDTHH:MM:SSZ` and `YYYY-MM-DDTHH:MM:SS+HH:MM` read by character
 * codes (a million rows in a fraction of the regular expression's time); NaN for anything
 * else, including out-of-range fields, which the full parser then explains.
 */
function parseCanonical(text: string): number {
  const len = text.length;
  if (
    (len !== 20 && len !== 25) ||
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58
  ) {
    return Number.NaN;
  }
  const year = digits2(text, 0) * 100 + digits2(text, 2);
  const month = digits2(text, 5);
  const day = digits2(text, 8);
  const hour = digits2(text, 11);
  const minute = digits2(text, 14);
  const second = digits2(text, 17);
  let offsetMinutes = 0;
  if (len === 20) {
    if (text.charCodeAt(19) !== 90) return Number.NaN;
  } else {
    const sign = text.charCodeAt(19);
    const oh = digits2(text, 20);
    const om = digits2(text, 23);
    if ((sign !== 43 && sign !== 45) || text.charCodeAt(22) !== 58 || !(oh <= 18 && om <= 59)) {
      return Number.NaN;
    }
    offsetMinutes = (sign === 45 ? -1 : 1) * (oh * 60 + om);
  }
  // NaN fields fail these comparisons too; the full parser explains what is wrong
  if (!(year >= MIN_YEAR && year <= MAX_YEAR)) return Number.NaN;
  if (!(month >= 1 && month <= 12 && day >= 1 && hour <= 23 && minute <= 59 && second <= 59)) {
    return Number.NaN;
  }
  if (day > (month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1]!)) return Number.NaN;
  return (
    daysFromCivil(year, month, day) * 86_400_000 +
    ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000
  );
}

const pad2 = (v: number): string => (v < 10 ? `0${v}` : String(v));

/**
 * Formats UTC epoch milliseconds as ISO-8601 with `Z` (milliseconds only when non-zero).
 *
 * @example
 * formatInstantUtc(1741521600000); // => "2025-03-09T12:00:00Z"
 */
export function formatInstantUtc(ms: number): string {
  const d = new Date(ms);
  const base = `${String(d.getUTCFullYear()).padStart(4, "0")}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  const millis = d.getUTCMilliseconds();
  return millis === 0 ? `${base}Z` : `${base}.${String(millis).padStart(3, "0")}Z`;
}
