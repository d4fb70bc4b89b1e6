/**
 * staffcast/forecast: call volume per queue and interval from history, with the response to TV
 * and radio ad spots learned from past airings, p10/p90, holidays, planner overrides, intraday
 * reforecast, AHT, and rolling-origin backtests.
 *
 * @example
 * import { forecastCalls } from "staffcast/forecast";
 * const { rows } = forecastCalls(history, { start: Date.UTC(2025, 0, 13), days: 7, ads });
 * rows[0]; // { queue, startMs, calls, p10, p90 }
 *
 * @module
 */
export {
  forecastCalls,
  type AdRow,
  type ForecastOptions,
  type ForecastResult,
  type ForecastRow,
  type HistoryInterval,
  type Holiday,
  type ModelInputs,
  type Override,
  type QueueForecastModel,
} from "./forecast.ts";
export {
  backtest,
  type BacktestOptions,
  type BacktestResult,
  type HorizonScore,
} from "./backtest.ts";
export type { AdResponse, AdSpot, ChannelResponse } from "./ads.ts";
export type { Kernel } from "./kernel.ts";
export { defaultAiringDelays, kernelCdf } from "./kernel.ts";
export type { BaselineMethod } from "./baseline.ts";
export type { Selection } from "./select.ts";
export { countQuantile } from "./quantiles.ts";
export { arrivalProfile, DEFAULT_KERNEL, type IntervalCalls, type MinuteRates } from "./profile.ts";
