/**
 * The response of call volume to TV and radio ad spots, learned from past airings.
 *
 * Model (the distributed-lag family of Tellis, Chandy & Thaivanich 2000 and later DR-advertising
 * work, at minute resolution): calls(t) = baseline(t) + sum over spots a of
 * beta_channel(a) x unit(a) x k_channel(t - air(a)), where unit is the spot's GRP (or 1 per spot
 * when the channel has no GRPs) and k is a gamma kernel with a delay (see kernel.ts), integrated
 * over each interval. Fitting alternates (backfitting): a baseline from the history with the
 * current ad response removed (the day's own level, its weekday's shape from the neighbouring
 * weeks), then each channel's kernel by a coarse grid and a pattern search on the least-squares
 * fit of the residual, then all betas at once by non-negative least squares. Past spots are
 * taken at their aired times; planned spots are forecast with the kernel averaged over airing
 * delays, since spots air a few minutes late (see {@link defaultAiringDelays}).
 *
 * @module
 */
import { type Zone, weekdayOf } from "../time/zone.ts";
import { kernelCdf, SUPPORT_MINUTES, type Kernel, type KernelCdf } from "./kernel.ts";
import { searchKernel } from "./kernel-search.ts";
import { nnls } from "./nnls.ts";
import { dayTotal, type DaySeries } from "./series.ts";

/** One ad spot. */
export interface AdSpot {
  /** Airing instant (as aired for past spots, as planned for future ones), epoch ms. */
  readonly airMs: number;
  /** Channel or station. */
  readonly channel: string;
  /** Gross rating points; NaN or undefined when unknown. */
  readonly grp?: number;
  /** Spot length, seconds (informational). */
  readonly durationSeconds?: number;
}

/** What a channel's spots bring. */
export interface ChannelResponse {
  readonly channel: string;
  readonly kernel: Kernel;
  /** Expected calls per GRP, or per spot when `perGrp` is false. */
  readonly callsPerUnit: number;
  /** Whether the response scales with GRP. */
  readonly perGrp: boolean;
  /** Spots it was learned from. */
  readonly spots: number;
  /** Median GRP of its spots (used for future spots without one); NaN when per spot. */
  readonly typicalGrp: number;
}

/** The fitted response of one queue's calls to ads. */
export interface AdResponse {
  readonly channels: ReadonlyMap<string, ChannelResponse>;
  /** Used for spots on channels never seen in the history: the pooled response, or null. */
  readonly fallback: ChannelResponse | null;
}

/**
 * Channels with fewer spots than this share one pooled kernel: a chosen default, the fewest
 * spots from which a kernel's three parameters and an amount are worth fitting on their own.
 */
const MIN_SPOTS = 4;
/** Group key of the pooled channels (NUL: never in a name read from a file, which refuses it). */
const POOLED = "\u0000pooled";
/**
 * Rounds of backfitting (the baseline on the history less the current ad response, then the
 * kernels and amounts): a chosen default that bounds the fitting time.
 */
const BACKFIT_ITERATIONS = 3;
/** Sweeps over the channels' kernels per backfitting round (coordinate descent). */
const KERNEL_SWEEPS = 2;
/**
 * Weeks on each side whose same weekday gives a day's in-sample shape: the four weeks of the
 * historical average (forecast.md sections 0.1 and 5.4), taken around the day.
 */
const NEIGHBOUR_WEEKS = 4;
/** Where the kernel search starts: a gamma peaking 5 minutes after a 1-minute delay. */
const START_KERNEL: Kernel = { shape: 2, scale: 5, delay: 1 };
/**
 * Minutes of response placed beyond the kernel's support when fitting: room for the kernel's
 * delay (the coarse grid tries up to 5 minutes; the pattern search may move it further).
 */
const FIT_DELAY_ROOM_MINUTES = 30;

/** Where each spot's response lands: for each of K + 1 intervals from the one it airs in, the
 * cell (day index x slots + slot) or -1, and the spot's minute inside its first interval. */
interface Placement {
  readonly cells: Int32Array; // spots x (K + 1)
  readonly phase: Float64Array; // minutes into the first interval
  readonly width: number; // K + 1
}

function place(
  spots: readonly AdSpot[],
  zone: Zone,
  series: DaySeries,
  dayIndex: ReadonlyMap<number, number>,
  extraMinutes: number,
): Placement {
  const step = series.stepMinutes;
  const stepMs = step * 60_000;
  const width = Math.ceil((SUPPORT_MINUTES + extraMinutes) / step) + 2;
  const cells = new Int32Array(spots.length * width).fill(-1);
  const phase = new Float64Array(spots.length);
  spots.forEach((spot, j) => {
    const into = zone.clockMinutes(spot.airMs) % step;
    phase[j] = into;
    const first = spot.airMs - Math.round(into * 60_000);
    for (let k = 0; k < width; k++) {
      const t = first + k * stepMs;
      const i = dayIndex.get(zone.dayOf(t));
      if (i === undefined) continue;
      const slot = Math.floor(zone.clockMinutes(t) / step);
      if (Number.isNaN(series.calls[i]![slot]!)) continue;
      cells[j * width + k] = i * series.slots + slot;
    }
  });
  return { cells, phase, width };
}

/** Adds `amount` x the kernel's share in each interval of spot j's response into `out`. */
function accumulate(
  out: Float64Array,
  placement: Placement,
  j: number,
  amount: number,
  cdf: KernelCdf,
  step: number,
): void {
  const { cells, phase, width } = placement;
  const u = phase[j]!;
  let prev = 0;
  for (let k = 0; k < width; k++) {
    const next = cdf.at((k + 1) * step - u);
    const cell = cells[j * width + k]!;
    if (cell >= 0) out[cell]! += amount * (next - prev);
    prev = next;
    if (next >= 1) break;
  }
}

/** Least-squares fit of one channel's column against a residual: (x'r, x'x). */
function fitColumn(
  residual: Float64Array,
  placement: Placement,
  members: readonly number[],
  units: Float64Array,
  cdf: KernelCdf,
  step: number,
  scratch: Float64Array,
  touched: Int32Array,
): { xr: number; xx: number } {
  // Spots of one channel can overlap: build the column sparsely in `scratch`.
  const { cells, phase, width } = placement;
  let n = 0;
  for (const j of members) {
    const u = phase[j]!;
    let prev = 0;
    for (let k = 0; k < width; k++) {
      const next = cdf.at((k + 1) * step - u);
      const cell = cells[j * width + k]!;
      if (cell >= 0) {
        if (scratch[cell] === 0) touched[n++] = cell;
        scratch[cell]! += units[j]! * (next - prev);
      }
      prev = next;
      if (next >= 1) break;
    }
  }
  let xr = 0;
  let xx = 0;
  for (let m = 0; m < n; m++) {
    const cell = touched[m]!;
    const v = scratch[cell]!;
    xr += v * residual[cell]!;
    xx += v * v;
    scratch[cell] = 0;
  }
  return { xr, xx };
}

/** The in-sample baseline: each day's own level, its weekday's shape from neighbouring weeks. */
function inSampleBaseline(clean: Float64Array, series: DaySeries): Float64Array {
  const { days, slots } = series;
  const out = new Float64Array(clean.length);
  const totals = days.map((_, i) => {
    let s = 0;
    for (let q = 0; q < slots; q++) {
      const v = clean[i * slots + q]!;
      if (!Number.isNaN(v)) s += v;
    }
    return s;
  });
  const index = new Map(days.map((d, i) => [d, i]));
  const shape = new Float64Array(slots);
  days.forEach((day, i) => {
    shape.fill(0);
    let weight = 0;
    for (let w = -NEIGHBOUR_WEEKS; w <= NEIGHBOUR_WEEKS; w++) {
      if (w === 0) continue;
      const j = index.get(day + 7 * w);
      if (j === undefined || weekdayOf(days[j]!) !== weekdayOf(day) || !(totals[j]! > 0)) continue;
      for (let q = 0; q < slots; q++) {
        const v = clean[j * slots + q]!;
        if (!Number.isNaN(v)) shape[q]! += v / totals[j]!;
      }
      weight++;
    }
    for (let q = 0; q < slots; q++) {
      const cell = i * slots + q;
      out[cell] = weight === 0 ? clean[cell]! : (shape[q]! / weight) * totals[i]!;
    }
  });
  return out;
}

/** Median of positive finite values, NaN for none. */
function median(values: readonly number[]): number {
  const v = values.filter((x) => Number.isFinite(x) && x > 0).sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  const m = v.length >> 1;
  return v.length % 2 === 1 ? v[m]! : 0.5 * (v[m - 1]! + v[m]!);
}

/** Result of {@link fitAdResponse}: the response and the history with ad-driven calls removed. */
export interface AdFit {
  readonly response: AdResponse;
  /** The history minus the fitted in-sample ad response (never below 0). */
  readonly cleaned: DaySeries;
  /** The fitted in-sample ad response per day (same layout as the series). */
  readonly fitted: readonly Float64Array[];
}

/**
 * Learns each channel's response from the aired spots and the history, and removes it from the
 * history (the baseline is then learned from what is left).
 *
 * @param series - the queue's history
 * @param spots - spots aired during the history that reach this queue, at their aired times
 * @example
 * const { response, cleaned } = fitAdResponse(series, zone, spots);
 * response.channels.get("TV1")?.callsPerUnit; // calls per GRP
 */
export function fitAdResponse(series: DaySeries, zone: Zone, spots: readonly AdSpot[]): AdFit {
  const { slots, stepMinutes: step, days } = series;
  const cellsCount = days.length * slots;
  const y = new Float64Array(cellsCount);
  days.forEach((_, i) => {
    y.set(series.calls[i]!, i * slots);
  });
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const relevant = spots.filter((s) => {
    const i = dayIndex.get(zone.dayOf(s.airMs));
    return i !== undefined || dayIndex.has(zone.dayOf(s.airMs) + 1);
  });
  const empty: AdFit = {
    response: { channels: new Map(), fallback: null },
    cleaned: series,
    fitted: series.calls.map((row) => new Float64Array(row.length)),
  };
  if (relevant.length === 0) return empty;

  // Channels: enough spots for their own kernel, or pooled.
  const counts = new Map<string, number>();
  for (const s of relevant) counts.set(s.channel, (counts.get(s.channel) ?? 0) + 1);
  const groupOf = (channel: string): string =>
    (counts.get(channel) ?? 0) >= MIN_SPOTS ? channel : POOLED;
  const groups = [...new Set(relevant.map((s) => groupOf(s.channel)))].sort();
  const members = groups.map((g) =>
    relevant.flatMap((s, j) => (groupOf(s.channel) === g ? [j] : [])),
  );
  // Units: GRP where the group has GRPs for at least half its spots, else 1 per spot.
  const perGrp = members.map(
    (m) => m.filter((j) => (relevant[j]!.grp ?? Number.NaN) > 0).length * 2 >= m.length,
  );
  const typicalGrp = members.map((m) => median(m.map((j) => relevant[j]!.grp ?? Number.NaN)));
  const units = new Float64Array(relevant.length);
  members.forEach((m, g) => {
    for (const j of m) {
      const grp = relevant[j]!.grp ?? Number.NaN;
      units[j] = perGrp[g] ? (grp > 0 ? grp : typicalGrp[g]!) : 1;
    }
  });

  const placement = place(relevant, zone, series, dayIndex, FIT_DELAY_ROOM_MINUTES);
  const cdfCache = new Map<string, KernelCdf>();
  const cdfOf = (k: Kernel): KernelCdf => {
    const key = `${k.shape}|${k.scale}|${k.delay}`;
    let c = cdfCache.get(key);
    if (c === undefined) {
      c = kernelCdf(k);
      cdfCache.set(key, c);
    }
    return c;
  };

  const kernels: Kernel[] = groups.map(() => START_KERNEL);
  let betas: Float64Array = new Float64Array(groups.length);
  const columns = groups.map(() => new Float64Array(cellsCount));
  const scratch = new Float64Array(cellsCount);
  const touched = new Int32Array(cellsCount);
  let clean = y.slice();
  let fitted = new Float64Array(cellsCount);
  const finite = (v: number): number => (Number.isNaN(v) ? 0 : v);

  for (let iter = 0; iter < BACKFIT_ITERATIONS; iter++) {
    const base = inSampleBaseline(clean, series);
    const residual = new Float64Array(cellsCount);
    for (let c = 0; c < cellsCount; c++) residual[c] = finite(y[c]!) - finite(base[c]!);

    // Coordinate descent on kernels: each group against the residual less the others.
    for (let sweep = 0; sweep < KERNEL_SWEEPS; sweep++) {
      for (let g = 0; g < groups.length; g++) {
        const partial = residual.slice();
        for (let h = 0; h < groups.length; h++) {
          if (h === g || betas[h] === 0) continue;
          const col = columns[h]!;
          for (let c = 0; c < cellsCount; c++) partial[c]! -= betas[h]! * col[c]!;
        }
        const score = (k: Kernel): number => {
          const { xr, xx } = fitColumn(
            partial,
            placement,
            members[g]!,
            units,
            cdfOf(k),
            step,
            scratch,
            touched,
          );
          return xx > 0 && xr > 0 ? (xr * xr) / xx : 0; // SSE reduction with beta >= 0
        };
        kernels[g] = searchKernel(kernels[g]!, score, iter === 0 && sweep === 0);
        columns[g]!.fill(0);
        const cdf = cdfOf(kernels[g]!);
        for (const j of members[g]!) accumulate(columns[g]!, placement, j, units[j]!, cdf, step);
      }
      // All betas at once.
      const gram = groups.map((_, a) =>
        Float64Array.from(groups, (_, b) => dot(columns[a]!, columns[b]!)),
      );
      const rhs = Float64Array.from(groups, (_, a) => dot(columns[a]!, residual));
      betas = nnls(gram, rhs);
    }
    fitted = new Float64Array(cellsCount);
    groups.forEach((_, g) => {
      const col = columns[g]!;
      for (let c = 0; c < cellsCount; c++) fitted[c]! += betas[g]! * col[c]!;
    });
    clean = new Float64Array(cellsCount);
    for (let c = 0; c < cellsCount; c++) {
      clean[c] = Number.isNaN(y[c]!) ? Number.NaN : Math.max(0, y[c]! - fitted[c]!);
    }
  }

  const responses = groups.map((g, i): ChannelResponse => ({
    channel: g === POOLED ? "(pooled)" : g,
    kernel: kernels[i]!,
    callsPerUnit: betas[i]!,
    perGrp: perGrp[i]!,
    spots: members[i]!.length,
    typicalGrp: perGrp[i]! ? typicalGrp[i]! : Number.NaN,
  }));
  const channels = new Map<string, ChannelResponse>();
  for (const [channel] of counts) {
    const g = groups.indexOf(groupOf(channel));
    channels.set(channel, { ...responses[g]!, channel });
  }
  // Fallback for unseen channels: the response of the group with most spots.
  const largest = responses.reduce((a, b) => (b.spots > a.spots ? b : a));
  const cleanedRows = days.map((_, i) => clean.slice(i * slots, (i + 1) * slots));
  const fittedRows = days.map((_, i) => fitted.slice(i * slots, (i + 1) * slots));
  return {
    response: { channels, fallback: { ...largest, channel: "(fallback)" } },
    cleaned: { ...series, calls: cleanedRows },
    fitted: fittedRows,
  };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * Expected ad-driven calls per slot on each of `days`, from `spots` (past spots at their aired
 * times; spots flagged by `planned` get the kernel averaged over `delays`).
 *
 * @returns per day (same order as `days`), calls per slot
 */
export function adCalls(
  response: AdResponse,
  spots: readonly AdSpot[],
  planned: (spot: AdSpot) => boolean,
  zone: Zone,
  days: readonly number[],
  stepMinutes: number,
  delays: readonly number[],
): Float64Array[] {
  const slots = 1440 / stepMinutes;
  const out = days.map(() => new Float64Array(slots));
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const series: DaySeries = {
    stepMinutes,
    slots,
    days,
    calls: out.map(() => new Float64Array(slots)),
    aht: null,
  };
  const cache = new Map<string, KernelCdf>();
  const dense = new Float64Array(days.length * slots);
  const placement = place(spots, zone, series, dayIndex, delays.length);
  spots.forEach((spot, j) => {
    const r = response.channels.get(spot.channel) ?? response.fallback;
    if (r === null || r.callsPerUnit === 0) return;
    const isPlanned = planned(spot);
    const key = `${r.kernel.shape}|${r.kernel.scale}|${r.kernel.delay}|${isPlanned ? 1 : 0}`;
    let cdf = cache.get(key);
    if (cdf === undefined) {
      cdf = kernelCdf(r.kernel, isPlanned ? delays : undefined);
      cache.set(key, cdf);
    }
    const grp = spot.grp ?? Number.NaN;
    const unit = r.perGrp ? (grp > 0 ? grp : r.typicalGrp) : 1;
    if (!(unit > 0)) return;
    accumulate(dense, placement, j, r.callsPerUnit * unit, cdf, stepMinutes);
  });
  days.forEach((_, i) => {
    out[i]!.set(dense.subarray(i * slots, (i + 1) * slots));
  });
  return out;
}

/** Total calls of a series (for reports). */
export function seriesTotal(series: DaySeries): number {
  let s = 0;
  for (const row of series.calls) s += dayTotal(row);
  return s;
}
