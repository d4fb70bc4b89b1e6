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
  | { readonly ok: true; readonly spacingMs: number }
  | {
      readonly ok: false;
      readonly reason: "single" | "duplicate" | "irregular";
      readonly at?: number;
    };

/**
 * The interval length of a series of start instants: the smallest gap between consecutive
 * distinct starts, provided every gap is a whole multiple of it (gaps are closed hours).
 *
 * @param startsMs - start instants in any order (epoch ms)
 * @example
 * inferSpacing([0, 900_000, 3_600_000]); // => { ok: true, spacingMs: 900000 }
 */
export function inferSpacing(startsMs: readonly number[]): SpacingResult {
  if (startsMs.length < 2) return { ok: false, reason: "single" };
  const sorted = Float64Array.from(startsMs).sort();
  let min = Number.POSITIVE_INFINITY;
  for (let i = 1; i < sorted.length; i++) {
    const gap = sorted[i]! - sorted[i - 1]!;
    if (gap === 0) return { ok: false, reason: "duplicate", at: sorted[i]! };
    if (gap < min) min = gap;
  }
  for (let i = 1; i < sorted.length; i++) {
    const gap = sorted[i]! - sorted[i - 1]!;
    if (gap % min !== 0) return { ok: false, reason: "irregular", at: sorted[i]! };
  }
  return { ok: true, spacingMs: min };
}
