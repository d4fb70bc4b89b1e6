/**
 * staffcast/forecast: call volume per queue and interval from history, with the response to TV
 * and radio ad spots learned from past airings, p10/p90, holidays, planner overrides, intraday
 * reforecast, AHT, and rolling-origin backtests; and the readers and writer of its file formats
 * (history, ad log, holidays, overrides, forecast CSV).
 *
 * @example
 * import { forecastCalls, formatForecastCsv, readAdsCsv, readHistoryCsv } from "staffcast/forecast";
 * const history = await readHistoryCsv("history.csv");
 * const ads = await readAdsCsv("ads.csv");
 * const result = forecastCalls(history.rows, { start: Date.UTC(2025, 0, 13), days: 7, ads: ads.rows });
 * result.rows[0]; // { queue, startMs, calls, p10, p90 }
 * formatForecastCsv(result); // "start,queue,calls,calls_p10,calls_p90\n..."
 *
 * @module
 */
export { forecastCalls } from "./forecast.ts";
export { fitAdResponses, type AdFitOptions } from "./ad-fit.ts";
export type {
  AdRow,
  ForecastOptions,
  ForecastResult,
  ForecastRow,
  HistoryInterval,
  Holiday,
  ModelInputs,
  Override,
  QueueForecastModel,
} from "./types.ts";
export {
  backtest,
  type BacktestOptions,
  type BacktestResult,
  type HorizonScore,
} from "./backtest.ts";
export type { AdResponse, AdSpot, ChannelResponse } from "./ads.ts";
export type { Kernel, KernelCdf } from "./kernel.ts";
export { defaultAiringDelays, kernelCdf } from "./kernel.ts";
export type { BaselineMethod } from "./baseline.ts";
export type { Selection } from "./select.ts";
export { countQuantile } from "./quantiles.ts";
export { arrivalProfile, DEFAULT_KERNEL, type IntervalCalls, type MinuteRates } from "./profile.ts";
export * from "./formats/index.ts";
