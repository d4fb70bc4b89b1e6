/**
 * The working grid of a queue's forecast: one entry per history-step interval of every target
 * day, holding the expected calls as the forecast's layers change them (baseline and ads, the
 * intraday update, closed hours, planner overrides) before they are summed into output rows.
 *
 * @module
 */
import type { Zone } from "../time/zone.ts";
import { daySlots } from "./series.ts";

/** One history-step interval of a target day. */
export interface SlotInterval {
  /** Start instant, epoch ms. */
  readonly startMs: number;
  /** Expected calls, changed in place by each layer. */
  mean: number;
  /** Overdispersion c of the count (variance mean + c mean^2), from the day's horizon. */
  readonly overdispersion: number;
  /** Time-of-day slot (see series.ts): the index into the day's profiles. */
  readonly slot: number;
  /** Local day number. */
  readonly day: number;
}

/**
 * The intervals of `targetDays` in time order, each expected to get the baseline plus the ads'
 * calls of its slot.
 *
 * @param base - per target day, baseline calls per slot
 * @param ads - per target day, ad-driven calls per slot
 * @param overdispersion - per target day, the overdispersion of its counts
 */
export function buildIntervals(
  zone: Zone,
  targetDays: readonly number[],
  stepMinutes: number,
  base: readonly Float64Array[],
  ads: readonly Float64Array[],
  overdispersion: readonly number[],
): SlotInterval[] {
  const intervals: SlotInterval[] = [];
  targetDays.forEach((day, k) => {
    const grid = daySlots(zone, day, stepMinutes);
    grid.starts.forEach((startMs, j) => {
      const slot = grid.slots[j]!;
      intervals.push({
        startMs,
        mean: base[k]![slot]! + ads[k]![slot]!,
        overdispersion: overdispersion[k]!,
        slot,
        day,
      });
    });
  });
  return intervals;
}
