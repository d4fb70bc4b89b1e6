/**
 * The progress of a solve on a terminal: one line on stderr, "incumbent X, bound Y, gap Z %,
 * elapsed N s", redrawn in place (as the progress bar of src/cli/progress.ts) from a solver's
 * `onProgress`, and erased when the solve ends. Only on a terminal and never with --json.
 */
import type { SolveProgress } from "../schedule/index.ts";
import { gapOrUnknown } from "./solver-flags.ts";

/** A progress line of a solve; does nothing when disabled. */
export interface SolveProgressLine {
  /** Redraws the line (at most every {@link REDRAW_MS} ms): give it as `onProgress`. */
  update(progress: SolveProgress): void;
  /** Erases the line (call when the solve ends or fails). */
  clear(): void;
}

/** Least time between two redraws, ms: a solver may report thousands of times a second. */
export const REDRAW_MS = 100;

/** An objective or bound for people: six significant digits, "none" while unknown. */
function value(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(6))) : "none";
}

/**
 * A solve's progress line on `stream`, drawn only when `enabled` (a terminal, and not --json).
 *
 * @param now - the clock in ms (tests give a fake one)
 * @example
 * const line = solveProgressLine(streams.stderr, streams.stderr.isTTY === true && !flags.json);
 * await solver.solve(model, { ...limits, onProgress: line.update }); line.clear();
 */
export function solveProgressLine(
  stream: { write(chunk: string): unknown },
  enabled: boolean,
  now: () => number = () => performance.now(),
): SolveProgressLine {
  const started = now();
  let drawnAt = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    update(p) {
      if (!enabled) return;
      const t = now();
      if (t - drawnAt < REDRAW_MS) return;
      drawnAt = t;
      const seconds = ((t - started) / 1000).toFixed(1);
      stream.write(
        `\r\u001b[Kincumbent ${value(p.incumbent)}, bound ${value(p.bound)}, gap ${gapOrUnknown(p.gap)}, elapsed ${seconds} s`,
      );
      drawn = true;
    },
    clear() {
      if (enabled && drawn) stream.write("\r\u001b[K");
      drawn = false;
    },
  };
}
