/**
 * Semi-synthetic ad data (forecast.md section 5.1, setting D3): real call arrivals with simulated
 * TV and radio spots whose response is known. No public data set pairs call arrivals with
 * airing times, so the ad benchmark, the known-kernel tests and the TV-shopping example add
 * Poisson ad-driven calls to the real 5-minute counts of a US bank (2003).
 *
 * Spots are planned at random minutes, 3-6 a day, on three channels with different response
 * shapes; each airs max(0, round(2 + 2 N(0, 1))) minutes after its planned time and 3 % of them
 * 15 minutes later still (an agency study found DRTV spots air on average 2 minutes late, 2 %
 * more than 15 minutes late). The forecaster sees planned times for the future and aired times
 * for the past; the oracle knows the true expected response to the aired times.
 */
import { readFileSync } from "node:fs";
import { regularizedGamma } from "../src/math/gamma.ts";

/** A simulated channel: response per GRP and a gamma kernel (minutes). */
export interface SimChannel {
  readonly name: string;
  readonly callsPerGrp: number;
  readonly shape: number;
  readonly scale: number;
}

/** The three channels of the benchmark at SCALE = 1 (calls per GRP are multiplied by SCALE). */
export const CHANNELS: readonly SimChannel[] = [
  { name: "TV-Shop 1", callsPerGrp: 120, shape: 2, scale: 4 }, // mode 4 min
  { name: "TV-Shop 2", callsPerGrp: 60, shape: 3, scale: 5 }, // mode 10 min
  { name: "Radio 1", callsPerGrp: 25, shape: 1.5, scale: 12 }, // mode 6 min, long tail
];

/** One simulated spot. */
export interface SimSpot {
  readonly channel: string;
  readonly plannedMs: number;
  readonly airedMs: number;
  readonly grp: number;
}

/** A semi-synthetic data set. */
export interface SemiSynthetic {
  /** 5-minute interval starts (UTC, the bank's local clock), calls with ads added. */
  readonly starts: readonly number[];
  readonly calls: readonly number[];
  /** The real calls without ads. */
  readonly baseCalls: readonly number[];
  /** The true expected ad-driven calls per interval (given the aired times). */
  readonly adMean: readonly number[];
  readonly spots: readonly SimSpot[];
}

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(random: () => number): number {
  const u = Math.max(1e-300, random());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * Poisson variate: inversion below a mean of 30, else Hörmann's PTRS transformed rejection
 * ("The transformed rejection method for generating Poisson random variables", 1993).
 */
export function poisson(mean: number, random: () => number): number {
  if (mean <= 0) return 0;
  if (mean < 30) {
    let k = 0;
    let p = Math.exp(-mean);
    let cdf = p;
    const u = random();
    while (u > cdf && k < 1000) {
      k++;
      p *= mean / k;
      cdf += p;
    }
    return k;
  }
  const slam = Math.sqrt(mean);
  const loglam = Math.log(mean);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = random() - 0.5;
    const v = random();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (
      Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <=
      -mean + k * loglam - lnFactorial(k)
    ) {
      return k;
    }
  }
}

function lnFactorial(k: number): number {
  let s = 0;
  for (let i = 2; i <= k; i++) s += Math.log(i);
  return s;
}

/** The bank's 5-minute counts, 07:00-20:55 (the lone 21:00 slot dropped), by interval start. */
export function bankCalls(path = "bench/data/bank_calls_5min.csv"): Map<number, number> {
  const out = new Map<number, number>();
  const lines = readFileSync(path, "utf8").trim().split("\n").slice(1);
  for (const line of lines) {
    const [, stamp, calls] = line.split(",");
    const t = Date.parse(stamp!);
    if (new Date(t).getUTCHours() >= 21) continue;
    out.set(t, Number(calls));
  }
  return out;
}

/**
 * Adds simulated spots to the bank's calls.
 *
 * @param scale - SCALE of forecast.md 5.1 (1 = mild, 5 = ad-driven center)
 */
export function semiSynthetic(base: Map<number, number>, scale: number, seed = 7): SemiSynthetic {
  const random = rng(seed);
  const starts = [...base.keys()].sort((a, b) => a - b);
  const index = new Map(starts.map((t, i) => [t, i]));
  const days = [...new Set(starts.map((t) => Math.floor(t / 86_400_000)))];
  const spots: SimSpot[] = [];
  for (const day of days) {
    const n = 3 + Math.floor(random() * 4);
    for (let i = 0; i < n; i++) {
      const minute = 7 * 60 + 30 + Math.floor(random() * (12 * 60 + 30)); // 07:30-19:59
      const channel = CHANNELS[Math.floor(random() * CHANNELS.length)]!;
      const grp = Math.exp(0.5 * normal(random));
      let late = Math.max(0, Math.round(2 + 2 * normal(random)));
      if (random() < 0.03) late += 15;
      const plannedMs = day * 86_400_000 + minute * 60_000;
      spots.push({ channel: channel.name, plannedMs, airedMs: plannedMs + late * 60_000, grp });
    }
  }
  spots.sort((a, b) => a.plannedMs - b.plannedMs);
  const adMean = new Array<number>(starts.length).fill(0);
  for (const spot of spots) {
    const ch = CHANNELS.find((c) => c.name === spot.channel)!;
    const amount = ch.callsPerGrp * scale * spot.grp;
    const first = Math.floor(spot.airedMs / 300_000) * 300_000;
    const norm = regularizedGamma(ch.shape, 180 / ch.scale).p;
    let prev = 0;
    for (let k = 0; k <= 38; k++) {
      const end = (first + (k + 1) * 300_000 - spot.airedMs) / 60_000;
      const next = end >= 180 ? 1 : regularizedGamma(ch.shape, end / ch.scale).p / norm;
      const i = index.get(first + k * 300_000);
      if (i !== undefined) adMean[i]! += amount * (next - prev);
      prev = next;
      if (next >= 1) break;
    }
  }
  const baseCalls = starts.map((t) => base.get(t)!);
  const calls = baseCalls.map((c, i) => c + poisson(adMean[i]!, random));
  return { starts, calls, baseCalls, adMean, spots };
}
