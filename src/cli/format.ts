/**
 * Rounding for people (never used for CSV/JSON, which stay unrounded) and terminal styling that
 * respects NO_COLOR, FORCE_COLOR, TERM=dumb and non-TTY streams.
 */
import { styleText } from "node:util";

type Style = Parameters<typeof styleText>[0];

/**
 * Whether text for `stream` gets colors: FORCE_COLOR (other than "0") forces them; otherwise
 * only a terminal, and not when NO_COLOR is set to a non-empty value (no-color.org) or TERM is
 * "dumb".
 */
export function colorsFor(
  stream: { isTTY?: boolean },
  env: Readonly<Record<string, string | undefined>> = process.env,
): boolean {
  const force = env["FORCE_COLOR"];
  if (force !== undefined && force !== "" && force !== "0") return true;
  if (stream.isTTY !== true) return false;
  const noColor = env["NO_COLOR"];
  if (noColor !== undefined && noColor !== "") return false;
  return env["TERM"] !== "dumb";
}

/** Styles text when {@link colorsFor} the stream; plain otherwise. */
export function style(
  format: Style,
  text: string,
  stream: { isTTY?: boolean },
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  if (!colorsFor(stream, env)) return text;
  return styleText(format, text, { validateStream: false });
}

/**
 * Control characters that would act on a terminal instead of being shown: C0 (but the line
 * feed), DEL, C1 (0x9B starts an escape sequence on some terminals) and the bidirectional
 * overrides that reorder what is displayed ("Trojan Source").
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text for people with every control character written out as an escape (`\u001b`), so that
 * names and values from the data (agent ids, queue names) can never drive the terminal. Line
 * feeds stay. Applied to everything printed for people; CSV and JSON outputs stay as they are.
 *
 * @example
 * forPeople("a\u001b[31mb"); // => "a\\u001b[31mb"
 */
export function forPeople(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Writes a warning for people to stderr: `warning: <text>`, the word in yellow on a terminal. */
export function warn(
  stderr: { write(chunk: string): unknown; isTTY?: boolean },
  text: string,
): void {
  stderr.write(`${style("yellow", "warning", stderr)}: ${forPeople(text)}\n`);
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

/**
 * Left-aligned text columns padded to the widest cell (numbers right-aligned); cells pass
 * through {@link forPeople}, and line feeds in them are escaped too.
 */
export function table(
  rawRows: readonly (readonly string[])[],
  rightAligned: readonly boolean[],
): string {
  const rows = rawRows.map((row) => row.map((cell) => forPeople(cell).replaceAll("\n", "\\n")));
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
