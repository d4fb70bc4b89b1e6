/**
 * The AHT forecast: per slot, the call-weighted mean handle time of the same slot on the latest
 * same-weekday days of the history (holidays left out), falling back to the whole of those days
 * and then to the latest AHT known.
 *
 * @module
 */
import { weekdayOf } from "../time/zone.ts";
import type { DaySeries } from "./series.ts";

/**
 * Same-weekday days the AHT is averaged over: four, the "historical average over k = 4 weeks"
 * that the research note forecast.md finds hard to beat for volumes beyond a day ahead
 * (sections 0 and 5.5, after Taylor 2008); handle times drift more slowly than volumes.
 */
const AHT_WEEKS = 4;

/**
 * The expected AHT (seconds) of a slot of a target day, from `series`.
 *
 * @param holidays - days left out (their handle times are not typical)
 * @returns a function of (day, slot) giving seconds, NaN when the history has no AHT at all;
 *   null when the history has no AHT column
 * @example
 * const aht = ahtForecaster(series, new Set());
 * aht?.(day, 36); // seconds, for the 09:00 slot at 15-minute intervals
 */
export function ahtForecaster(
  series: DaySeries,
  holidays: ReadonlySet<number>,
): ((day: number, slot: number) => number) | null {
  const aht = series.aht;
  if (aht === null) return null;
  const slots = series.slots;
  return (day, slot) => {
    let num = 0;
    let den = 0;
    let dayNum = 0;
    let dayDen = 0;
    let found = 0;
    for (let i = series.days.length - 1; i >= 0 && found < AHT_WEEKS; i--) {
      const d = series.days[i]!;
      if (weekdayOf(d) !== weekdayOf(day) || holidays.has(d)) continue;
      found++;
      const row = aht[i]!;
      const callsRow = series.calls[i]!;
      for (let s = 0; s < slots; s++) {
        const a = row[s]!;
        const n = callsRow[s]!;
        if (Number.isNaN(a) || !(n > 0)) continue;
        dayNum += a * n;
        dayDen += n;
        if (s === slot) {
          num += a * n;
          den += n;
        }
      }
    }
    if (den > 0) return num / den;
    if (dayDen > 0) return dayNum / dayDen;
    // any AHT at all
    for (let i = series.days.length - 1; i >= 0; i--) {
      const row = aht[i]!;
      for (let s = 0; s < slots; s++) if (!Number.isNaN(row[s]!)) return row[s]!;
    }
    return Number.NaN;
  };
}
