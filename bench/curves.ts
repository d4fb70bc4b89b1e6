/**
 * Realistic requirement curves for the scheduling benchmarks and tests: a call center open
 * 06:00-24:00 with the bimodal intraday shape of real traffic (morning peak, afternoon plateau,
 * evening shoulder), a TV-spot spike in the evening, weekday levels, and Erlang C agents for
 * 80 % in 20 s per 15-minute interval (forecast.md / scheduling.md section 4.1).
 */
import { staffInterval } from "../src/erlang/index.ts";
import type { RequirementPoint } from "../src/schedule/result.ts";

/** Calls per 15 minutes at the peak of a Monday. */
const PEAK_CALLS = 450;
/** Weekday levels, Monday first. */
const WEEKDAY_LEVEL = [1.1, 1.0, 0.95, 0.95, 1.0, 0.75, 0.6];

/** Relative call volume at local quarter hour q (0 = 00:00) of an ordinary day, peak 1. */
export function dayShape(q: number): number {
  if (q < 24) return 0; // closed 00:00-06:00
  const h = q / 4;
  const morning = Math.exp(-(((h - 10.5) / 1.8) ** 2));
  const afternoon = 0.85 * Math.exp(-(((h - 15) / 2.6) ** 2));
  const evening = 0.45 * Math.exp(-(((h - 20) / 1.5) ** 2));
  const ramp = Math.min(1, (h - 6) / 1.5);
  const spike = q === 81 ? 1.1 : 0; // 20:15, a TV spot
  return Math.max(0.01, ramp * Math.min(1, morning + afternoon + evening)) + spike * 0.6;
}

/**
 * Agents required per 15-minute interval for `days` days from Monday 2025-01-06 (UTC): Erlang C,
 * AHT 300 s, 80 % answered within 20 s.
 *
 * @param scale - multiplies the call volume (1: peak about 190 agents; 0.15: about 30)
 */
export function requirementCurve(days: number, scale = 1): RequirementPoint[] {
  const out: RequirementPoint[] = [];
  const monday = Date.UTC(2025, 0, 6);
  for (let d = 0; d < days; d++) {
    for (let q = 0; q < 96; q++) {
      const calls = PEAK_CALLS * scale * WEEKDAY_LEVEL[d % 7]! * dayShape(q);
      const required =
        calls < 0.5 ? 0 : staffInterval({ calls, intervalSeconds: 900, ahtSeconds: 300 }).agents;
      out.push({ startMs: monday + (d * 96 + q) * 900_000, required });
    }
  }
  return out;
}
