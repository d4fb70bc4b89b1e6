/**
 * Baseline call volume per local day and slot: the weekly x intraday pattern, without ads.
 *
 * Three methods, all fitted on the days before an origin:
 * - `seasonalNaive`: the same weekday of the last week with data;
 * - `historicalAverage`: the mean of the last four same weekdays, slot by slot (the standard WFM
 *   "weighted historical average" with equal weights; Taylor 2008 finds it hard to beat beyond
 *   two or three days ahead);
 * - `staffcast`: daily total x intraday shape (Weinberg, Brown & Stroud 2007; Shen & Huang
 *   2008). The shape is a decaying weighted mean of the last twelve same-weekday profiles. The
 *   total is the geometric mean of three forecasts of it, each on log totals: the last four and
 *   the last six same-weekday totals, and exponential smoothing of weekday-adjusted totals; each
 *   adds calendar effects (first and last business days of the month, the day after a closure;
 *   means of past residuals shrunk towards 0) and carries the latest day's deviation forward
 *   with an AR(1) coefficient estimated from the history, fading with the horizon.
 *
 * @module
 */
import { operatingCalendar, type CalendarFeature, type OperatingCalendar } from "./calendar.ts";
import { dayTotal, type DaySeries } from "./series.ts";
import { weekdayOf } from "../time/zone.ts";

/** The baseline methods. */
export type BaselineMethod = "seasonalNaive" | "historicalAverage" | "staffcast";

/** History and calendar a baseline is learned from. */
export interface BaselineInput {
  /** The queue's history (ad-driven calls removed, when ads are modelled). */
  readonly series: DaySeries;
  /** Days left out of learning the normal pattern (special days, holidays). */
  readonly exclude: ReadonlySet<number>;
  /** Days known to be closed besides the history's gaps (holidays shown closed). */
  readonly closed: ReadonlySet<number>;
}

/** A baseline fitted on the days before an origin. */
export interface FittedBaseline {
  /** The operating calendar as known at the origin. */
  readonly calendar: OperatingCalendar;
  /** Expected calls per slot of `target` (>= origin): zeros for a weekday never seen. */
  forecast(target: number, method: BaselineMethod): Float64Array;
  /** The last day with usable data before the origin, or NaN. */
  readonly lastDay: number;
}

/**
 * Same weekdays averaged: four, the "historical average over k = 4 weeks" that the research
 * note forecast.md finds hardest to beat from two days out (sections 0.1, 5.4 and 5.5, after
 * Taylor 2008).
 */
const AVERAGE_WEEKS = 4;
/**
 * Same-weekday totals under the two daily-total models (the 4-week average and a steadier
 * 6-week one); their geometric mean with the smoothing model is the staffcast total.
 */
const TOTAL_MODEL_WEEKS = [AVERAGE_WEEKS, 6] as const;
/**
 * Same-weekday profiles in the intraday shape: the last twelve, as Puzzel WFM's automatic
 * forecast uses the last 12 weeks (forecast.md section 4.2).
 */
const SHAPE_WEEKS = 12;
/**
 * Weight of each older profile relative to the next (forecast.md section 6.1: "weighted recent
 * weeks"): a chosen default; the twelfth weighs 0.9^11 = 0.31 of the latest, so the shape
 * follows drift while averaging out a noisy week.
 */
const SHAPE_DECAY = 0.9;
/**
 * Calendar effects are the mean residual of their days shrunk towards 0 as if this many more
 * days with no effect had been seen: a chosen default that keeps an effect seen once or twice
 * from being taken at face value.
 */
const EFFECT_SHRINK = 2;
/** Smoothing constant of the weekday-adjusted log level: a chosen default (memory ~3 days). */
const SES_ALPHA = 0.3;
/**
 * Per operating day ahead, the smoothed level's distance from its 4-week mean shrinks by this
 * factor: 0.6^5 = 0.08 after a week, since beyond two or three days the historical average is
 * hard to beat (forecast.md section 0.1, Taylor 2008). A chosen default.
 */
const SES_DAMPING = 0.6;
/** Weeks of history the level is smoothed over before the forecast: a chosen warm-up. */
const SES_WARMUP_WEEKS = 15;
/**
 * Latest days the AR(1) coefficient of day-level deviations is estimated on: about five months
 * of working days, a chosen default.
 */
const RHO_WINDOW = 100;
/** Highest AR(1) coefficient: below 1, a deviation always fades with the horizon. */
const RHO_MAX = 0.95;

/** Index of days that have usable data (in the series and not excluded, with calls). */
function usableIndex(input: BaselineInput): Map<number, number> {
  const out = new Map<number, number>();
  input.series.days.forEach((day, i) => {
    if (input.exclude.has(day)) return;
    if (dayTotal(input.series.calls[i]!) <= 0) return;
    out.set(day, i);
  });
  return out;
}

/**
 * Fits the baseline on the days before `origin`.
 *
 * @param knownUntil - the last day whose data is known: operating days up to it without data
 *   were closed (default `origin - 1`, as in a backtest; a live forecast passes the last day of
 *   its history, since later days are simply not in yet)
 * @example
 * const fitted = fitBaseline(input, origin);
 * fitted.forecast(origin, "staffcast"); // expected calls per slot of the origin day
 */
export function fitBaseline(
  input: BaselineInput,
  origin: number,
  knownUntil = origin - 1,
): FittedBaseline {
  const { series } = input;
  const slots = series.slots;
  const usable = usableIndex(input);
  const days = [...usable.keys()].filter((d) => d < origin); // ascending
  const withCalls = series.days.filter((d, i) => d < origin && dayTotal(series.calls[i]!) > 0);
  const calendar = operatingCalendar(withCalls, input.closed, Math.min(knownUntil, origin - 1));
  const totals = new Map<number, number>();
  for (const d of days) totals.set(d, dayTotal(series.calls[usable.get(d)!]!));

  // Same-weekday days before a day, most recent first (from `days`).
  const byWeekday: number[][] = [[], [], [], [], [], [], []];
  for (const d of days) byWeekday[weekdayOf(d)]!.push(d);
  const previousSame = (day: number, k: number): number[] => {
    const list = byWeekday[weekdayOf(day)]!;
    const out: number[] = [];
    for (let i = list.length - 1; i >= 0 && out.length < k; i--) {
      if (list[i]! < day) out.push(list[i]!);
    }
    return out;
  };
  const meanTotal = (ds: readonly number[]): number => {
    let s = 0;
    for (const d of ds) s += totals.get(d)!;
    return s / ds.length;
  };

  /** The AR(1)-on-calendar-residuals model over a k-day same-weekday base. */
  const totalModel = (k: number): ((target: number) => number) => {
    const resid = new Map<number, number>();
    for (const d of days) {
      const prev = previousSame(d, k);
      if (prev.length >= Math.min(k, 2)) resid.set(d, Math.log(totals.get(d)! / meanTotal(prev)));
    }
    const effects = estimateEffects(resid, calendar);
    const effect = (d: number): number => sumEffects(effects, calendar.features(d));
    const rho = estimateRho(days, resid, effect, calendar);
    const last = days[days.length - 1];
    const lastDev = last !== undefined && resid.has(last) ? resid.get(last)! - effect(last) : 0;
    return (target) => {
      const prev = previousSame(target, k);
      if (prev.length === 0) return 0;
      const h = last === undefined ? 1 : calendar.operatingDaysBetween(last, target);
      return meanTotal(prev) * Math.exp(effect(target) + rho ** h * lastDev);
    };
  };

  /** Exponential smoothing of weekday-adjusted log totals, damped towards their recent mean. */
  const sesModel = (): ((target: number) => number) => {
    const resid = new Map<number, number>();
    for (const d of days) {
      const prev = previousSame(d, AVERAGE_WEEKS);
      if (prev.length >= 2) resid.set(d, Math.log(totals.get(d)! / meanTotal(prev)));
    }
    const effects = estimateEffects(resid, calendar);
    const effect = (d: number): number => sumEffects(effects, calendar.features(d));
    const operatingWeekdays = calendar.weekdays.filter(Boolean).length || 7;
    const window = days.slice(-AVERAGE_WEEKS * operatingWeekdays);
    if (window.length === 0) return () => 0;
    const z = (d: number): number => Math.log(totals.get(d)!) - effect(d);
    const weekdaySum = new Array<number>(7).fill(0);
    const weekdayCount = new Array<number>(7).fill(0);
    let zMean = 0;
    for (const d of window) {
      weekdaySum[weekdayOf(d)]! += z(d);
      weekdayCount[weekdayOf(d)]!++;
      zMean += z(d) / window.length;
    }
    const seasonal = (w: number): number =>
      weekdayCount[w]! > 0 ? weekdaySum[w]! / weekdayCount[w]! - zMean : Number.NaN;
    let level = Number.NaN;
    let uMean = 0;
    let n = 0;
    for (const d of days.slice(-SES_WARMUP_WEEKS * operatingWeekdays)) {
      const s = seasonal(weekdayOf(d));
      if (Number.isNaN(s)) continue;
      const u = z(d) - s;
      level = Number.isNaN(level) ? u : SES_ALPHA * u + (1 - SES_ALPHA) * level;
    }
    for (const d of window) {
      uMean += z(d) - seasonal(weekdayOf(d));
      n++;
    }
    uMean /= n;
    const last = days[days.length - 1]!;
    return (target) => {
      const s = seasonal(weekdayOf(target));
      if (Number.isNaN(s) || Number.isNaN(level)) return 0;
      const h = calendar.operatingDaysBetween(last, target);
      return Math.exp(uMean + SES_DAMPING ** h * (level - uMean) + s + effect(target));
    };
  };

  let models: ((target: number) => number)[] | undefined;
  const combinedTotal = (target: number): number => {
    models ??= [...TOTAL_MODEL_WEEKS.map(totalModel), sesModel()];
    let logSum = 0;
    for (const m of models) {
      const v = m(target);
      if (!(v > 0)) return 0;
      logSum += Math.log(v);
    }
    return Math.exp(logSum / models.length);
  };

  const meanRows = (ds: readonly number[], decay: number, normalize: boolean): Float64Array => {
    const acc = new Float64Array(slots);
    const weight = new Float64Array(slots);
    ds.forEach((d, j) => {
      const row = series.calls[usable.get(d)!]!;
      const scale = normalize ? 1 / totals.get(d)! : 1;
      const w = decay ** j;
      for (let s = 0; s < slots; s++) {
        const v = row[s]!;
        if (Number.isNaN(v)) continue;
        acc[s]! += w * v * scale;
        weight[s]! += w;
      }
    });
    for (let s = 0; s < slots; s++) acc[s] = weight[s]! > 0 ? acc[s]! / weight[s]! : 0;
    return acc;
  };

  return {
    calendar,
    lastDay: days[days.length - 1] ?? Number.NaN,
    forecast: (target, method) => {
      switch (method) {
        case "seasonalNaive":
          return meanRows(previousSame(target, 1), 1, false);
        case "historicalAverage":
          return meanRows(previousSame(target, AVERAGE_WEEKS), 1, false);
        case "staffcast": {
          const prev = previousSame(target, SHAPE_WEEKS);
          if (prev.length === 0) return new Float64Array(slots);
          const shape = meanRows(prev, SHAPE_DECAY, true);
          let sum = 0;
          for (const v of shape) sum += v;
          const total = combinedTotal(target);
          return shape.map((v) => (sum > 0 ? (v / sum) * total : 0));
        }
      }
    },
  };
}

/** Calendar effects: mean residual of the days having each feature, shrunk towards 0. */
function estimateEffects(
  resid: ReadonlyMap<number, number>,
  calendar: OperatingCalendar,
): Map<CalendarFeature, number> {
  const sum = new Map<CalendarFeature, number>();
  const count = new Map<CalendarFeature, number>();
  for (const [d, r] of resid) {
    for (const f of calendar.features(d)) {
      sum.set(f, (sum.get(f) ?? 0) + r);
      count.set(f, (count.get(f) ?? 0) + 1);
    }
  }
  const out = new Map<CalendarFeature, number>();
  for (const [f, s] of sum) out.set(f, s / (count.get(f)! + EFFECT_SHRINK));
  return out;
}

function sumEffects(
  effects: ReadonlyMap<CalendarFeature, number>,
  features: readonly CalendarFeature[],
): number {
  let e = 0;
  for (const f of features) e += effects.get(f) ?? 0;
  return e;
}

/**
 * Lag-one coefficient of calendar-adjusted residuals of consecutive operating days (no closure
 * between them), over the latest days, clamped to [0, 0.95].
 */
function estimateRho(
  days: readonly number[],
  resid: ReadonlyMap<number, number>,
  effect: (d: number) => number,
  calendar: OperatingCalendar,
): number {
  let sxy = 0;
  let sxx = 0;
  const recent = days.slice(-RHO_WINDOW);
  for (let i = 1; i < recent.length; i++) {
    const d = recent[i]!;
    const p = recent[i - 1]!;
    if (calendar.operatingDaysBetween(p, d) !== 1) continue;
    const rd = resid.get(d);
    const rp = resid.get(p);
    if (rd === undefined || rp === undefined) continue;
    const x = rp - effect(p);
    sxy += x * (rd - effect(d));
    sxx += x * x;
  }
  if (!(sxx > 0)) return 0;
  return Math.min(RHO_MAX, Math.max(0, sxy / sxx));
}
