/**
 * The intraday reforecast: once some of today's intervals are over, the rest of the day is
 * updated from their actual calls (the "intraday updating" every serious paper does: Weinberg,
 * Brown & Stroud 2007; Shen & Huang 2008; research note forecast.md, sections 0.2, 1.2 and 6.5).
 *
 * Two things are re-estimated together, by least squares on the elapsed intervals weighted by
 * the inverse of each count's variance mu (1 + c mu): the level r of today's baseline, and the
 * amount of each spot aired today so far. Each is pulled towards its prior, as in Shen & Huang's
 * penalised least squares: r towards 1 with the day-level variance c, a spot's amount towards
 * what its channel usually brings. The amounts must not be negative (NNLS).
 *
 * @module
 */
import type { Zone } from "../time/zone.ts";
import type { AdResponse, AdSpot } from "./ads.ts";
import type { SlotInterval } from "./intervals.ts";
import { kernelCdf } from "./kernel.ts";
import { nnls } from "./nnls.ts";

/**
 * Prior standard deviation of an aired spot's amount, relative to what its channel usually
 * brings: a chosen default. Spots of one channel vary with daypart and creative (forecast.md
 * section 2.1); 30 % lets the first minutes of response move the amount clearly while one
 * noisy interval cannot.
 */
const SPOT_PRIOR_SD = 0.3;

/**
 * Prior weight of a spot whose channel brings nothing (a prior amount of 0): large enough to
 * hold its amount at 0, as the learned response says.
 */
const ZERO_SPOT_WEIGHT = 1e6;

/**
 * Least day-level variance of the level's prior: a history with no overdispersion (c = 0)
 * would give the prior an infinite weight and no update at all; 1e-4 (a 1 % standard deviation
 * of the day's level) still lets a morning far off the forecast move it.
 */
const MIN_DAY_DISPERSION = 1e-4;

/**
 * Least variance of an interval's count, calls squared: an interval forecast near 0 calls
 * would otherwise get an unbounded weight.
 */
const MIN_COUNT_VARIANCE = 1;

/** What the update needs besides the intervals. */
export interface IntradayInputs {
  readonly zone: Zone;
  /** The forecast's start and the end of today's actuals, epoch ms. */
  readonly startMs: number;
  readonly cutoffMs: number;
  /** Actual calls by interval start. */
  readonly actuals: ReadonlyMap<number, number>;
  /** The queue's spots (aired and planned). */
  readonly spots: readonly AdSpot[];
  readonly response: AdResponse;
  /** Per target day, the baseline's calls per slot. */
  readonly base: readonly Float64Array[];
  /** Per target day, the ads' calls per slot. */
  readonly adProfiles: readonly Float64Array[];
  readonly targetDays: readonly number[];
}

/**
 * Updates the expected calls of today's intervals from `cutoffMs` on (in place), from the actual
 * calls of today's intervals before it. Nothing changes when today is not a target day or none
 * of its intervals is over.
 *
 * @example
 * intradayUpdate(intervals, { zone, startMs, cutoffMs, actuals, spots, response, base, adProfiles, targetDays });
 */
export function intradayUpdate(intervals: SlotInterval[], inputs: IntradayInputs): void {
  const { zone, startMs, cutoffMs, actuals, base, adProfiles } = inputs;
  const today = zone.dayOf(Math.max(startMs, cutoffMs - 1));
  const k = inputs.targetDays.indexOf(today);
  if (k < 0) return;
  const step = 1440 / base[0]!.length;
  const todays = intervals.filter((iv) => iv.day === today);
  const observed = todays.filter((iv) => iv.startMs < cutoffMs && iv.startMs >= startMs);
  if (observed.length === 0) return;

  // Spots aired today before the cutoff: their own columns.
  const dayStart = zone.dayStart(today);
  const spots = inputs.spots.filter((s) => s.airMs >= dayStart && s.airMs < cutoffMs);
  const columns = spots.map((s) => {
    const r = inputs.response.channels.get(s.channel) ?? inputs.response.fallback;
    const col = new Map<number, number>();
    if (r === null) return { col, prior: 0 };
    const cdf = kernelCdf(r.kernel);
    const grp = s.grp ?? Number.NaN;
    const unit = r.perGrp ? (grp > 0 ? grp : r.typicalGrp) : 1;
    for (const iv of todays) {
      const from = (iv.startMs - s.airMs) / 60_000;
      const share = cdf.at(from + step) - cdf.at(from);
      if (share > 0) col.set(iv.startMs, share);
    }
    return { col, prior: r.callsPerUnit * unit };
  });
  // Baseline part and the planned (not yet aired) spots' part of each interval of today.
  const baseOf = (iv: SlotInterval): number => base[k]![iv.slot]!;
  const otherAds = (iv: SlotInterval): number => {
    let aired = 0;
    for (const { col, prior } of columns) aired += prior * (col.get(iv.startMs) ?? 0);
    return Math.max(0, adProfiles[k]![iv.slot]! - aired);
  };

  // Normal equations G x = b of the weighted least squares, x = (r, amounts...).
  const n = 1 + columns.length;
  const g = Array.from({ length: n }, () => new Float64Array(n));
  const b = new Float64Array(n);
  const c = observed[0]!.overdispersion;
  for (const iv of observed) {
    const y = (actuals.get(iv.startMs) ?? 0) - otherAds(iv);
    const x = [baseOf(iv), ...columns.map(({ col }) => col.get(iv.startMs) ?? 0)];
    const v = Math.max(MIN_COUNT_VARIANCE, iv.mean * (1 + c * iv.mean));
    for (let p = 0; p < n; p++) {
      b[p]! += (x[p]! * y) / v;
      for (let q = 0; q < n; q++) g[p]![q]! += (x[p]! * x[q]!) / v;
    }
  }
  // Priors.
  const dayDispersion = Math.max(c, MIN_DAY_DISPERSION);
  g[0]![0]! += 1 / dayDispersion;
  b[0]! += 1 / dayDispersion;
  columns.forEach(({ prior }, a) => {
    const w = prior > 0 ? 1 / (SPOT_PRIOR_SD * prior) ** 2 : ZERO_SPOT_WEIGHT;
    g[a + 1]![a + 1]! += w;
    b[a + 1]! += w * prior;
  });
  const solution = nnls(g, b);
  const level = solution[0]!;
  for (const iv of todays) {
    if (iv.startMs < cutoffMs) continue;
    let aired = 0;
    columns.forEach(({ col }, a) => (aired += solution[a + 1]! * (col.get(iv.startMs) ?? 0)));
    iv.mean = level * baseOf(iv) + aired + otherAds(iv);
  }
}
