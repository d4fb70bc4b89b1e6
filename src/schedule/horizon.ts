/**
 * The time grid of shift design, and moving agent counts between grids: the requirement onto
 * the shift file's interval grid (before design), and a schedule's coverage onto another grid
 * (after it, e.g. the forecast's intervals).
 *
 * @module
 */
import { DataError } from "../io/errors.ts";
import { inferSpacing } from "../time/duration.ts";
import { formatInstantUtc } from "../time/instant.ts";
import type { CoveragePoint, RequirementPoint } from "./result.ts";
import { checkShiftModelSize, SHIFT_MODEL_LIMITS } from "./size.ts";

const DAY_MS = 86_400_000;

/** Rows further apart than this are most likely a date typed wrong: four weeks. */
export const SUSPICIOUS_GAP_MS = 28 * DAY_MS;

/** The requirement on the design's grid. */
export interface Horizon {
  /** Interval starts, UTC epoch milliseconds, contiguous. */
  readonly starts: number[];
  /** Agents required per interval. */
  readonly required: number[];
  readonly intervalMinutes: number;
}

/**
 * The requirement on the spec's interval grid: contiguous from the first start to the last
 * end, missing intervals 0; coarser requirements repeat, finer ones take the maximum.
 *
 * @param wantedMinutes - the shift file's interval; undefined: the requirements' own spacing
 * @throws DataError when there is no requirement, a row is off the others' grid, or the
 *   horizon has too many intervals (naming the widest gap, which is most often a wrong date)
 */
export function requirementHorizon(
  points: readonly RequirementPoint[],
  wantedMinutes: number | undefined,
): Horizon {
  if (points.length === 0) throw new DataError([{ message: "no requirement rows" }]);
  const sorted = [...points].sort((a, b) => a.startMs - b.startMs);
  // the requirements' own grid: their most common gap; a row off it is a typo, not a reason to
  // make every interval a second long
  const grid = inferSpacing([...new Set(sorted.map((p) => p.startMs))]);
  let spacing = grid.ok ? grid.spacingMs : Number.POSITIVE_INFINITY;
  if (grid.ok && grid.offGrid.length > 0)
    throw new DataError(
      grid.offGrid.map((t) => ({
        field: "start",
        message: `a requirement at ${formatInstantUtc(t)} is off the grid of the others (every ${grid.spacingMs / 60_000} min): is its time a typo?`,
      })),
    );
  const interval = wantedMinutes ?? (Number.isFinite(spacing) ? spacing / 60_000 : 15);
  const step = interval * 60_000;
  if (!Number.isFinite(spacing)) spacing = step;
  const first = sorted[0]!.startMs;
  const last = sorted[sorted.length - 1]!.startMs + Math.max(spacing, step);
  const count = Math.round((last - first) / step);
  if (!(count <= SHIFT_MODEL_LIMITS.intervals)) {
    checkShiftModelSize(
      { intervals: count, shifts: 0, variables: 0, nonZeros: 0 },
      interval,
      widestGapHint(sorted),
    );
  }
  const starts: number[] = [];
  const required = new Array<number>(count).fill(0);
  for (let i = 0; i < count; i++) starts.push(first + i * step);
  for (const p of sorted) {
    const from = Math.floor((p.startMs - first) / step);
    const to = Math.max(from + 1, Math.ceil((p.startMs + spacing - first) / step));
    for (let i = from; i < to && i < count; i++) required[i] = Math.max(required[i]!, p.required);
  }
  return { starts, required, intervalMinutes: interval };
}

/** Where the widest gap between two sorted rows is, when it is wide enough to be a typo. */
function widestGapHint(sorted: readonly RequirementPoint[]): string | undefined {
  let widest = 1;
  for (let i = 2; i < sorted.length; i++) {
    const gap = sorted[i]!.startMs - sorted[i - 1]!.startMs;
    if (gap > sorted[widest]!.startMs - sorted[widest - 1]!.startMs) widest = i;
  }
  const from = sorted[widest - 1]?.startMs;
  const to = sorted[widest]?.startMs;
  if (from === undefined || to === undefined || to - from < SUSPICIOUS_GAP_MS) return undefined;
  return `the widest gap between two rows is ${Math.round((to - from) / DAY_MS)} days, from ${formatInstantUtc(from)} to ${formatInstantUtc(to)}: is a date wrong?`;
}

/**
 * A schedule's coverage on another grid: the agents it has working (net of breaks) on average
 * over each interval `[start, start + intervalSeconds)`, weighting each coverage interval by
 * its overlap. The coverage is on a regular grid (as a schedule's is); intervals it does not
 * reach get 0.
 *
 * @param startsMs - starts of the wanted intervals, UTC epoch milliseconds, ascending
 * @example
 * // half-hour coverage onto hours: the mean of each pair
 * resampleCoverage(schedule.coverage, [Date.UTC(2025, 0, 6, 8)], 3600); // => [3.5] for 3 then 4 agents
 */
export function resampleCoverage(
  coverage: readonly CoveragePoint[],
  startsMs: readonly number[],
  intervalSeconds: number,
): number[] {
  const intervalMs = intervalSeconds * 1000;
  const first = coverage[0];
  if (first === undefined) return startsMs.map(() => 0);
  const step = coverage.length > 1 ? coverage[1]!.startMs - first.startMs : intervalMs;
  return startsMs.map((t) => {
    let sum = 0;
    // coverage points are on a regular grid: visit those overlapping [t, t + interval)
    const from = Math.max(0, Math.floor((t - first.startMs) / step) - 1);
    for (let i = from; i < coverage.length && coverage[i]!.startMs < t + intervalMs; i++) {
      const c = coverage[i]!;
      const overlap = Math.min(c.startMs + step, t + intervalMs) - Math.max(c.startMs, t);
      if (overlap > 0) sum += c.scheduled * overlap;
    }
    return sum / intervalMs;
  });
}
