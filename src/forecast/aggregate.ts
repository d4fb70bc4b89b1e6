/**
 * From the history-step intervals of a queue's forecast to output rows: intervals summed into
 * output intervals (within a day), the p10 and p90 of each sum, the AHT weighted by the calls,
 * and the actual calls in place of the forecast for output intervals already over.
 *
 * @module
 */
import type { SlotInterval } from "./intervals.ts";
import { countQuantile } from "./quantiles.ts";
import type { ForecastRow } from "./types.ts";

/** The quantiles of the output's `calls_p10` and `calls_p90` columns. */
const P10 = 0.1;
const P90 = 0.9;

/**
 * The least weight of an interval in its output interval's AHT: an interval forecast to get no
 * calls still counts a little, so that an output interval without calls (closed, quiet) reports
 * the mean AHT of its slots rather than none. Far below any real call count, it changes no
 * other mean.
 */
const MIN_AHT_WEIGHT = 1e-9;

/** What {@link aggregateIntervals} needs besides the intervals. */
export interface AggregateInputs {
  readonly queue: string;
  /** Output interval, minutes (a multiple of the intervals' step). */
  readonly outputMinutes: number;
  /** The forecast's start and the end of the actuals known, epoch ms. */
  readonly startMs: number;
  readonly cutoffMs: number;
  /** Actual calls by interval start, for intervals in [startMs, cutoffMs). */
  readonly actuals: ReadonlyMap<number, number>;
  /** Expected AHT of a slot of a day (see aht.ts), or null without AHT. */
  readonly ahtOf: ((day: number, slot: number) => number) | null;
}

/**
 * Output rows of one queue, in time order.
 *
 * @param intervals - the queue's intervals in time order
 * @example
 * const rows = aggregateIntervals(intervals, {
 *   queue: "orders", outputMinutes: 30, startMs, cutoffMs: startMs, actuals: new Map(), ahtOf: null,
 * });
 */
export function aggregateIntervals(
  intervals: readonly SlotInterval[],
  inputs: AggregateInputs,
): ForecastRow[] {
  const { ahtOf } = inputs;
  const rows: ForecastRow[] = [];
  for (let i = 0; i < intervals.length;) {
    const first = intervals[i]!;
    const groupEnd = first.startMs + inputs.outputMinutes * 60_000;
    let mean = 0;
    let ahtNum = 0;
    let ahtDen = 0;
    let actual = 0;
    let elapsed = true;
    let j = i;
    for (
      ;
      j < intervals.length && intervals[j]!.startMs < groupEnd && intervals[j]!.day === first.day;
      j++
    ) {
      const iv = intervals[j]!;
      mean += iv.mean;
      const a = ahtOf === null ? Number.NaN : ahtOf(iv.day, iv.slot);
      if (!Number.isNaN(a)) {
        ahtNum += a * Math.max(iv.mean, MIN_AHT_WEIGHT);
        ahtDen += Math.max(iv.mean, MIN_AHT_WEIGHT);
      }
      if (iv.startMs < inputs.cutoffMs && iv.startMs >= inputs.startMs)
        actual += inputs.actuals.get(iv.startMs) ?? 0;
      else elapsed = false;
    }
    const c = first.overdispersion;
    rows.push({
      queue: inputs.queue,
      startMs: first.startMs,
      calls: elapsed ? actual : mean,
      p10: elapsed ? actual : countQuantile(mean, c, P10),
      p90: elapsed ? actual : countQuantile(mean, c, P90),
      ...(ahtOf === null ? {} : { ahtSeconds: ahtDen > 0 ? ahtNum / ahtDen : Number.NaN }),
    });
    i = j;
  }
  return rows;
}
