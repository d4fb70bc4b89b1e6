/**
 * Holidays in the forecast: left out of learning the normal pattern; a future holiday is closed
 * when its earlier occurrences in the history were, and otherwise gets the profile of its last
 * open occurrence scaled to today's level (the "historical analog day" of commercial WFM:
 * research note forecast.md, section 4.2).
 *
 * @module
 */
import { parseDay } from "../time/zone.ts";
import type { BaselineMethod, FittedBaseline } from "./baseline.ts";
import { dayTotal, type DaySeries } from "./series.ts";
import type { Holiday } from "./types.ts";

/**
 * Days with data before a day whose mean total is that day's level, when a holiday's profile
 * is scaled from then to now: a chosen default, about four working weeks, long enough to
 * average out the weekly pattern and short enough to follow a trend.
 */
const LEVEL_DAYS = 20;

/** A holiday as a local day number, its name trimmed and in lower case for matching. */
export interface DayHoliday {
  readonly day: number;
  readonly name: string;
}

/**
 * Holidays as day numbers.
 *
 * @throws RangeError for a date that is not a calendar date "YYYY-MM-DD"
 * @example
 * holidayDays([{ date: "2025-12-25", name: "Christmas" }]); // [{ day: 20447, name: "christmas" }]
 */
export function holidayDays(list: readonly Holiday[]): DayHoliday[] {
  return list.map((h) => {
    const day = parseDay(h.date);
    if (typeof day === "string") throw new RangeError(`holiday date "${h.date}": ${day}`);
    return { day, name: (h.name ?? "").trim().toLowerCase() };
  });
}

/** How the holidays bear on one queue's forecast. */
export interface HolidayPlan {
  /** Every holiday's day and name. */
  readonly names: ReadonlyMap<number, string>;
  /** Holidays (past and future) on which the queue is closed. */
  readonly closed: Set<number>;
  /** Past holidays on which the queue had calls, in input order. */
  readonly open: readonly DayHoliday[];
}

/**
 * Which holidays close the queue: a past one without calls in the history's span; a future one
 * whose earlier occurrences (the same name, or any holiday for one without a name) were all
 * closed.
 *
 * @param series - the queue's history
 * @param startDay - the forecast's first day: holidays before it are in the past
 * @param lastDataDay - the last day of the history with data
 */
export function planHolidays(
  holidays: readonly DayHoliday[],
  series: DaySeries,
  startDay: number,
  lastDataDay: number,
): HolidayPlan {
  const dataIndex = new Map(series.days.map((d, i) => [d, i]));
  const closed = new Set<number>();
  const open: DayHoliday[] = [];
  for (const h of holidays) {
    if (h.day >= startDay) continue;
    const i = dataIndex.get(h.day);
    const inSpan = series.days.length > 0 && h.day >= series.days[0]! && h.day <= lastDataDay;
    if (i === undefined ? inSpan : dayTotal(series.calls[i]!) <= 0) closed.add(h.day);
    else if (i !== undefined) open.push(h);
  }
  const past = holidays.filter(
    (h) => h.day < startDay && series.days.length > 0 && h.day >= series.days[0]!,
  );
  for (const h of holidays) {
    if (h.day < startDay) continue;
    const earlier = past.filter((p) => h.name !== "" && p.name === h.name);
    const reference = earlier.length > 0 ? earlier : h.name === "" ? past : [];
    if (reference.length > 0 && reference.every((p) => closed.has(p.day))) closed.add(h.day);
  }
  return { names: new Map(holidays.map((h) => [h.day, h.name])), closed, open };
}

/**
 * A holiday's profile: its last open occurrence of the same name, scaled to today's level (the
 * mean daily total of the latest days with data before each); without one, the
 * baseline's normal forecast of the day.
 *
 * @param cleaned - the history with ad-driven calls removed
 */
export function holidayProfile(
  day: number,
  name: string,
  open: readonly DayHoliday[],
  cleaned: DaySeries,
  fitted: FittedBaseline,
  method: BaselineMethod,
): Float64Array {
  const same = open.filter((h) => name !== "" && h.name === name);
  const last = same[same.length - 1];
  const normal = fitted.forecast(day, method);
  if (last === undefined) return normal;
  const dataIndex = new Map(cleaned.days.map((d, i) => [d, i]));
  const row = cleaned.calls[dataIndex.get(last.day)!]!;
  const levelBefore = (d: number): number => {
    const ds = cleaned.days.filter((x) => x < d).slice(-LEVEL_DAYS);
    let s = 0;
    for (const x of ds) s += dayTotal(cleaned.calls[dataIndex.get(x)!]!);
    return ds.length > 0 ? s / ds.length : Number.NaN;
  };
  const then = levelBefore(last.day);
  const now = levelBefore(day);
  const scale = then > 0 && now > 0 ? now / then : 1;
  return row.map((v) => (Number.isNaN(v) ? 0 : v * scale));
}
