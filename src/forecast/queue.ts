/**
 * One queue's forecast, layer by layer: the ad response learned from past spots; holidays; the
 * baseline chosen per horizon and fitted on the history without ad-driven calls; the response
 * to planned spots on top; the intraday update from today's actuals; closed hours; planner
 * overrides; the AHT; and the sums per output interval.
 *
 * @module
 */
import { formatDay, weekdayOf, type Zone } from "../time/zone.ts";
import { adCalls, fitAdResponse, type AdFit, type AdSpot } from "./ads.ts";
import { aggregateIntervals } from "./aggregate.ts";
import { ahtForecaster } from "./aht.ts";
import { fitBaseline, type BaselineInput, type BaselineMethod } from "./baseline.ts";
import { holidayProfile, planHolidays, type DayHoliday } from "./holidays.ts";
import { intradayUpdate } from "./intraday.ts";
import { buildIntervals } from "./intervals.ts";
import { closeOutsideOpeningHours } from "./opening-hours.ts";
import { applyOverrides } from "./overrides.ts";
import { DEFAULT_OVERDISPERSION, selectBaseline } from "./select.ts";
import type { DaySeries } from "./series.ts";
import type { AdRow, ForecastRow, Override, QueueForecastModel } from "./types.ts";

/**
 * Horizons (operating days ahead) the baseline method and the overdispersion are chosen for;
 * later days use the last. A week of operating days: the research note forecast.md scores
 * horizons 1 to 5 and 1 to 7 (section 5.2) and buckets model choice into 1 day and 2 to 7 days
 * (section 6.2).
 */
const SELECTION_HORIZONS = 7;

/**
 * The most operating days without data between the history's last day and the start that are
 * taken as closed days rather than as a history that ends early: a chosen default, a long
 * weekend or a closure around a holiday (an export usually runs up to the day before).
 */
const MAX_CLOSED_GAP_DAYS = 3;

/** One queue's share of a forecast. */
export interface QueueTask {
  readonly queue: string;
  readonly series: DaySeries;
  /** Today's actual calls by interval start (the intraday reforecast). */
  readonly actuals: ReadonlyMap<number, number>;
  readonly spots: readonly AdRow[];
  readonly zone: Zone;
  /** The forecast's start and the end of the actuals known, epoch ms. */
  readonly startMs: number;
  readonly cutoffMs: number;
  /** The first target day and the day after the last. */
  readonly startDay: number;
  readonly endDay: number;
  readonly outputMinutes: number;
  readonly holidays: readonly DayHoliday[];
  readonly delays: readonly number[];
  readonly overrides: readonly Override[];
  /** Warnings for the user, appended to. */
  readonly warnings: string[];
  /** Weekdays (0 Sunday) the history never opens, and the queues they were met in. */
  readonly closedWeekdays: Map<number, string[]>;
}

/** Warns of planned spots on channels the history never saw air. */
function warnUnknownChannels(task: QueueTask, fit: AdFit, label: string): void {
  for (const s of task.spots) {
    if (s.airMs >= task.startMs && !fit.response.channels.has(s.channel)) {
      task.warnings.push(
        fit.response.fallback === null
          ? `no aired spots in the history${label}: the response to planned spots on "${s.channel}" cannot be forecast`
          : `channel "${s.channel}" never aired in the history${label}: its spots get the response of the most frequent channel`,
      );
      return;
    }
  }
}

/**
 * Forecasts one queue over the task's target days.
 *
 * @returns the rows (every target day, in time order) and what was learned
 */
export function forecastQueue(task: QueueTask): { rows: ForecastRow[]; model: QueueForecastModel } {
  const { series, zone, queue, startDay, endDay } = task;
  const step = series.stepMinutes;
  const slots = series.slots;
  const label = queue === "" ? "" : ` (queue "${queue}")`;
  const lastDataDay = series.days[series.days.length - 1] ?? startDay - 1;

  // Ads: learn from the spots aired during the history.
  const fit = fitAdResponse(
    series,
    zone,
    task.spots.filter((s) => s.airMs < task.startMs),
  );
  warnUnknownChannels(task, fit, label);

  // Holidays: left out of learning; closed where the history shows them closed.
  const holidays = planHolidays(task.holidays, series, startDay, lastDataDay);
  const holidaySet = new Set(holidays.names.keys());
  const input: BaselineInput = {
    series: fit.cleaned,
    exclude: holidaySet,
    closed: holidays.closed,
  };

  const selection = selectBaseline(input, startDay, SELECTION_HORIZONS, task.outputMinutes / step);
  // Operating days between the history's last day and the start without data: a short gap
  // (the history running up to the start) means they were closed, as gaps inside the history
  // are; a longer one means the history simply ends earlier.
  let fitted = fitBaseline(input, startDay, lastDataDay);
  const gap = fitted.calendar.operatingDaysBetween(lastDataDay, startDay - 1);
  if (gap > 0 && gap <= MAX_CLOSED_GAP_DAYS) {
    fitted = fitBaseline(input, startDay, startDay - 1);
    const gapDays: string[] = [];
    for (let d = lastDataDay + 1; d < startDay; d++) {
      if (fitted.calendar.isOperating(d)) gapDays.push(formatDay(d));
    }
    task.warnings.push(
      `no history on ${gapDays.join(", ")}${label}, just before the start: taken as closed`,
    );
  }
  const calendar = fitted.calendar;

  const targetDays: number[] = [];
  for (let d = startDay; d < endDay; d++) targetDays.push(d);
  const warnedWeekday = new Set<number>();

  // Baseline per target day (slot profile), its horizon's overdispersion.
  const base: Float64Array[] = [];
  const overdispersion: number[] = [];
  for (const d of targetDays) {
    const h = Math.min(
      Math.max(1, calendar.operatingDaysBetween(lastDataDay, d)),
      SELECTION_HORIZONS,
    );
    overdispersion.push(selection.overdispersion[h - 1] ?? DEFAULT_OVERDISPERSION);
    const method: BaselineMethod = selection.methods[h - 1] ?? "historicalAverage";
    let profile: Float64Array;
    if (holidays.closed.has(d)) {
      profile = new Float64Array(slots);
    } else if (holidays.names.has(d)) {
      const name = holidays.names.get(d)!;
      profile = holidayProfile(d, name, holidays.open, fit.cleaned, fitted, method);
    } else if (!calendar.isOperating(d)) {
      profile = new Float64Array(slots);
      if (!warnedWeekday.has(weekdayOf(d)) && series.days.length > 0) {
        warnedWeekday.add(weekdayOf(d));
        // said once per weekday for all queues, by forecastCalls
        const list = task.closedWeekdays.get(weekdayOf(d)) ?? [];
        list.push(queue);
        task.closedWeekdays.set(weekdayOf(d), list);
      }
    } else {
      profile = fitted.forecast(d, method);
    }
    base.push(profile);
  }

  // Ads: planned spots (and the tails of spots aired just before the start).
  const isPlanned = (s: AdSpot): boolean => s.airMs >= task.cutoffMs;
  const adProfiles = adCalls(
    fit.response,
    task.spots,
    isPlanned,
    zone,
    targetDays,
    step,
    task.delays,
  );

  const intervals = buildIntervals(zone, targetDays, step, base, adProfiles, overdispersion);
  if (task.actuals.size > 0 || task.cutoffMs > task.startMs) {
    intradayUpdate(intervals, {
      zone,
      startMs: task.startMs,
      cutoffMs: task.cutoffMs,
      actuals: task.actuals,
      spots: task.spots,
      response: fit.response,
      base,
      adProfiles,
      targetDays,
    });
  }
  // Closed hours before overrides: a planner may still put calls there on purpose.
  closeOutsideOpeningHours(intervals, series);
  applyOverrides(intervals, task.overrides);

  const rows = aggregateIntervals(intervals, {
    queue,
    outputMinutes: task.outputMinutes,
    startMs: task.startMs,
    cutoffMs: task.cutoffMs,
    actuals: task.actuals,
    ahtOf: ahtForecaster(series, holidaySet),
  });
  return {
    rows,
    model: {
      queue,
      stepMinutes: step,
      historyDays: series.days.length,
      selection,
      ads: fit.response,
    },
  };
}
