/**
 * Building blocks of a simulation's input: values per interval start as a step series, and the
 * interval grid of a list of starts (its most common gap; duplicates and starts off it are
 * errors naming them).
 *
 * @module
 */
import { DataError } from "../io/errors.ts";
import { maxOf, minOf } from "../math/extent.ts";
import { inferSpacing } from "../time/duration.ts";
import { formatInstantUtc } from "../time/instant.ts";
import type { StepSeries } from "./simulate.ts";

/** The interval taken for a single row, whose length nothing shows: 30 minutes, in ms. */
export const SINGLE_ROW_INTERVAL_MS = 1_800_000;

/**
 * The step series of `values` keyed by `starts` (epoch ms) on a grid of `stepMs` from the
 * smallest start; grid points without a value are 0.
 *
 * @example
 * stepSeries([0, 1_800_000], [3, 4], 900_000); // values [3, 0, 4], stepSeconds 900
 */
export function stepSeries(
  starts: readonly number[],
  values: readonly number[],
  stepMs: number,
): StepSeries {
  const first = minOf(starts, (t) => t);
  const last = maxOf(starts, (t) => t);
  const out = new Float64Array(Math.round((last - first) / stepMs) + 1);
  starts.forEach((t, i) => {
    out[Math.round((t - first) / stepMs)] = values[i]!;
  });
  return { startMs: first, stepSeconds: stepMs / 1000, values: out };
}

/**
 * The interval of one queue's (or a schedule's) starts, ms, as `inferSpacing` finds it; a single
 * start is taken as {@link SINGLE_ROW_INTERVAL_MS}.
 *
 * @param file - the input named in errors
 * @throws DataError for two equal starts, or starts off the grid of the others (each named)
 */
export function gridSpacingMs(starts: readonly number[], file: string): number {
  if (starts.length === 1) return SINGLE_ROW_INTERVAL_MS;
  const s = inferSpacing(starts);
  if (!s.ok)
    throw new DataError([
      {
        file,
        message:
          s.reason === "duplicate"
            ? `two rows of one queue start at ${formatInstantUtc(s.at!)}`
            : "cannot infer the interval length from a single row",
      },
    ]);
  if (s.offGrid.length > 0)
    throw new DataError(
      s.offGrid.map((t) => ({
        file,
        message: `a row at ${formatInstantUtc(t)} is off the grid of the others (every ${s.spacingMs / 60_000} min): is its time a typo?`,
      })),
    );
  return s.spacingMs;
}

/**
 * The value of `series` at instant `t` (epoch ms), 0 outside it; a number is constant.
 *
 * @example
 * seriesAt({ startMs: 0, stepSeconds: 60, values: Float64Array.of(1, 2) }, 90_000); // => 2
 */
export function seriesAt(series: StepSeries | number, t: number): number {
  if (typeof series === "number") return series;
  return series.values[Math.floor((t - series.startMs) / (series.stepSeconds * 1000))] ?? 0;
}

/**
 * Where a head count changes within [from, to): the sum of `series` (each rounded down to whole
 * agents) at `from` and at every step boundary inside, keeping only the instants where it
 * changes.
 *
 * @example
 * agentChanges([{ startMs: 0, stepSeconds: 60, values: [2, 2, 3] }], 0, 180_000);
 * // => [{ t: 0, n: 2 }, { t: 120000, n: 3 }]
 */
export function agentChanges(
  series: readonly StepSeries[],
  from: number,
  to: number,
): { t: number; n: number }[] {
  const whole = (v: number): number => Math.max(0, Math.floor(v + 1e-9));
  const at = (t: number): number => series.reduce((n, s) => n + whole(seriesAt(s, t)), 0);
  const times = new Set<number>([from]);
  for (const s of series) {
    const step = s.stepSeconds * 1000;
    for (let i = 0; i <= s.values.length; i++) {
      const t = s.startMs + i * step;
      if (t > from && t < to) times.add(t);
    }
  }
  const out: { t: number; n: number }[] = [];
  let last = -1;
  for (const t of [...times].sort((x, y) => x - y)) {
    const n = at(t);
    if (n !== last) out.push({ t, n });
    last = n;
  }
  return out;
}
