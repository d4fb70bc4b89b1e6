/**
 * Local clock times of day written `HH:MM` (24-hour clock), as the shift file and the
 * availability CSV give them.
 *
 * @module
 */

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Options of {@link parseClockTime}. */
export interface ClockTimeOptions {
  /**
   * Accept `24:00`, the end of the day (1440 minutes): the end of a window that lasts until
   * midnight. Default false: a start is at most `23:59`.
   */
  readonly allowEndOfDay?: boolean;
}

/**
 * Minutes since local midnight of a clock time `HH:MM` (`00:00` to `23:59`, and `24:00` when
 * `allowEndOfDay`), or a message saying what is wrong.
 *
 * @example
 * parseClockTime("08:30"); // => 510
 * parseClockTime("24:00"); // => "expected a time HH:MM"
 * parseClockTime("24:00", { allowEndOfDay: true }); // => 1440
 */
export function parseClockTime(text: string, options: ClockTimeOptions = {}): number | string {
  if (options.allowEndOfDay === true && text === "24:00") return 1440;
  const m = HH_MM.exec(text);
  if (m === null) return "expected a time HH:MM";
  return Number(m[1]) * 60 + Number(m[2]);
}
