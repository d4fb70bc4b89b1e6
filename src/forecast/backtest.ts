/**
 * Rolling-origin evaluation (Tashman 2000; the protocol of forecast.md section 5): for each of the
 * last days with data, refit on the history before it, forecast the following days, and score
 * each horizon against what happened, for staffcast's model and for the two baselines every WFM
 * analyst knows (the same weekday last week, and the mean of the last four same weekdays).
 *
 * @module
 */
import { createZone, weekdayOf, type Zone } from "../time/zone.ts";
import { fitBaseline, type BaselineMethod } from "./baseline.ts";
import { operatingCalendar, SEARCH_LIMIT_DAYS } from "./calendar.ts";
import { forecastCalls } from "./forecast.ts";
import type { ForecastRow, HistoryInterval, ModelInputs } from "./types.ts";
import { buildSeries, dayTotal, type DaySeries } from "./series.ts";

/** Options of {@link backtest}. */
export interface BacktestOptions extends ModelInputs {
  /** How many origins: the last n days with data. */
  readonly origins: number;
  /** Horizons 1..days, in operating days (h = 1 is the origin day itself). */
  readonly days: number;
  /** Called after each origin (for progress bars). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Scores of one model at one horizon (rates as fractions; null where not defined). */
export interface HorizonScore {
  readonly h: number;
  /** Sum |actual - forecast| / sum actual. */
  readonly wape: number | null;
  /** Mean absolute error / in-sample MAE of the weekly seasonal naive forecast. */
  readonly mase: number | null;
  /** Sum (forecast - actual) / sum actual (positive: over-forecast). */
  readonly bias: number | null;
  /** Mean |forecast - actual| / actual at each day's busiest interval. */
  readonly peakApe: number | null;
  /** WAPE over the 2 hours after each planned spot; null without ads. */
  readonly postAdWape: number | null;
  /** Share of intervals inside [p10, p90]; null for models without intervals. */
  readonly coverage: number | null;
}

/** Result of {@link backtest}. */
export interface BacktestResult {
  readonly origins: number;
  readonly days: number;
  /** Scoring interval, seconds. */
  readonly interval: number;
  readonly models: { readonly name: string; readonly horizons: HorizonScore[] }[];
}

class Accumulator {
  abs = 0;
  signed = 0;
  actual = 0;
  scaledDenominator = 0;
  peakApe = 0;
  peaks = 0;
  postAbs = 0;
  postActual = 0;
  covered = 0;
  counted = 0;
  score(h: number, withAds: boolean, withCoverage: boolean): HorizonScore {
    const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);
    return {
      h,
      wape: ratio(this.abs, this.actual),
      mase: ratio(this.abs, this.scaledDenominator),
      bias: ratio(this.signed, this.actual),
      peakApe: ratio(this.peakApe, this.peaks),
      postAdWape: withAds ? ratio(this.postAbs, this.postActual) : null,
      coverage: withCoverage ? ratio(this.covered, this.counted) : null,
    };
  }
}

/** Sums history rows into output intervals aligned on local clock time. */
function aggregateRows(
  rows: readonly HistoryInterval[],
  zone: Zone,
  minutes: number,
): Map<string, Map<number, number>> {
  const out = new Map<string, Map<number, number>>();
  for (const r of rows) {
    const into = zone.clockMinutes(r.startMs) % minutes;
    const key = r.startMs - Math.round(into * 60_000);
    let q = out.get(r.queue);
    if (q === undefined) out.set(r.queue, (q = new Map<number, number>()));
    q.set(key, (q.get(key) ?? 0) + r.calls);
  }
  return out;
}

/** Days with data an origin needs before it (a week: every weekday seen once). */
const MIN_TRAINING_DAYS = 7;

/**
 * Rolling-origin backtest of staffcast's forecast against the seasonal naive and the 4-week
 * historical average.
 *
 * @example
 * const r = backtest(history, { origins: 20, days: 5, intervalMinutes: 30 });
 * r.models[0].horizons[0].wape; // staffcast's WAPE one day ahead
 */
export function backtest(
  history: readonly HistoryInterval[],
  options: BacktestOptions,
): BacktestResult {
  const zone = createZone(options.timeZone ?? "UTC");
  // The history interval, from a trial forecast's inference.
  const dataDays = [...new Set(history.map((r) => zone.dayOf(r.startMs)))].sort((a, b) => a - b);
  const most = dataDays.length - MIN_TRAINING_DAYS;
  if (options.origins > most) {
    throw new RangeError(
      `origins: the history has ${dataDays.length} days with data, and every origin needs at least ` +
        `${MIN_TRAINING_DAYS} of them before it: use ${most > 0 ? `at most ${most} origins` : "a longer history"}`,
    );
  }
  const originDays = dataDays.slice(-options.origins);
  const calendar = operatingCalendar(dataDays);
  const queues = [...new Set(history.map((r) => r.queue))];
  const probe = forecastCalls(history, {
    start: zone.dayStart(dataDays[dataDays.length - 1]! + 1),
    days: 1,
    timeZone: zone.name,
    ...(options.stepMinutes === undefined ? {} : { stepMinutes: options.stepMinutes }),
    ...(options.intervalMinutes === undefined ? {} : { intervalMinutes: options.intervalMinutes }),
  });
  const step = probe.models[0]!.stepMinutes;
  const interval = probe.intervalMinutes;
  const actuals = aggregateRows(history, zone, interval);

  // Raw series at the scoring interval, for the baselines and the MASE scale.
  const rawSeries = new Map<string, DaySeries>();
  for (const q of queues) {
    const points = [...actuals.get(q)!].map(([startMs, calls]) => ({
      startMs,
      calls,
      ahtSeconds: Number.NaN,
    }));
    rawSeries.set(q, buildSeries(points, zone, interval).series);
  }

  const models = ["staffcast", "seasonalNaive", "historicalAverage4w"] as const;
  const acc = models.map(() => Array.from({ length: options.days }, () => new Accumulator()));
  const withAds = (options.ads ?? []).length > 0;

  originDays.forEach((origin, n) => {
    const start = zone.dayStart(origin);
    // Target days: the first `days` operating days from the origin.
    const targets: { day: number; h: number }[] = [];
    for (let d = origin, h = 0; h < options.days && d - origin < SEARCH_LIMIT_DAYS; d++) {
      if (!calendar.isOperating(d) && d !== origin) continue;
      h++;
      targets.push({ day: d, h });
    }
    const lastTarget = targets[targets.length - 1]!.day;
    const past = history.filter((r) => r.startMs < start);
    // Spots aired before the origin at their aired times, the others as planned then.
    const ads = options.ads?.map((a) =>
      a.airMs < start || a.plannedMs === undefined ? a : { ...a, airMs: a.plannedMs },
    );
    const result = forecastCalls(past, {
      start,
      days: lastTarget - origin + 1,
      timeZone: zone.name,
      stepMinutes: step,
      intervalMinutes: interval,
      ...(ads === undefined ? {} : { ads }),
      ...(options.holidays === undefined ? {} : { holidays: options.holidays }),
      ...(options.airingDelays === undefined ? {} : { airingDelays: options.airingDelays }),
    });
    const byKey = new Map<string, ForecastRow>();
    for (const r of result.rows) byKey.set(`${r.queue}|${r.startMs}`, r);

    for (const q of queues) {
      const raw = rawSeries.get(q)!;
      const scale = seasonalNaiveScale(raw, origin);
      const fittedRaw = fitBaseline({ series: raw, exclude: new Set(), closed: new Set() }, origin);
      // Post-ad windows start at the planned times (what the planner knows in advance).
      const spots = (ads ?? []).filter(
        (a) => (a.queue === undefined || a.queue === "" || a.queue === q) && a.airMs >= start,
      );
      for (const { day, h } of targets) {
        const dayRow = raw.days.indexOf(day);
        if (dayRow < 0 || dayTotal(raw.calls[dayRow]!) <= 0) continue; // nothing to score
        const dayStart = zone.dayStart(day);
        const dayEnd = zone.dayStart(day + 1);
        const perModel: Float64Array[] = [
          new Float64Array(0),
          fittedRaw.forecast(day, "seasonalNaive" satisfies BaselineMethod),
          fittedRaw.forecast(day, "historicalAverage"),
        ];
        const daySpots = spots.filter((s) => s.airMs >= dayStart && s.airMs < dayEnd);
        // Intervals of the day.
        const cells: { t: number; y: number; slot: number }[] = [];
        for (let t = dayStart; t < dayEnd; t += interval * 60_000) {
          const slot = Math.floor(zone.clockMinutes(t) / interval);
          cells.push({ t, y: actuals.get(q)!.get(t) ?? 0, slot });
        }
        // intervals whose actuals are unknown (no data in the export) are not scored
        const known = cells.filter((c) => !Number.isNaN(c.y));
        if (known.length === 0) continue;
        let peak = known[0]!;
        for (const c of known) if (c.y > peak.y) peak = c;
        models.forEach((_, m) => {
          const a = acc[m]![h - 1]!;
          for (const c of known) {
            let f: number;
            let row: ForecastRow | undefined;
            if (m === 0) {
              row = byKey.get(`${q}|${c.t}`);
              f = row?.calls ?? 0;
            } else {
              f = perModel[m]![c.slot] ?? 0;
            }
            const e = Math.abs(f - c.y);
            a.abs += e;
            a.signed += f - c.y;
            a.actual += c.y;
            if (c === peak && c.y > 0) {
              a.peakApe += e / c.y;
              a.peaks++;
            }
            if (
              daySpots.some((s) => c.t + interval * 60_000 > s.airMs && c.t < s.airMs + 7_200_000)
            ) {
              a.postAbs += e;
              a.postActual += c.y;
            }
            if (row !== undefined && (c.y > 0 || f > 0)) {
              a.counted++;
              if (c.y >= row.p10 && c.y <= row.p90) a.covered++;
            }
          }
          a.scaledDenominator += scale * known.length;
        });
      }
    }
    options.onProgress?.(n + 1, originDays.length);
  });

  return {
    origins: originDays.length,
    days: options.days,
    interval: interval * 60,
    models: models.map((name, m) => ({
      name,
      horizons: acc[m]!.map((a, i) => a.score(i + 1, withAds, m === 0)),
    })),
  };
}

/**
 * In-sample MAE of the weekly seasonal naive forecast (same slot, same weekday a week earlier)
 * over the days before `origin`, per interval.
 */
function seasonalNaiveScale(series: DaySeries, origin: number): number {
  const index = new Map(series.days.map((d, i) => [d, i]));
  let sum = 0;
  let n = 0;
  for (const d of series.days) {
    if (d >= origin) break;
    const p = index.get(d - 7);
    if (p === undefined || weekdayOf(d - 7) !== weekdayOf(d)) continue;
    const y = series.calls[index.get(d)!]!;
    const x = series.calls[p]!;
    for (let s = 0; s < y.length; s++) {
      if (Number.isNaN(y[s]!) || Number.isNaN(x[s]!)) continue;
      sum += Math.abs(y[s]! - x[s]!);
      n++;
    }
  }
  return n > 0 ? sum / n : Number.NaN;
}
