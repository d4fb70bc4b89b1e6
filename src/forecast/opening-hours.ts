/**
 * Opening hours as the history shows them: a (weekday, slot) in which no day of the history had
 * a call is closed, and the forecast puts no calls there (the tail of a spot aired near closing
 * would otherwise forecast calls after hours).
 *
 * @module
 */
import { weekdayOf } from "../time/zone.ts";
import type { SlotInterval } from "./intervals.ts";
import type { DaySeries } from "./series.ts";

/**
 * Per weekday (0 Sunday) and slot, whether any day of the history had a call in that slot: the
 * center's opening hours as the history shows them.
 */
export function openSlots(series: DaySeries): Uint8Array[] {
  const open = Array.from({ length: 7 }, () => new Uint8Array(series.slots));
  series.days.forEach((d, i) => {
    const row = series.calls[i]!;
    const mark = open[weekdayOf(d)]!;
    for (let s = 0; s < series.slots; s++) if (row[s]! > 0) mark[s] = 1;
  });
  return open;
}

/**
 * Sets the expected calls of every interval outside the history's opening hours to 0.
 *
 * @example
 * closeOutsideOpeningHours(intervals, series); // no calls at 03:00 if no night ever had one
 */
export function closeOutsideOpeningHours(intervals: SlotInterval[], series: DaySeries): void {
  const open = openSlots(series);
  for (const iv of intervals) if (!open[weekdayOf(iv.day)]![iv.slot]) iv.mean = 0;
}
