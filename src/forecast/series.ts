/**
 * Interval history as a matrix of local days x time-of-day slots, the shape every forecasting
 * method here works on.
 *
 * Rules (the forecast contract): a local day with no rows at all is missing (unknown, not zero);
 * within a day that has rows, an interval without a row had 0 calls (closed or quiet). Slots are
 * keyed by local clock time, so that 09:00 is the same slot on every day: on the day clocks go
 * forward the skipped slots do not exist (NaN), on the day they go back the repeated slots hold
 * the mean of their two intervals.
 *
 * @module
 */
import { type Zone } from "../time/zone.ts";

/** One interval of history (already validated): calls offered from `startMs` for one step. */
export interface HistoryPoint {
  readonly startMs: number;
  readonly calls: number;
  /** Average handle time of the interval's calls, seconds; NaN when unknown. */
  readonly ahtSeconds: number;
}

/** A queue's history by local day and slot. */
export interface DaySeries {
  /** Interval length, minutes (divides 1440). */
  readonly stepMinutes: number;
  /** Slots per local day: 1440 / stepMinutes. */
  readonly slots: number;
  /** Day numbers that have data, ascending. */
  readonly days: readonly number[];
  /** Calls per slot of each day in `days`; NaN where the slot does not exist that day. */
  readonly calls: readonly Float64Array[];
  /** AHT per slot (seconds), NaN where unknown or without calls; null when no row had an AHT. */
  readonly aht: readonly Float64Array[] | null;
}

/** Where a history point could not be placed. */
export interface SeriesIssue {
  /** Index of the point in the input. */
  readonly index: number;
  readonly message: string;
}

/**
 * The slots that exist on local day `day`, in time order, with the instant each starts: 1440 /
 * step of them on ordinary days, fewer when clocks go forward, more (repeated slot keys) when
 * they go back.
 */
export function daySlots(
  zone: Zone,
  day: number,
  stepMinutes: number,
): { starts: number[]; slots: number[] } {
  const stepMs = stepMinutes * 60_000;
  const begin = zone.dayStart(day);
  const end = zone.dayStart(day + 1);
  const starts: number[] = [];
  const slots: number[] = [];
  for (let t = begin; t < end; t += stepMs) {
    starts.push(t);
    slots.push(Math.floor(zone.clockMinutes(t) / stepMinutes));
  }
  return { starts, slots };
}

/**
 * Builds the day x slot matrix of one queue.
 *
 * @param points - the queue's history in any order
 * @param zone - the local calendar
 * @param stepMinutes - the interval length; every start must lie on that grid in local time
 * @returns the series and the points that could not be placed (off the grid, duplicates)
 */
export function buildSeries(
  points: readonly HistoryPoint[],
  zone: Zone,
  stepMinutes: number,
): { series: DaySeries; issues: SeriesIssue[] } {
  const slots = 1440 / stepMinutes;
  const issues: SeriesIssue[] = [];
  const byDay = new Map<number, number[]>();
  let anyAht = false;
  for (let index = 0; index < points.length; index++) {
    const p = points[index]!;
    const day = zone.dayOf(p.startMs);
    const list = byDay.get(day);
    if (list === undefined) byDay.set(day, [index]);
    else list.push(index);
    if (!Number.isNaN(p.ahtSeconds)) anyAht = true;
  }
  const days = [...byDay.keys()].sort((a, b) => a - b);
  const calls: Float64Array[] = [];
  const aht: Float64Array[] = [];
  for (const day of days) {
    const grid = daySlots(zone, day, stepMinutes);
    const position = new Map<number, number>(); // start instant -> index in the day's grid
    grid.starts.forEach((t, i) => position.set(t, i));
    const values = new Float64Array(grid.starts.length);
    const handle = new Float64Array(grid.starts.length).fill(Number.NaN);
    const seen = new Uint8Array(grid.starts.length);
    for (const index of byDay.get(day)!) {
      const p = points[index]!;
      const i = position.get(p.startMs);
      if (i === undefined) {
        issues.push({
          index,
          message: `does not start on the ${stepMinutes}-minute grid of local time in ${zone.name}`,
        });
        continue;
      }
      if (seen[i] === 1) {
        issues.push({ index, message: "a second row for the same interval" });
        continue;
      }
      seen[i] = 1;
      values[i] = p.calls;
      handle[i] = p.ahtSeconds;
    }
    // Into slot keys: missing (skipped) slots NaN, repeated slots averaged.
    const row = new Float64Array(slots).fill(Number.NaN);
    const ahtRow = new Float64Array(slots).fill(Number.NaN);
    const count = new Uint8Array(slots);
    const ahtWeight = new Float64Array(slots);
    grid.slots.forEach((slot, i) => {
      row[slot] = count[slot] === 0 ? values[i]! : row[slot]! + values[i]!;
      count[slot]!++;
      const a = handle[i]!;
      if (!Number.isNaN(a) && values[i]! > 0) {
        ahtRow[slot] = Number.isNaN(ahtRow[slot]!)
          ? a * values[i]!
          : ahtRow[slot]! + a * values[i]!;
        ahtWeight[slot]! += values[i]!;
      }
    });
    for (let s = 0; s < slots; s++) {
      if (count[s]! > 1) row[s] = row[s]! / count[s]!;
      if (ahtWeight[s]! > 0) ahtRow[s] = ahtRow[s]! / ahtWeight[s]!;
    }
    calls.push(row);
    aht.push(ahtRow);
  }
  return {
    series: { stepMinutes, slots, days, calls, aht: anyAht ? aht : null },
    issues,
  };
}

/** Sum of the existing slots of a day. */
export function dayTotal(row: Float64Array): number {
  let s = 0;
  for (const v of row) if (!Number.isNaN(v)) s += v;
  return s;
}
