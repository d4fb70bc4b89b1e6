/**
 * Durations and interval grids.
 *
 * @module
 */

const DURATION = /^(\d+(?:\.\d+)?)\s*(s|sec|m|min|h)?$/;

/**
 * Parses a duration: `15m`, `30m`, `1h`, `900s`, or plain seconds (`900`).
 *
 * @returns seconds (> 0), or a message saying what is wrong
 * @example
 * parseDuration("15m"); // => 900
 * parseDuration("1h"); // => 3600
 */
export function parseDuration(text: string): number | string {
  const m = DURATION.exec(text.trim());
  if (m === null) return "expected a duration such as 15m, 30m, 1h, 900s or 900 (seconds)";
  const value = Number(m[1]);
  const unit = m[2] ?? "s";
  const seconds = unit.startsWith("h") ? value * 3600 : unit.startsWith("m") ? value * 60 : value;
  if (!(seconds > 0)) return "must be longer than 0 seconds";
  return seconds;
}

/** Outcome of {@link inferSpacing}. */
export type SpacingResult =
  | {
      readonly ok: true;
      readonly spacingMs: number;
      /** Starts off the grid (another phase), sorted; empty when every start is on it. */
      readonly offGrid: readonly number[];
    }
  | {
      readonly ok: false;
      readonly reason: "single" | "duplicate";
      readonly at?: number;
    };

/** The most frequent value (ties: the smallest). */
function mode(values: Iterable<number>): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = Number.NaN;
  let most = 0;
  for (const [v, n] of counts) {
    if (n > most || (n === most && v < best)) {
      best = v;
      most = n;
    }
  }
  return best;
}

/**
 * The interval grid of a series of start instants: its spacing is the most common gap between
 * consecutive starts (ties: the smaller), its phase the most common position of the starts on
 * that spacing; starts at another position are off the grid. One stray row (12:00:01 among
 * quarter hours) is then reported instead of turning every row into a one-second interval.
 * Gaps that are multiples of the spacing are closed hours.
 *
 * @param startsMs - start instants in any order (epoch ms)
 * @example
 * inferSpacing([0, 900_000, 3_600_000]); // => { ok: true, spacingMs: 900000, offGrid: [] }
 * inferSpacing([0, 900_000, 1_800_000, 1_801_000]).offGrid; // => [1801000]
 */
export function inferSpacing(startsMs: readonly number[]): SpacingResult {
  if (startsMs.length < 2) return { ok: false, reason: "single" };
  const sorted = Float64Array.from(startsMs).sort();
  const gaps: number[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const gap = sorted[i]! - sorted[i - 1]!;
    if (gap === 0) return { ok: false, reason: "duplicate", at: sorted[i]! };
    gaps.push(gap);
  }
  const spacingMs = mode(gaps);
  const phaseOf = (t: number): number => ((t % spacingMs) + spacingMs) % spacingMs;
  const phase = mode(Array.from(sorted, phaseOf));
  const offGrid: number[] = [];
  for (const t of sorted) if (phaseOf(t) !== phase) offGrid.push(t);
  return { ok: true, spacingMs, offGrid };
}
