/**
 * The ad response of each queue learned from its history and the spots aired during it, without
 * forecasting: what a simulation needs to shape arrivals after the spots of a forecast.
 *
 * @module
 */
import { createZone } from "../time/zone.ts";
import { fitAdResponse, type AdResponse } from "./ads.ts";
import { historyStepMinutes, splitHistory } from "./history-queues.ts";
import type { AdRow, HistoryInterval } from "./types.ts";

/** Options of {@link fitAdResponses}. */
export interface AdFitOptions {
  /** Learn from rows and spots before this instant, epoch ms. */
  readonly start: number;
  /** IANA time zone of the local calendar (default "UTC"). */
  readonly timeZone?: string;
  /** History interval, minutes (default: the history's spacing). */
  readonly stepMinutes?: number;
  /** The ad log; spots aired before `start` are learned from. */
  readonly ads: readonly AdRow[];
}

/**
 * Each queue's ad response as `forecastCalls` learns it (the same model in `result.models`),
 * without the rest of the forecast.
 *
 * @throws RangeError for an unknown time zone
 * @throws DataError for history rows that cannot be placed; issues name the row index (`row`)
 * @example
 * const responses = fitAdResponses(history.rows, { start: Date.UTC(2025, 0, 13), ads: ads.rows });
 * responses.get("orders")?.channels.get("TV1")?.callsPerUnit; // calls per GRP
 */
export function fitAdResponses(
  history: readonly HistoryInterval[],
  options: AdFitOptions,
): Map<string, AdResponse> {
  const zone = createZone(options.timeZone ?? "UTC");
  const step = historyStepMinutes(history, options.start, options.start, options.stepMinutes);
  const out = new Map<string, AdResponse>();
  for (const { queue, series } of splitHistory(history, zone, options.start, options.start, step)) {
    const spots = options.ads.filter(
      (a) =>
        (a.queue === undefined || a.queue === "" || a.queue === queue) && a.airMs < options.start,
    );
    out.set(queue, fitAdResponse(series, zone, spots).response);
  }
  return out;
}
