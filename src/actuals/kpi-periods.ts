/**
 * The periods KPIs are grouped by: the interval itself, the local day, or the local week
 * starting on Monday, in an explicit time zone (a local day lasts 23, 24 or 25 hours).
 *
 * @module
 */
import { weekdayOf, type Zone } from "../time/zone.ts";

/** The periods of a KPI table. */
export const KPI_PERIODS = ["interval", "day", "week"] as const;

/** How KPIs are grouped: per interval as reported, per local day, per local week (Monday). */
export type KpiPeriod = (typeof KPI_PERIODS)[number];

/**
 * The start (epoch ms) of the period that holds the instant `ms`: `ms` itself for
 * `interval`, local midnight for `day`, local midnight of the Monday on or before for `week`.
 *
 * @example
 * const berlin = createZone("Europe/Berlin");
 * periodStart(Date.UTC(2026, 2, 29, 21, 30), "week", berlin);
 * // => Date.UTC(2026, 2, 22, 23) (Monday 2026-03-23 00:00+01:00)
 */
export function periodStart(ms: number, by: KpiPeriod, zone: Zone): number {
  if (by === "interval") return ms;
  const day = zone.dayOf(ms);
  if (by === "day") return zone.dayStart(day);
  return zone.dayStart(day - ((weekdayOf(day) + 6) % 7));
}
