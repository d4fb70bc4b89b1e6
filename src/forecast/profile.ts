/**
 * Minute-by-minute arrival rates within forecast intervals: flat, or shaped by the response to
 * the ad spots that air in or before each interval. The interval's forecast calls are kept;
 * only their timing inside the interval changes. Used by the simulator, where Erlang's steady
 * traffic assumption fails after a spot.
 *
 * The ad part of an interval comes from the fitted response when there is one (calls per GRP
 * and the channel's kernel, as the forecast uses them), else from the forecast itself: the
 * excess of the interval over the calls of nearby intervals that no spot reaches, shaped by
 * the literature's default kernel (gamma, shape 2, scale 4 minutes; forecast.md) averaged over
 * the usual airing delays.
 *
 * @module
 */
import type { AdResponse, AdSpot } from "./ads.ts";
import type { AdRow } from "./types.ts";
import { defaultAiringDelays, kernelCdf, type Kernel, type KernelCdf } from "./kernel.ts";

/**
 * The default response shape when none was fitted: the reference kernel of the research note
 * forecast.md (section 5.1: gamma, shape 2, scale 4 minutes; mode at 4 minutes, about 91 % of
 * the calls within 16).
 */
export const DEFAULT_KERNEL: Kernel = { shape: 2, scale: 4, delay: 0 };

/**
 * Share of one spot's response (of the unscaled default shape) in an interval above which a
 * spot reaches it: a chosen threshold, 2 %, below which the tail is lost in the interval's noise.
 */
const REACHED_SHAPE_SHARE = 0.02;
/** Fitted ad calls in an interval above which a spot reaches it: half a call, a chosen threshold. */
const REACHED_FITTED_CALLS = 0.5;
/** Intervals on each side whose quiet ones give an interval's calls without ads (their median). */
const NEIGHBOUR_INTERVALS = 4;

/** Calls of one queue per interval. */
export interface IntervalCalls {
  readonly queue: string;
  readonly startMs: number;
  readonly calls: number;
}

/** Arrival rates of one queue, calls per second, per minute from `startMs`. */
export interface MinuteRates {
  readonly queue: string;
  readonly startMs: number;
  readonly rates: Float64Array;
}

/**
 * Per-minute arrival rates for each queue.
 *
 * @param rows - forecast calls per queue and interval (all intervals of a queue equally long)
 * @param intervalMinutes - the rows' interval
 * @param spots - ad spots (a spot without a queue reaches every queue)
 * @param responses - fitted responses per queue, when known
 * @example
 * arrivalProfile([{ queue: "orders", startMs: 0, calls: 30 }], 30, [])[0].rates[0]; // 30 / 1800 calls per second
 */
export function arrivalProfile(
  rows: readonly IntervalCalls[],
  intervalMinutes: number,
  spots: readonly AdRow[] = [],
  responses?: ReadonlyMap<string, AdResponse>,
): MinuteRates[] {
  const byQueue = new Map<string, IntervalCalls[]>();
  for (const r of rows) {
    const list = byQueue.get(r.queue);
    if (list === undefined) byQueue.set(r.queue, [r]);
    else list.push(r);
  }
  const delays = defaultAiringDelays();
  const defaultCdf = kernelCdf(DEFAULT_KERNEL, delays);
  const cdfs = new Map<string, KernelCdf>();
  const cdfOf = (k: Kernel): KernelCdf => {
    const key = `${k.shape}|${k.scale}|${k.delay}`;
    let c = cdfs.get(key);
    if (c === undefined) cdfs.set(key, (c = kernelCdf(k, delays)));
    return c;
  };
  const out: MinuteRates[] = [];
  for (const [queue, list] of byQueue) {
    list.sort((a, b) => a.startMs - b.startMs);
    const start = list[0]!.startMs;
    const end = list[list.length - 1]!.startMs + intervalMinutes * 60_000;
    const minutes = Math.round((end - start) / 60_000);
    const rates = new Float64Array(minutes);
    const mine = spots.filter((s) => s.queue === undefined || s.queue === "" || s.queue === queue);
    const response = responses?.get(queue);
    // expected ad calls per minute (fitted), or the response shape (density, unscaled)
    const adMinute = new Float64Array(minutes);
    for (const s of mine) {
      const fitted = response === undefined ? undefined : responseOf(response, s);
      if (response !== undefined && fitted === undefined) continue; // no response learned
      const cdf = fitted === undefined ? defaultCdf : cdfOf(fitted.kernel);
      const amount = fitted === undefined ? 1 : fitted.calls;
      const first = Math.max(0, Math.floor((s.airMs - start) / 60_000));
      const last = Math.min(minutes, Math.ceil((s.airMs + cdf.length * 60_000 - start) / 60_000));
      for (let m = first; m < last; m++) {
        const a = (start + m * 60_000 - s.airMs) / 60_000;
        adMinute[m]! += amount * (cdf.at(a + 1) - cdf.at(a));
      }
    }
    const per = intervalMinutes;
    const reached = (i: number): boolean => {
      // an interval some spot's response reaches noticeably
      let mass = 0;
      for (let m = i * per; m < (i + 1) * per; m++) mass += adMinute[m]!;
      return response === undefined ? mass > REACHED_SHAPE_SHARE : mass > REACHED_FITTED_CALLS;
    };
    list.forEach((row, i) => {
      const from = Math.round((row.startMs - start) / 60_000);
      let adMass = 0;
      for (let m = from; m < from + per; m++) adMass += adMinute[m]!;
      let adCalls: number;
      if (response !== undefined) adCalls = Math.min(row.calls, adMass);
      else if (adMass > REACHED_SHAPE_SHARE) {
        // the interval's excess over nearby intervals no spot reaches
        const quiet: number[] = [];
        const lo = Math.max(0, i - NEIGHBOUR_INTERVALS);
        const hi = Math.min(list.length - 1, i + NEIGHBOUR_INTERVALS);
        for (let k = lo; k <= hi; k++) {
          if (k !== i && !reached(k)) quiet.push(list[k]!.calls);
        }
        quiet.sort((a, b) => a - b);
        const base = quiet.length > 0 ? quiet[Math.floor((quiet.length - 1) / 2)]! : row.calls;
        adCalls = Math.max(0, Math.min(row.calls, row.calls - base));
      } else adCalls = 0;
      const flat = (row.calls - adCalls) / (per * 60);
      for (let m = from; m < from + per; m++) {
        const share = adMass > 0 ? adMinute[m]! / adMass : 1 / per;
        rates[m] = flat + (adCalls * share) / 60;
      }
    });
    out.push({ queue, startMs: start, rates });
  }
  return out;
}

function responseOf(
  response: AdResponse,
  spot: AdSpot,
): { kernel: Kernel; calls: number } | undefined {
  const r = response.channels.get(spot.channel) ?? response.fallback;
  if (r === null || r.callsPerUnit === 0) return undefined;
  const grp = spot.grp ?? Number.NaN;
  const unit = r.perGrp ? (grp > 0 ? grp : r.typicalGrp) : 1;
  if (!(unit > 0)) return undefined;
  return { kernel: r.kernel, calls: r.callsPerUnit * unit };
}
