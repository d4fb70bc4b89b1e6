/**
 * The forecast engine's inputs and results: history rows, the ad log, holidays, planner
 * overrides, the options of `forecastCalls` and what it returns.
 *
 * @module
 */
import type { Zone } from "../time/zone.ts";
import type { AdResponse, AdSpot } from "./ads.ts";
import type { Selection } from "./select.ts";

/** One history row. */
export interface HistoryInterval {
  readonly queue: string;
  /** Interval start, epoch ms. */
  readonly startMs: number;
  /** Calls offered, >= 0; NaN when the source has no data for the interval (unknown, not 0). */
  readonly calls: number;
  /** AHT of the interval, seconds (optional). */
  readonly ahtSeconds?: number;
}

/** One row of the ad log: aired (before the forecast start) or planned (after it). */
export interface AdRow extends AdSpot {
  /** Queue the spot's number leads to; undefined or "" for every queue. */
  readonly queue?: string;
  /**
   * The planned time, when the log knows both (backtests then forecast each origin's future
   * spots from their planned times, as they would have been known then).
   */
  readonly plannedMs?: number;
}

/** A special day. */
export interface Holiday {
  /** Local date, "YYYY-MM-DD". */
  readonly date: string;
  /** Name; occurrences with the same name (e.g. every year's "Christmas") are matched. */
  readonly name?: string;
}

/** A planner's adjustment on top of the model, over [startMs, endMs). */
export interface Override {
  readonly startMs: number;
  readonly endMs: number;
  /** Queue, or undefined / "" for every queue. */
  readonly queue?: string;
  /** Multiply the forecast by this (>= 0)... */
  readonly factor?: number;
  /** ... or set the span's total calls to this (>= 0), keeping the model's shape. */
  readonly calls?: number;
}

/** What the model is given besides the history (shared by forecasts and backtests). */
export interface ModelInputs {
  /** IANA time zone of the local calendar (default "UTC"). */
  readonly timeZone?: string;
  /** History interval, minutes (default: the history's spacing). */
  readonly stepMinutes?: number;
  /** Output (or scoring) interval, minutes: a multiple of the history interval (default: the same). */
  readonly intervalMinutes?: number;
  readonly ads?: readonly AdRow[];
  readonly holidays?: readonly Holiday[];
  /** Probabilities of planned spots airing 0, 1, 2, ... minutes late (default: literature). */
  readonly airingDelays?: readonly number[];
}

/** Options of `forecastCalls` (forecast.ts). */
export interface ForecastOptions extends ModelInputs {
  /** First instant to forecast, epoch ms (on the output interval grid in local time). */
  readonly start: number;
  /** Local calendar days to forecast from the start's day (>= 1). */
  readonly days: number;
  readonly overrides?: readonly Override[];
  /** With history rows in [start, actualsUntil): today's actuals for an intraday reforecast. */
  readonly actualsUntil?: number;
}

/** One forecast interval. */
export interface ForecastRow {
  readonly queue: string;
  readonly startMs: number;
  /** Expected calls. */
  readonly calls: number;
  /** 10th and 90th percentiles of the count. */
  readonly p10: number;
  readonly p90: number;
  /** Expected AHT, seconds; undefined when the history has no AHT. */
  readonly ahtSeconds?: number;
}

/** What was learned for a queue (for reports and tests). */
export interface QueueForecastModel {
  readonly queue: string;
  readonly stepMinutes: number;
  /** Days of history used. */
  readonly historyDays: number;
  /** Baseline method and overdispersion per horizon (operating days). */
  readonly selection: Selection;
  /** Ad response per channel (empty without ads). */
  readonly ads: AdResponse;
}

/** Result of `forecastCalls` (forecast.ts). */
export interface ForecastResult {
  readonly rows: ForecastRow[];
  readonly models: QueueForecastModel[];
  /** Things the user should know (a weekday without history, unknown channels, ...). */
  readonly warnings: string[];
  readonly zone: Zone;
  readonly intervalMinutes: number;
}
