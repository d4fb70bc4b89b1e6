/**
 * The progress line of a solve (`schedule`, `roster`): the incumbent, the bound, their gap, the
 * work done and the seconds since it started, on stderr, only on a terminal and never with
 * --json, redrawn in place and erased when the solve ends. The numbers are for people: the
 * result never depends on them.
 */
import type { SolveProgress } from "../schedule/index.ts";
import { gapOrUnknown } from "./solver-flags.ts";

/** A solve's progress line; `onProgress` is undefined when it is disabled. */
export interface SolveProgressLine {
  /** What to give `SolveOptions.onProgress` (undefined: nothing to report to). */
  readonly onProgress: ((progress: SolveProgress) => void) | undefined;
  /** Erases the line (call when the solve ends or fails). */
  clear(): void;
}

/** Least milliseconds between two redraws. */
const REDRAW_MS = 100;

/** A number for the line: up to 6 significant digits, "-" when unknown. */
function figure(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(6))) : "-";
}

/**
 * A progress line on `stream`, drawn only when `enabled` (a terminal, and not --json). A model
 * solved part by part reports each part from zero work: the line counts the parts and adds up
 * their work; the incumbent and bound are the current part's.
 *
 * @param label - what is solved, e.g. "schedule"
 * @param workLimit - the work limit, shown next to the work done
 * @example
 * const line = solveProgress(streams.stderr, streams.stderr.isTTY === true && !flags.json, "schedule", flags.workLimit);
 * await designShifts(points, spec, { onProgress: line.onProgress }); line.clear();
 */
export function solveProgress(
  stream: { write(chunk: string): unknown },
  enabled: boolean,
  label: string,
  workLimit?: number,
): SolveProgressLine {
  const started = performance.now();
  let drawn = false;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let part = 1;
  let before = 0;
  let last = 0;
  const onProgress = (p: SolveProgress): void => {
    if (p.work < last) {
      part++;
      before += last;
    }
    last = p.work;
    const now = performance.now();
    if (now - lastDraw < REDRAW_MS) return;
    lastDraw = now;
    const work = before + p.work;
    const limit = workLimit === undefined ? "" : ` of ${workLimit}`;
    const seconds = ((now - started) / 1000).toFixed(1);
    stream.write(
      `\r\u001b[K${label}${part > 1 ? ` (part ${part})` : ""}: incumbent ${figure(p.incumbent)}, ` +
        `bound ${figure(p.bound)}, gap ${gapOrUnknown(p.gap <= 1e-9 ? 0 : p.gap)}, work ${work}${limit}, ${seconds} s`,
    );
    drawn = true;
  };
  return {
    onProgress: enabled ? onProgress : undefined,
    clear() {
      if (drawn) stream.write("\r\u001b[K");
      drawn = false;
    },
  };
}
