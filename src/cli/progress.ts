/**
 * The one progress bar of the CLI: on stderr, only on a terminal and never with --json, redrawn
 * in place with a carriage return and erased when the work ends.
 */

/** A progress line on a terminal stream; does nothing when disabled. */
export interface ProgressBar {
  /** Redraws the bar: `done` of `total` steps, then `label` and the seconds since it started. */
  update(done: number, total: number, label: string): void;
  /** Erases the bar's line (call when the work ends or fails). */
  clear(): void;
}

const WIDTH = 24;

/**
 * A progress bar on `stream`, drawn only when `enabled` (a terminal, and not --json).
 *
 * @example
 * const bar = progressBar(streams.stderr, streams.stderr.isTTY === true && !flags.json);
 * bar.update(1, 4, "forecast"); ... bar.clear();
 */
export function progressBar(
  stream: { write(chunk: string): unknown },
  enabled: boolean,
): ProgressBar {
  const started = performance.now();
  let drawn = false;
  return {
    update(done, total, label) {
      if (!enabled) return;
      const filled = total > 0 ? Math.round((WIDTH * Math.min(done, total)) / total) : 0;
      const bar = `${"#".repeat(filled)}${".".repeat(WIDTH - filled)}`;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      stream.write(`\r\u001b[K[${bar}] ${done}/${total} ${label} ${seconds} s`);
      drawn = true;
    },
    clear() {
      if (enabled && drawn) stream.write("\r\u001b[K");
      drawn = false;
    },
  };
}
