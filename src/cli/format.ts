/**
 * Rounding for people (never used for CSV/JSON, which stay unrounded) and terminal styling that
 * respects NO_COLOR, FORCE_COLOR and non-TTY streams (util.styleText does all three).
 */
import { styleText } from "node:util";

type Style = Parameters<typeof styleText>[0];

/** Styles text when the stream is a colour terminal; plain otherwise. */
export function style(format: Style, text: string, stream: { isTTY?: boolean }): string {
  if (stream.isTTY !== true) return text;
  return styleText(format, text);
}

/** A rate as a percentage for people: 0.88835 -> "88.8 %". */
export function pct(v: number, digits = 1): string {
  return `${(100 * v).toFixed(digits)} %`;
}

/** Seconds for people: "7.8 s", "unstable" for infinity. */
export function secs(v: number): string {
  if (!Number.isFinite(v)) return "unstable";
  return v >= 100 ? `${v.toFixed(0)} s` : `${v.toFixed(1)} s`;
}

/** A duration in seconds as people write it: 1800 -> "30 min", 3600 -> "1 h". */
export function span(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

/** Left-aligned text columns padded to the widest cell (numbers right-aligned). */
export function table(
  rows: readonly (readonly string[])[],
  rightAligned: readonly boolean[],
): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) =>
          rightAligned[i] === true ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!),
        )
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
