/**
 * "Best pick" of the baseline per horizon by rolling-origin error on the history itself, and the
 * overdispersion of its errors for prediction intervals.
 *
 * For each of the latest days with data (the validation origins), the baseline is refitted on
 * the days before it and forecasts it and the following operating days. The method with the
 * lower WAPE at each horizon is the one used at that horizon (the historical average usually
 * wins from two or three days out on short histories, the daily-total model at one day); the
 * errors give each horizon's overdispersion c in Var = mu + c mu^2.
 *
 * @module
 */
import { fitBaseline, type BaselineInput, type BaselineMethod } from "./baseline.ts";
import { SEARCH_LIMIT_DAYS } from "./calendar.ts";
import { dayTotal } from "./series.ts";

/** Per horizon (index h - 1): the method to use and the overdispersion of its errors. */
export interface Selection {
  readonly methods: readonly BaselineMethod[];
  readonly overdispersion: readonly number[];
  /** WAPE per horizon of each candidate on the validation origins (NaN where not measured). */
  readonly wape: Readonly<Record<BaselineMethod, readonly number[]>>;
  /** Validation origins used. */
  readonly origins: number;
}

const CANDIDATES: readonly BaselineMethod[] = ["staffcast", "historicalAverage"];
/**
 * Overdispersion assumed when the history is too short to measure it: a chosen default. c is
 * the squared coefficient of variation of the random rate (Var = mu + c mu^2), so 0.01 means a
 * rate 10 % uncertain, a mild excess over Poisson noise (forecast.md section 0.3: arrivals are
 * Poisson given a random rate).
 */
export const DEFAULT_OVERDISPERSION = 0.01;
/**
 * Validation origins at most: the 20 rolling origins of the benchmark protocol in the research
 * note forecast.md (sections 5.2 and 5.5).
 */
const MAX_ORIGINS = 20;
/** Days of history an origin needs before it: three weeks, every weekday seen three times. */
const MIN_ORIGIN_HISTORY_DAYS = 21;
/**
 * At most one usable day in this many is an origin, so that a short history is not judged on
 * origins with little before them: a chosen default.
 */
const DAYS_PER_ORIGIN = 4;

/**
 * Chooses the baseline per horizon 1..`horizons` (operating days; 1 = the origin day) from the
 * last `maxOrigins` days with data before `origin`, scoring intervals of `aggregate` slots (the
 * output interval, so that the overdispersion fits the intervals that are reported).
 *
 * @example
 * const sel = selectBaseline(input, origin, 7);
 * sel.methods[0]; // the method for the first day
 */
export function selectBaseline(
  input: BaselineInput,
  origin: number,
  horizons: number,
  aggregate = 1,
  maxOrigins = MAX_ORIGINS,
): Selection {
  const { series } = input;
  const index = new Map(series.days.map((d, i) => [d, i]));
  const usable = series.days.filter(
    (d, i) => d < origin && !input.exclude.has(d) && dayTotal(series.calls[i]!) > 0,
  );
  const first = usable[0] ?? origin;
  const candidates = usable.filter((d) => d - first >= MIN_ORIGIN_HISTORY_DAYS);
  const origins = candidates.slice(
    -Math.min(maxOrigins, Math.floor(usable.length / DAYS_PER_ORIGIN)),
  );

  const abs = CANDIDATES.map(() => new Float64Array(horizons));
  const sumY = CANDIDATES.map(() => new Float64Array(horizons));
  const excess = CANDIDATES.map(() => new Float64Array(horizons)); // sum (y - f)^2 - f
  const square = CANDIDATES.map(() => new Float64Array(horizons)); // sum f^2
  for (const o of origins) {
    const fitted = fitBaseline(input, o);
    let target = o;
    for (let h = 1; h <= horizons; h++) {
      if (h > 1) {
        target++;
        while (!fitted.calendar.isOperating(target) && target - o < SEARCH_LIMIT_DAYS) target++;
      }
      if (target >= origin) break;
      const i = index.get(target);
      if (i === undefined || input.exclude.has(target)) continue;
      const y = series.calls[i]!;
      CANDIDATES.forEach((method, m) => {
        const f = fitted.forecast(target, method);
        for (let s0 = 0; s0 < y.length; s0 += aggregate) {
          let yv = 0;
          let fv = 0;
          for (let s = s0; s < s0 + aggregate && s < y.length; s++) {
            if (Number.isNaN(y[s]!)) continue;
            yv += y[s]!;
            fv += f[s]!;
          }
          abs[m]![h - 1]! += Math.abs(yv - fv);
          sumY[m]![h - 1]! += yv;
          if (fv > 0) {
            excess[m]![h - 1]! += (yv - fv) ** 2 - fv;
            square[m]![h - 1]! += fv * fv;
          }
        }
      });
    }
  }

  const wape = Object.fromEntries(
    CANDIDATES.map((method, m) => [
      method,
      Array.from({ length: horizons }, (_, h) =>
        sumY[m]![h]! > 0 ? abs[m]![h]! / sumY[m]![h]! : Number.NaN,
      ),
    ]),
  ) as unknown as Record<BaselineMethod, number[]>;
  wape.seasonalNaive = new Array<number>(horizons).fill(Number.NaN);

  const methods: BaselineMethod[] = [];
  const overdispersion: number[] = [];
  let lastMethod: BaselineMethod = "staffcast";
  let lastC = DEFAULT_OVERDISPERSION;
  for (let h = 0; h < horizons; h++) {
    let best = -1;
    CANDIDATES.forEach((_, m) => {
      const w = sumY[m]![h]! > 0 ? abs[m]![h]! / sumY[m]![h]! : Number.NaN;
      if (Number.isNaN(w)) return;
      const bw = best < 0 ? Number.POSITIVE_INFINITY : abs[best]![h]! / sumY[best]![h]!;
      if (w < bw) best = m;
    });
    if (best >= 0) {
      lastMethod = CANDIDATES[best]!;
      lastC = square[best]![h]! > 0 ? Math.max(0, excess[best]![h]! / square[best]![h]!) : lastC;
    }
    methods.push(lastMethod);
    overdispersion.push(lastC);
  }
  return { methods, overdispersion, wape, origins: origins.length };
}
