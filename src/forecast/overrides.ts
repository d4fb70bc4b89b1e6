/**
 * Planner overrides, the last layer of a forecast: over a span, multiply the model's calls by a
 * factor, or set the span's total and keep the model's shape within it (the "multiplicative"
 * and "overriding" overlays of commercial WFM, e.g. Genesys: research forecast.md section 4.2).
 *
 * @module
 */
import type { SlotInterval } from "./intervals.ts";
import type { Override } from "./types.ts";

/**
 * Applies `overrides` in order to the intervals that start inside their span. A `calls`
 * override on a span the model forecasts no calls for spreads them evenly.
 *
 * @example
 * applyOverrides(intervals, [{ startMs, endMs, factor: 1.2 }]); // 20 % more calls in the span
 */
export function applyOverrides(intervals: SlotInterval[], overrides: readonly Override[]): void {
  for (const o of overrides) {
    const inSpan = intervals.filter((iv) => iv.startMs >= o.startMs && iv.startMs < o.endMs);
    if (inSpan.length === 0) continue;
    if (o.factor !== undefined) {
      for (const iv of inSpan) iv.mean *= o.factor;
    } else if (o.calls !== undefined) {
      const sum = inSpan.reduce((a, iv) => a + iv.mean, 0);
      for (const iv of inSpan)
        iv.mean = sum > 0 ? (iv.mean / sum) * o.calls : o.calls / inSpan.length;
    }
  }
}
