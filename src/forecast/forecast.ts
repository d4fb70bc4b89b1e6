/**
 * Call-volume forecast per queue and interval: baseline (weekly x intraday pattern, daily level,
 * calendar effects) + the response to planned ad spots, with p10/p90, holidays, planner
 * overrides, an intraday reforecast from today's actuals, and an AHT forecast. This file checks
 * the options, splits the history by queue and composes the per-queue forecasts of queue.ts.
 *
 * @module
 */
import { END_INSTANT_MS, MIN_INSTANT_MS } from "../time/instant.ts";
import { createZone } from "../time/zone.ts";
import { checkGrid } from "./history-step.ts";
import { historyStepMinutes, splitHistory } from "./history-queues.ts";
import { holidayDays } from "./holidays.ts";
import { defaultAiringDelays } from "./kernel.ts";
import { forecastQueue } from "./queue.ts";
import type {
  ForecastOptions,
  ForecastResult,
  ForecastRow,
  HistoryInterval,
  QueueForecastModel,
} from "./types.ts";

const WEEKDAYS = [
  "Sundays",
  "Mondays",
  "Tuesdays",
  "Wednesdays",
  "Thursdays",
  "Fridays",
  "Saturdays",
];

/**
 * Forecasts every queue of the history from `options.start` for `options.days` local days.
 *
 * @throws RangeError for invalid options (unknown zone, intervals that do not fit)
 * @throws DataError for history rows that cannot be placed (off the grid, duplicates); issues
 *   name the row index (`row`), for `locateRows`
 * @example
 * const { rows } = forecastCalls(history, { start: Date.UTC(2025, 0, 13), days: 7 });
 */
export function forecastCalls(
  history: readonly HistoryInterval[],
  options: ForecastOptions,
): ForecastResult {
  const zone = createZone(options.timeZone ?? "UTC");
  if (!Number.isInteger(options.days) || options.days < 1) {
    throw new RangeError(`days must be a whole number >= 1, got ${options.days}`);
  }
  // every instant written must read back (years 1900 to 9999); a day of margin for the zone
  if (
    !(options.start >= MIN_INSTANT_MS) ||
    !(options.start + (options.days + 1) * 86_400_000 <= END_INSTANT_MS)
  ) {
    throw new RangeError(
      "the forecast must lie within the years 1900 to 9999 (its start and its last day)",
    );
  }
  const warnings: string[] = [];
  const cutoff = options.actualsUntil ?? options.start;
  if (options.actualsUntil !== undefined && options.actualsUntil < options.start) {
    throw new RangeError("actualsUntil must not be before start");
  }
  const step = historyStepMinutes(history, options.start, cutoff, options.stepMinutes);
  const output = checkGrid(step, options.intervalMinutes, options.start, zone);

  const startDay = zone.dayOf(options.start);
  const endDay = startDay + options.days; // exclusive
  const endMs = zone.dayStart(endDay);
  const delays = options.airingDelays ?? defaultAiringDelays();
  const holidays = holidayDays(options.holidays ?? []);

  // Each queue's history before the start as a day x slot series; rows in [start, cutoff) are
  // today's actuals.
  const perQueue = splitHistory(history, zone, options.start, cutoff, step).map((q) => ({
    ...q,
    spots: (options.ads ?? []).filter(
      (a) => a.queue === undefined || a.queue === "" || a.queue === q.queue,
    ),
  }));
  const queues = perQueue.map((q) => q.queue);

  const rows: ForecastRow[] = [];
  const models: QueueForecastModel[] = [];
  const closedWeekdays = new Map<number, string[]>();
  for (const { queue, series, actuals, spots } of perQueue) {
    const result = forecastQueue({
      closedWeekdays,
      queue,
      series,
      actuals,
      spots,
      zone,
      startMs: options.start,
      cutoffMs: cutoff,
      startDay,
      endDay,
      outputMinutes: output,
      holidays,
      delays,
      overrides: (options.overrides ?? []).filter(
        (o) => o.queue === undefined || o.queue === "" || o.queue === queue,
      ),
      warnings,
    });
    models.push(result.model);
    for (const r of result.rows) if (r.startMs >= options.start && r.startMs < endMs) rows.push(r);
  }
  for (const [weekday, names] of [...closedWeekdays].sort((a, b) => a[0] - b[0])) {
    const which =
      names.length === queues.length
        ? ""
        : ` of ${names.map((q) => (q === "" ? "the forecast" : `queue "${q}"`)).join(", ")}`;
    warnings.push(`no history for ${WEEKDAYS[weekday]!}${which}: forecast 0 (closed)`);
  }
  const order = new Map(queues.map((q, i) => [q, i]));
  rows.sort((a, b) => a.startMs - b.startMs || order.get(a.queue)! - order.get(b.queue)!);
  return { rows, models, warnings, zone, intervalMinutes: output };
}
