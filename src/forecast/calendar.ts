/**
 * The operating calendar of a queue: which weekdays it works, which of its days were or will be
 * closed, and the calendar positions that move call volume (the first and last business days of
 * a month, the day after a closure).
 *
 * @module
 */
import { dayNumber, weekdayOf } from "../time/zone.ts";

/** Calendar features of a day: keys of effects the daily-total model estimates. */
export type CalendarFeature = "FB1" | "FB2" | "FB3" | "LB1" | "LB2" | "AC";

/** What the calendar knows about the days of one queue. */
export interface OperatingCalendar {
  /** Weekdays (0 Sunday ... 6 Saturday) on which the queue normally has calls. */
  readonly weekdays: readonly boolean[];
  /** Whether a day is an operating weekday. */
  isOperating(day: number): boolean;
  /** Whether an operating day is known to be closed (no data in the past, or a closed holiday). */
  isClosed(day: number): boolean;
  /** Calendar features of a day (empty for non-operating days). */
  features(day: number): readonly CalendarFeature[];
  /** Operating days after `from` up to and including `to` (0 when to <= from). */
  operatingDaysBetween(from: number, to: number): number;
}

/** Months of open days kept in a calendar's cache before it starts afresh (a bound on memory). */
const MONTH_CACHE_LIMIT = 10_000;

/**
 * How far ahead a loop looks for the next operating day: more than a year, so that a calendar
 * with any operating weekday always finds one (at most seven days away); the bound only ends
 * the search on a calendar without any.
 */
export const SEARCH_LIMIT_DAYS = 400;

/**
 * A calendar from the days that have data.
 *
 * @param dataDays - days with calls, ascending
 * @param closedDays - days known to be closed besides the gaps of the history (holidays shown
 *   closed, planned closures)
 * @param knownUntil - the last day whose data is known (default: the last day with data): an
 *   operating day up to it without data was closed; later days are open unless in `closedDays`
 * @param minShare - a weekday is an operating one when at least this share of its occurrences
 *   in the history's span has data (default 0.5)
 */
export function operatingCalendar(
  dataDays: readonly number[],
  closedDays: ReadonlySet<number> = new Set(),
  knownUntil?: number,
  minShare = 0.5,
): OperatingCalendar {
  const first = dataDays[0] ?? 0;
  const last = knownUntil ?? dataDays[dataDays.length - 1] ?? -1;
  const have = new Set(dataDays);
  const seen = new Array<number>(7).fill(0);
  const total = new Array<number>(7).fill(0);
  for (let d = first; d <= last; d++) {
    total[weekdayOf(d)]!++;
    if (have.has(d)) seen[weekdayOf(d)]!++;
  }
  const weekdays = seen.map((n, w) => total[w]! > 0 && n / total[w]! >= minShare);
  const isOperating = (day: number): boolean => weekdays[weekdayOf(day)]!;
  const isClosed = (day: number): boolean =>
    isOperating(day) && (closedDays.has(day) || (day >= first && day <= last && !have.has(day)));

  // Open operating days of each month, cached by month.
  const monthDays = new Map<string, number[]>();
  const openDaysOfMonth = (day: number): number[] => {
    const date = new Date(day * 86_400_000);
    const key = `${date.getUTCFullYear()}-${date.getUTCMonth()}`;
    let list = monthDays.get(key);
    if (list === undefined) {
      const year = date.getUTCFullYear();
      const month = date.getUTCMonth() + 1; // 1..12
      const start = dayNumber(year, month, 1);
      const end = month === 12 ? dayNumber(year + 1, 1, 1) : dayNumber(year, month + 1, 1);
      list = [];
      for (let d = start; d < end; d++) if (isOperating(d) && !isClosed(d)) list.push(d);
      if (monthDays.size > MONTH_CACHE_LIMIT) monthDays.clear();
      monthDays.set(key, list);
    }
    return list;
  };

  return {
    weekdays,
    isOperating,
    isClosed,
    features: (day) => {
      if (!isOperating(day) || isClosed(day)) return [];
      const out: CalendarFeature[] = [];
      const open = openDaysOfMonth(day);
      const i = open.indexOf(day);
      if (i === 0) out.push("FB1");
      else if (i === 1) out.push("FB2");
      else if (i === 2) out.push("FB3");
      const fromEnd = open.length - 1 - i;
      if (fromEnd === 0) out.push("LB1");
      else if (fromEnd === 1) out.push("LB2");
      let prev = day - 1;
      while (prev > day - 8 && !isOperating(prev)) prev--;
      if (isOperating(prev) && isClosed(prev)) out.push("AC");
      return out;
    },
    operatingDaysBetween: (from, to) => {
      let n = 0;
      for (let d = from + 1; d <= to; d++) if (isOperating(d)) n++;
      return n;
    },
  };
}
