/**
 * How big a shift design model will be, known before it is built, and the limits it must stay
 * within. A year typed wrong in one requirement row (2052 for 2025) would ask for a 27-year grid;
 * a 1-minute grid with every start and hundreds of lengths for millions of shifts; thirty breaks
 * with wide windows for billions of break-order coefficients. Each would run for minutes and then
 * out of memory; all are refused at once with what is too big and how to shrink it.
 *
 * | measure                                   | limit      |
 * | ----------------------------------------- | ---------- |
 * | intervals in the horizon                  | 20,000     |
 * | concrete shifts (template x day x start x length) | 100,000 |
 * | variables (shifts, break placements, slacks) | 2,000,000 |
 * | non-zero coefficients                     | 5,000,000  |
 *
 * For scale: a 7-day week of 15-minute intervals with two shift templates, a break and a lunch
 * on every shift has 672 intervals, 1,252 shifts, 28,691 variables and 300,000 non-zeros; four
 * such weeks, 1.2 million non-zeros.
 *
 * @module
 */
import { DataError } from "../io/errors.ts";
import { weekdayOf } from "../time/zone.ts";
import type { BreakRule, ShiftSpec } from "./spec.ts";

/** The limits of a shift design model (see the module's table). */
export const SHIFT_MODEL_LIMITS = {
  intervals: 20_000,
  shifts: 100_000,
  variables: 2_000_000,
  nonZeros: 5_000_000,
} as const;

/** Sizes of a shift design model (upper bounds where shifts fall off the horizon). */
export interface ShiftModelSize {
  readonly intervals: number;
  readonly shifts: number;
  readonly variables: number;
  readonly nonZeros: number;
}

/**
 * Break start offsets (intervals after the shift's start) allowed for each break.
 *
 * @param interval - the interval, minutes
 * @example
 * // a 30-minute meal at least 180 minutes after the start and 120 before the end of 8 hours
 * breakWindows([meal], 480, 30); // => [[6, 7, 8, 9, 10, 11]]
 */
export function breakWindows(
  breaks: readonly BreakRule[],
  lengthMinutes: number,
  interval: number,
): number[][] {
  return breaks.map((b) => {
    const first = Math.ceil(b.earliestAfterStartMinutes / interval);
    const last = Math.floor(
      (lengthMinutes - b.latestBeforeEndMinutes - b.durationMinutes) / interval,
    );
    const out: number[] = [];
    for (let w = first; w <= last; w++) out.push(w);
    return out;
  });
}

/** Variables and non-zeros one shift of this template and length brings into the model. */
function perShift(
  breaks: readonly BreakRule[],
  lengthMinutes: number,
  interval: number,
): { variables: number; nonZeros: number } {
  const windows = breakWindows(breaks, lengthMinutes, interval);
  let variables = 1;
  let nonZeros = lengthMinutes / interval + 2; // coverage, the day's count row, instance link
  windows.forEach((window, k) => {
    const duration = breaks[k]!.durationMinutes / interval;
    variables += window.length;
    nonZeros += window.length + 1 + window.length * duration; // link row, coverage
    if (k === 0) return;
    // order rows: for each offset w, the placements of break k up to w and those of break
    // k - 1 finished by w
    const previous = windows[k - 1]!;
    const previousLength = breaks[k - 1]!.durationMinutes / interval;
    const last = previous[previous.length - 1];
    if (last === undefined || window[0] === undefined || last + previousLength <= window[0]) return;
    let done = 0;
    window.forEach((w, q) => {
      while (done < previous.length && previous[done]! + previousLength <= w) done++;
      nonZeros += q + 1 + done;
    });
  });
  return { variables, nonZeros };
}

/** The skill groups of a requirement, and which group may cover which, for sizing. */
export interface GroupSizing {
  readonly groups: readonly string[];
  readonly transfers: readonly { readonly from: string; readonly to: string }[];
}

/**
 * The size of the model for `spec` on a horizon of `intervals` intervals of `interval` minutes
 * that spans the local days `firstDay` to `lastDay` (day numbers), without building it. With
 * groups: shifts once per group their template may staff, shortfall and excess per (interval,
 * group), a variable per transfer and interval, and the rows that keep a group's transfers
 * within its working agents (its shifts' coverage coefficients again).
 */
export function estimateShiftModel(
  spec: ShiftSpec,
  interval: number,
  intervals: number,
  firstDay: number,
  lastDay: number,
  sizing?: GroupSizing,
): ShiftModelSize {
  const groups = sizing?.groups ?? [];
  const transfers = sizing?.transfers ?? [];
  const lenders = new Set(transfers.map((p) => p.from));
  let shifts = 0;
  // shortfall and excess per interval and group
  let variables = 2 * intervals * Math.max(1, groups.length);
  let nonZeros = variables + 3 * transfers.length * intervals; // transfers: in, out, lending
  variables += transfers.length * intervals;
  for (const t of spec.shifts) {
    const staffed = groups.filter((g) => t.groups === undefined || t.groups.includes(g));
    const copies = groups.length === 0 ? 1 : staffed.length;
    const doubled = staffed.filter((g) => lenders.has(g)).length; // in a lending row too
    const latest =
      t.startLatestMinutes >= t.startEarliestMinutes
        ? t.startLatestMinutes
        : t.startLatestMinutes + 1440;
    const startsPerDay = Math.floor((latest - t.startEarliestMinutes) / t.startStepMinutes) + 1;
    let days = 0;
    for (let d = firstDay - 1; d <= lastDay; d++) if (t.days.includes(weekdayOf(d))) days++;
    const perLength = startsPerDay * days;
    for (const length of t.lengthMinutes) {
      const one = perShift(t.breaks, length, interval);
      shifts += perLength * copies;
      variables += perLength * copies * one.variables;
      nonZeros += perLength * (copies + doubled) * one.nonZeros;
    }
  }
  if (spec.shiftInstanceCost > 0) {
    variables += shifts;
    nonZeros += 2 * shifts;
  }
  return { intervals, shifts, variables, nonZeros };
}

const thousands = (v: number): string => Math.round(v).toLocaleString("en-US");

/**
 * Refuses a model over the limits, saying what is too big and how to shrink it.
 *
 * @param horizonHint - what to say about a horizon that is too long (e.g. where a wrong date is)
 * @throws DataError (exit 65) naming the measure, its size and its limit
 */
export function checkShiftModelSize(
  size: ShiftModelSize,
  intervalMinutes: number,
  horizonHint?: string,
): void {
  const problems: string[] = [];
  const L = SHIFT_MODEL_LIMITS;
  if (size.intervals > L.intervals) {
    const days = Math.floor((L.intervals * intervalMinutes) / 1440);
    problems.push(
      `the horizon has ${thousands(size.intervals)} intervals of ${intervalMinutes} minutes, more than ` +
        `${thousands(L.intervals)} (${days} days at this interval): ` +
        (horizonHint ?? "check the requirements' dates, or schedule the period in parts"),
    );
  }
  if (size.shifts > L.shifts)
    problems.push(
      `the templates allow ${thousands(size.shifts)} concrete shifts (day x start x length), more than ` +
        `${thousands(L.shifts)}: use a coarser startStepMinutes, fewer lengths or fewer days`,
    );
  if (size.variables > L.variables || size.nonZeros > L.nonZeros)
    problems.push(
      `the model would have ${thousands(size.variables)} variables and ${thousands(size.nonZeros)} ` +
        `non-zeros, more than ${thousands(L.variables)} and ${thousands(L.nonZeros)}: narrow the break ` +
        "windows (earliestAfterStartMinutes, latestBeforeEndMinutes), use fewer breaks per shift, or fewer shift starts",
    );
  if (problems.length > 0)
    throw new DataError(problems.map((message) => ({ message: `model too large: ${message}` })));
}
