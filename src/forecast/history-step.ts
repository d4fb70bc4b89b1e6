/**
 * The history's interval length, inferred from its start times when not given, and the checks
 * that the output interval and the start fit it.
 *
 * @module
 */
import { DataError } from "../io/errors.ts";
import { minOf } from "../math/extent.ts";
import { inferSpacing } from "../time/duration.ts";
import { formatInstantUtc } from "../time/instant.ts";
import type { Zone } from "../time/zone.ts";

/** Minutes in a day: every interval must divide it. */
const DAY_MINUTES = 1440;

/**
 * Interval length from start times, minutes: the most common gap between consecutive starts
 * (ties: the smaller; see inferSpacing). Rows off that grid are reported when the history is
 * placed on it. Undefined with fewer than two distinct starts.
 */
function spacingMinutes(starts: readonly number[]): number | undefined {
  const s = inferSpacing([...new Set(starts)]);
  return s.ok ? s.spacingMs / 60_000 : undefined;
}

/**
 * The history interval, minutes: the smallest spacing of the queues' rows before `cutoffMs`,
 * which must be the same for every queue that has one.
 *
 * @param starts - per queue (in `queues` order), its rows' start instants, epoch ms
 * @throws DataError when no queue has two rows before the cutoff, or queues differ
 */
export function inferStepMinutes(
  queues: readonly string[],
  starts: readonly (readonly number[])[],
  startMs: number,
  cutoffMs: number,
): number {
  const spacings = starts.map((list) => spacingMinutes(list.filter((t) => t < cutoffMs)));
  const known = spacings.filter((s): s is number => s !== undefined);
  if (known.length === 0) {
    const first = minOf(starts.flat(), (t) => t);
    throw new DataError([
      {
        message:
          first >= cutoffMs
            ? `the forecast starts at ${formatInstantUtc(startMs)}, before the history's first row (${formatInstantUtc(first)}): it needs history before its start`
            : "cannot infer the history's interval length: every queue needs at least two rows before the forecast's start",
      },
    ]);
  }
  const step = minOf(known, (v) => v);
  const other = spacings.findIndex((sp) => sp !== undefined && sp !== step);
  if (other >= 0) {
    const first = spacings.indexOf(step);
    throw new DataError([
      {
        message: `queues have different interval lengths: "${queues[first]!}" ${step} minutes, "${queues[other]!}" ${spacings[other]!} minutes (give every queue the same interval)`,
      },
    ]);
  }
  return step;
}

/**
 * Checks that the history interval divides a day, that the output interval is a multiple of it
 * dividing a day, and that the start lies on the output grid of local time.
 *
 * @returns the output interval, minutes
 * @throws RangeError naming what does not fit
 */
export function checkGrid(
  stepMinutes: number,
  outputMinutes: number | undefined,
  startMs: number,
  zone: Zone,
): number {
  const step = stepMinutes;
  if (!(step > 0) || DAY_MINUTES % step !== 0 || !Number.isInteger(step)) {
    throw new RangeError(`the history interval (${step} min) must be whole minutes dividing a day`);
  }
  const output = outputMinutes ?? step;
  if (output % step !== 0 || DAY_MINUTES % output !== 0) {
    throw new RangeError(
      `the output interval (${output} min) must be a multiple of the history interval (${step} min) dividing a day`,
    );
  }
  if (zone.clockMinutes(startMs) % output !== 0) {
    throw new RangeError(`start is not on the ${output}-minute grid of local time in ${zone.name}`);
  }
  return output;
}
