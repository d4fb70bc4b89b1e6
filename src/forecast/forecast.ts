/**
 * Call-volume forecast per queue and interval: baseline (weekly x intraday pattern, daily level,
 * calendar effects) + the response to planned ad spots, with p10/p90, holidays, planner
 * overrides, an intraday reforecast from today's actuals, and an AHT forecast.
 *
 * @module
 */
import { DataError, type DataIssue } from "../io/errors.ts";
import { createZone, formatDay, weekdayOf, type Zone } from "../time/zone.ts";
import { adCalls, fitAdResponse, type AdResponse, type AdSpot } from "./ads.ts";
import { fitBaseline, type BaselineInput, type BaselineMethod } from "./baseline.ts";
import { defaultAiringDelays, kernelCdf } from "./kernel.ts";
import { nnls } from "./nnls.ts";
import { countQuantile } from "./quantiles.ts";
import { selectBaseline, type Selection } from "./select.ts";
import { buildSeries, daySlots, dayTotal, type DaySeries, type HistoryPoint } from "./series.ts";
import { minOf } from "../math/extent.ts";
import { END_INSTANT_MS, formatInstantUtc, MIN_INSTANT_MS } from "../time/instant.ts";
import { inferSpacing } from "../time/duration.ts";

/** One history row. */
export interface HistoryInterval {
  readonly queue: string;
  /** Interval start, epoch ms. */
  readonly startMs: number;
  /** Calls offered, >= 0. */
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

/** Options of {@link forecastCalls}. */
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

/** Result of {@link forecastCalls}. */
export interface ForecastResult {
  readonly rows: ForecastRow[];
  readonly models: QueueForecastModel[];
  /** Things the user should know (a weekday without history, unknown channels, ...). */
  readonly warnings: string[];
  readonly zone: Zone;
  readonly intervalMinutes: number;
}

const HORIZONS = 7;

/**
 * Interval length from start times, minutes: the most common gap between consecutive starts
 * (ties: the smaller; see inferSpacing). Rows off that grid are reported when the history is
 * placed on it. Undefined with fewer than two distinct starts.
 */
function spacingMinutes(starts: readonly number[]): number | undefined {
  const s = inferSpacing([...new Set(starts)]);
  return s.ok ? s.spacingMs / 60_000 : undefined;
}

/**
 * Forecasts every queue of the history from `options.start` for `options.days` local days.
 *
 * @throws RangeError for invalid options (unknown zone, intervals that do not fit)
 * @throws DataError for history rows that cannot be placed (off the grid, duplicates)
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
  const queues: string[] = [];
  const byQueue = new Map<string, number[]>();
  history.forEach((row, i) => {
    let list = byQueue.get(row.queue);
    if (list === undefined) {
      list = [];
      byQueue.set(row.queue, list);
      queues.push(row.queue);
    }
    list.push(i);
  });
  if (queues.length === 0) throw new DataError([{ message: "the history has no rows" }]);

  const cutoff = options.actualsUntil ?? options.start;
  if (options.actualsUntil !== undefined && options.actualsUntil < options.start) {
    throw new RangeError("actualsUntil must not be before start");
  }
  let step = options.stepMinutes;
  if (step === undefined) {
    const spacings = queues.map((q) =>
      spacingMinutes(
        byQueue
          .get(q)!
          .map((i) => history[i]!.startMs)
          .filter((t) => t < cutoff),
      ),
    );
    const known = spacings.filter((s): s is number => s !== undefined);
    if (known.length === 0) {
      const first = minOf(history, (r) => r.startMs);
      throw new DataError([
        {
          message:
            first >= cutoff
              ? `the forecast starts at ${formatInstantUtc(options.start)}, before the history's first row (${formatInstantUtc(first)}): it needs history before its start`
              : "cannot infer the history's interval length: every queue needs at least two rows before the forecast's start",
        },
      ]);
    }
    step = minOf(known, (v) => v);
    const other = spacings.findIndex((sp) => sp !== undefined && sp !== step);
    if (other >= 0) {
      const first = spacings.indexOf(step);
      throw new DataError([
        {
          message: `queues have different interval lengths: "${queues[first]!}" ${step} minutes, "${queues[other]!}" ${spacings[other]!} minutes (give every queue the same interval)`,
        },
      ]);
    }
  }
  if (!(step > 0) || 1440 % step !== 0 || !Number.isInteger(step)) {
    throw new RangeError(`the history interval (${step} min) must be whole minutes dividing a day`);
  }
  const output = options.intervalMinutes ?? step;
  if (output % step !== 0 || 1440 % output !== 0) {
    throw new RangeError(
      `the output interval (${output} min) must be a multiple of the history interval (${step} min) dividing a day`,
    );
  }
  if (zone.clockMinutes(options.start) % output !== 0) {
    throw new RangeError(`start is not on the ${output}-minute grid of local time in ${zone.name}`);
  }

  const startDay = zone.dayOf(options.start);
  const endDay = startDay + options.days; // exclusive
  const endMs = zone.dayStart(endDay);
  const delays = options.airingDelays ?? defaultAiringDelays();
  const holidays = parseHolidays(options.holidays ?? []);

  const rows: ForecastRow[] = [];
  const models: QueueForecastModel[] = [];
  const issues: DataIssue[] = [];
  const perQueue = queues.map((queue) => {
    const indices = byQueue.get(queue)!;
    const points: HistoryPoint[] = [];
    const pointIndex: number[] = [];
    const actuals = new Map<number, number>();
    for (const i of indices) {
      const r = history[i]!;
      if (r.startMs < options.start) {
        points.push({ startMs: r.startMs, calls: r.calls, ahtSeconds: r.ahtSeconds ?? Number.NaN });
        pointIndex.push(i);
      } else if (r.startMs < cutoff) {
        actuals.set(r.startMs, r.calls);
      }
    }
    const { series, issues: seriesIssues } = buildSeries(points, zone, step);
    for (const issue of seriesIssues) {
      issues.push({ row: pointIndex[issue.index]!, field: "start", message: issue.message });
    }
    const spots = (options.ads ?? []).filter(
      (a) => a.queue === undefined || a.queue === "" || a.queue === queue,
    );
    return { queue, series, actuals, spots };
  });
  if (issues.length > 0) throw new DataError(issues);

  const closedWeekdays = new Map<number, string[]>();
  for (const { queue, series, actuals, spots } of perQueue) {
    const result = forecastQueue({
      closedWeekdays,
      queue,
      series,
      actuals,
      spots,
      zone,
      start: options.start,
      cutoff,
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

interface ParsedHoliday {
  readonly day: number;
  readonly name: string;
}

function parseHolidays(list: readonly Holiday[]): ParsedHoliday[] {
  return list.map((h) => {
    const day = Math.floor(Date.parse(`${h.date}T00:00:00Z`) / 86_400_000);
    if (!Number.isFinite(day)) throw new RangeError(`holiday date "${h.date}" is not a date`);
    return { day, name: (h.name ?? "").trim().toLowerCase() };
  });
}

/**
 * Per weekday (0 Sunday) and slot, whether any day of the history had a call in that slot: the
 * center's opening hours as the history shows them.
 */
function openSlots(series: DaySeries): Uint8Array[] {
  const open = Array.from({ length: 7 }, () => new Uint8Array(series.slots));
  series.days.forEach((d, i) => {
    const row = series.calls[i]!;
    const mark = open[weekdayOf(d)]!;
    for (let s = 0; s < series.slots; s++) if (row[s]! > 0) mark[s] = 1;
  });
  return open;
}

interface QueueTask {
  readonly queue: string;
  readonly series: DaySeries;
  readonly actuals: ReadonlyMap<number, number>;
  readonly spots: readonly AdRow[];
  readonly zone: Zone;
  readonly start: number;
  readonly cutoff: number;
  readonly startDay: number;
  readonly endDay: number;
  readonly outputMinutes: number;
  readonly holidays: readonly ParsedHoliday[];
  readonly delays: readonly number[];
  readonly overrides: readonly Override[];
  readonly warnings: string[];
  /** Weekdays (0 Sunday) the history never opens, and the queues they were met in. */
  readonly closedWeekdays: Map<number, string[]>;
}

const WEEKDAYS = [
  "Sundays",
  "Mondays",
  "Tuesdays",
  "Wednesdays",
  "Thursdays",
  "Fridays",
  "Saturdays",
];

function forecastQueue(task: QueueTask): { rows: ForecastRow[]; model: QueueForecastModel } {
  const { series, zone, queue, startDay, endDay } = task;
  const step = series.stepMinutes;
  const slots = series.slots;
  const label = queue === "" ? "" : ` (queue "${queue}")`;
  const dataIndex = new Map(series.days.map((d, i) => [d, i]));
  const lastDataDay = series.days[series.days.length - 1] ?? startDay - 1;

  // Ads: learn from the spots aired during the history.
  const aired = task.spots.filter((s) => s.airMs < task.start);
  const fit = fitAdResponse(series, zone, aired);
  for (const s of task.spots) {
    if (s.airMs >= task.start && !fit.response.channels.has(s.channel)) {
      task.warnings.push(
        fit.response.fallback === null
          ? `no aired spots in the history${label}: the response to planned spots on "${s.channel}" cannot be forecast`
          : `channel "${s.channel}" never aired in the history${label}: its spots get the response of the most frequent channel`,
      );
      break;
    }
  }

  // Holidays: left out of learning; closed where the history shows them closed.
  const holidayDays = new Map(task.holidays.map((h) => [h.day, h.name]));
  const closed = new Set<number>();
  const openHolidays: ParsedHoliday[] = [];
  for (const h of task.holidays) {
    if (h.day >= startDay) continue;
    const i = dataIndex.get(h.day);
    const inSpan = series.days.length > 0 && h.day >= series.days[0]! && h.day <= lastDataDay;
    if (i === undefined ? inSpan : dayTotal(series.calls[i]!) <= 0) closed.add(h.day);
    else if (i !== undefined) openHolidays.push(h);
  }
  const pastHolidays = task.holidays.filter(
    (h) => h.day < startDay && series.days.length > 0 && h.day >= series.days[0]!,
  );
  for (const h of task.holidays) {
    if (h.day < startDay) continue;
    const earlier = pastHolidays.filter((p) => h.name !== "" && p.name === h.name);
    const reference = earlier.length > 0 ? earlier : h.name === "" ? pastHolidays : [];
    if (reference.length > 0 && reference.every((p) => closed.has(p.day))) closed.add(h.day);
  }
  const input: BaselineInput = {
    series: fit.cleaned,
    exclude: new Set(holidayDays.keys()),
    closed,
  };

  const aggregate = task.outputMinutes / step;
  const selection = selectBaseline(input, startDay, HORIZONS, aggregate);
  // Operating days between the history's last day and the start without data: a short gap (a
  // day or two, the history running up to the start) means they were closed, as gaps inside the
  // history are; a longer one means the history simply ends earlier.
  let fitted = fitBaseline(input, startDay, lastDataDay);
  const gap = fitted.calendar.operatingDaysBetween(lastDataDay, startDay - 1);
  if (gap > 0 && gap <= 3) {
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

  // Baseline per target day (slot profile), horizon for its dispersion.
  const base: Float64Array[] = [];
  const horizonOf: number[] = [];
  for (const d of targetDays) {
    const h = Math.max(1, calendar.operatingDaysBetween(lastDataDay, d));
    horizonOf.push(h);
    const method: BaselineMethod =
      selection.methods[Math.min(h, HORIZONS) - 1] ?? "historicalAverage";
    let profile: Float64Array;
    if (closed.has(d)) {
      profile = new Float64Array(slots);
    } else if (holidayDays.has(d)) {
      profile = holidayProfile(
        d,
        holidayDays.get(d)!,
        openHolidays,
        fit.cleaned,
        dataIndex,
        fitted,
        method,
      );
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
  const isPlanned = (s: AdSpot): boolean => s.airMs >= task.cutoff;
  const adProfiles = adCalls(
    fit.response,
    task.spots,
    isPlanned,
    zone,
    targetDays,
    step,
    task.delays,
  );

  // Per interval of each target day.
  const intervals: { start: number; mean: number; c: number; slot: number; day: number }[] = [];
  targetDays.forEach((d, k) => {
    const grid = daySlots(zone, d, step);
    const c = selection.overdispersion[Math.min(horizonOf[k]!, HORIZONS) - 1] ?? 0.01;
    grid.starts.forEach((t, j) => {
      const slot = grid.slots[j]!;
      intervals.push({ start: t, mean: base[k]![slot]! + adProfiles[k]![slot]!, c, slot, day: d });
    });
  });

  // Intraday reforecast from today's actuals.
  if (task.actuals.size > 0 || task.cutoff > task.start) {
    intradayUpdate(intervals, task, fit.response, base, adProfiles, targetDays);
  }

  // Closed hours: a (weekday, slot) without a call in any week of the history gets none (the
  // tail of a spot aired near closing would otherwise forecast calls after hours). Planner
  // overrides below may still put calls there on purpose.
  const open = openSlots(series);
  for (const iv of intervals) if (!open[weekdayOf(iv.day)]![iv.slot]) iv.mean = 0;

  // Planner overrides.
  for (const o of task.overrides) {
    const inSpan = intervals.filter((iv) => iv.start >= o.startMs && iv.start < o.endMs);
    if (inSpan.length === 0) continue;
    if (o.factor !== undefined) {
      for (const iv of inSpan) iv.mean *= o.factor;
    } else if (o.calls !== undefined) {
      const sum = inSpan.reduce((a, iv) => a + iv.mean, 0);
      for (const iv of inSpan)
        iv.mean = sum > 0 ? (iv.mean / sum) * o.calls : o.calls / inSpan.length;
    }
  }

  // AHT per slot from recent same-weekday days, weighted by calls.
  const aht = series.aht;
  const ahtOf = (day: number, slot: number): number => {
    if (aht === null) return Number.NaN;
    let num = 0;
    let den = 0;
    let dayNum = 0;
    let dayDen = 0;
    let found = 0;
    for (let i = series.days.length - 1; i >= 0 && found < 4; i--) {
      const d = series.days[i]!;
      if (weekdayOf(d) !== weekdayOf(day) || holidayDays.has(d)) continue;
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

  // Aggregate to the output interval, actuals in place of elapsed intervals.
  const rows: ForecastRow[] = [];
  for (let i = 0; i < intervals.length;) {
    const first = intervals[i]!;
    const groupEnd = first.start + task.outputMinutes * 60_000;
    let mean = 0;
    let ahtNum = 0;
    let ahtDen = 0;
    let actual = 0;
    let elapsed = true;
    let j = i;
    for (
      ;
      j < intervals.length && intervals[j]!.start < groupEnd && intervals[j]!.day === first.day;
      j++
    ) {
      const iv = intervals[j]!;
      mean += iv.mean;
      const a = ahtOf(iv.day, iv.slot);
      if (!Number.isNaN(a)) {
        ahtNum += a * Math.max(iv.mean, 1e-9);
        ahtDen += Math.max(iv.mean, 1e-9);
      }
      if (iv.start < task.cutoff && iv.start >= task.start)
        actual += task.actuals.get(iv.start) ?? 0;
      else elapsed = false;
    }
    const c = first.c;
    const ahtValue = ahtDen > 0 ? ahtNum / ahtDen : Number.NaN;
    rows.push({
      queue,
      startMs: first.start,
      calls: elapsed ? actual : mean,
      p10: elapsed ? actual : countQuantile(mean, c, 0.1),
      p90: elapsed ? actual : countQuantile(mean, c, 0.9),
      ...(aht === null ? {} : { ahtSeconds: ahtValue }),
    });
    i = j;
  }

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

/** A holiday's profile: its last open occurrence of the same name, scaled to today's level. */
function holidayProfile(
  day: number,
  name: string,
  openHolidays: readonly ParsedHoliday[],
  cleaned: DaySeries,
  dataIndex: ReadonlyMap<number, number>,
  fitted: ReturnType<typeof fitBaseline>,
  method: BaselineMethod,
): Float64Array {
  const same = openHolidays.filter((h) => name !== "" && h.name === name);
  const last = same[same.length - 1];
  const normal = fitted.forecast(day, method);
  if (last === undefined) return normal;
  const row = cleaned.calls[dataIndex.get(last.day)!]!;
  // Level then and now: mean daily total of the 20 days with data before each.
  const levelBefore = (d: number): number => {
    const ds = cleaned.days.filter((x) => x < d).slice(-20);
    let s = 0;
    for (const x of ds) s += dayTotal(cleaned.calls[dataIndex.get(x)!]!);
    return ds.length > 0 ? s / ds.length : Number.NaN;
  };
  const then = levelBefore(last.day);
  const now = levelBefore(day);
  const scale = then > 0 && now > 0 ? now / then : 1;
  return row.map((v) => (Number.isNaN(v) ? 0 : v * scale));
}

/**
 * Updates the rest of the day from today's actuals: the baseline's level r and the amounts of
 * the spots aired so far, by least squares on the elapsed intervals (variance mu (1 + c mu)),
 * each pulled towards its prior (r = 1 with the day-level variance c; a spot's amount with a
 * 30 % standard deviation).
 */
function intradayUpdate(
  intervals: { start: number; mean: number; c: number; slot: number; day: number }[],
  task: QueueTask,
  response: AdResponse,
  base: readonly Float64Array[],
  adProfiles: readonly Float64Array[],
  targetDays: readonly number[],
): void {
  const { zone } = task;
  const today = zone.dayOf(Math.max(task.start, task.cutoff - 1));
  const k = targetDays.indexOf(today);
  if (k < 0) return;
  const step = 1440 / base[0]!.length;
  const todays = intervals.filter((iv) => iv.day === today);
  const observed = todays.filter((iv) => iv.start < task.cutoff && iv.start >= task.start);
  if (observed.length === 0) return;

  // Spots aired today before the cutoff: their own columns.
  const dayStart = zone.dayStart(today);
  const spots = task.spots.filter((s) => s.airMs >= dayStart && s.airMs < task.cutoff);
  const columns = spots.map((s) => {
    const r = response.channels.get(s.channel) ?? response.fallback;
    const col = new Map<number, number>();
    if (r === null) return { col, prior: 0 };
    const cdf = kernelCdf(r.kernel);
    const grp = s.grp ?? Number.NaN;
    const unit = r.perGrp ? (grp > 0 ? grp : r.typicalGrp) : 1;
    for (const iv of todays) {
      const from = (iv.start - s.airMs) / 60_000;
      const share = cdf.at(from + step) - cdf.at(from);
      if (share > 0) col.set(iv.start, share);
    }
    return { col, prior: r.callsPerUnit * unit };
  });
  // Baseline part and the planned (not yet aired) spots' part of each interval of today.
  const baseOf = (iv: { slot: number }): number => base[k]![iv.slot]!;
  const otherAds = (iv: { start: number; slot: number }): number => {
    let aired = 0;
    for (const { col, prior } of columns) aired += prior * (col.get(iv.start) ?? 0);
    return Math.max(0, adProfiles[k]![iv.slot]! - aired);
  };

  const n = 1 + columns.length;
  const g = Array.from({ length: n }, () => new Float64Array(n));
  const b = new Float64Array(n);
  const c = observed[0]!.c;
  for (const iv of observed) {
    const y = (task.actuals.get(iv.start) ?? 0) - otherAds(iv);
    const x = [baseOf(iv), ...columns.map(({ col }) => col.get(iv.start) ?? 0)];
    const v = Math.max(1, iv.mean * (1 + c * iv.mean));
    for (let p = 0; p < n; p++) {
      b[p]! += (x[p]! * y) / v;
      for (let q = 0; q < n; q++) g[p]![q]! += (x[p]! * x[q]!) / v;
    }
  }
  // Priors.
  const dayDispersion = Math.max(c, 1e-4);
  g[0]![0]! += 1 / dayDispersion;
  b[0]! += 1 / dayDispersion;
  columns.forEach(({ prior }, a) => {
    const w = prior > 0 ? 1 / (0.3 * prior) ** 2 : 1e6;
    g[a + 1]![a + 1]! += w;
    b[a + 1]! += w * prior;
  });
  const solution = nnls(g, b);
  const level = solution[0]!;
  for (const iv of todays) {
    if (iv.start < task.cutoff) continue;
    let aired = 0;
    columns.forEach(({ col }, a) => (aired += solution[a + 1]! * (col.get(iv.start) ?? 0)));
    iv.mean = level * baseOf(iv) + aired + otherAds(iv);
  }
}

export { formatDay };
