/**
 * Parsers for flag values. Each throws commander's InvalidArgumentError, which commander turns
 * into "error: option '--sl <fraction>' argument '1.5' is invalid. <reason>" and exit code 2.
 *
 * Every numeric flag has a range (the staffing ones are the engine's {@link STAFFING_LIMITS});
 * nothing outside it reaches an engine.
 */
import { InvalidArgumentError } from "commander";
import { inRange, rangeText, STAFFING_LIMITS, type Range } from "../erlang/limits.ts";
import { parseDuration } from "../time/duration.ts";

function number(text: string): number {
  const v = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text.trim())
    ? Number(text)
    : Number.NaN;
  if (!Number.isFinite(v)) throw new InvalidArgumentError("expected a number.");
  return v;
}

const percentHint = (v: number): string =>
  v >= 2 && v <= 100 ? ` Rates are fractions: ${v / 100} for ${v} %.` : "";

/**
 * A parser for numbers in `range` (whole numbers when `integer`); fractions get a hint when the
 * value looks like a percentage.
 *
 * @example
 * program.option("--calls <n>", "calls offered", inside(STAFFING_LIMITS.calls));
 */
export function inside(
  range: Range,
  options: { integer?: boolean; fraction?: boolean } = {},
): (text: string) => number {
  return (text) => {
    const v = number(text);
    if (options.integer === true && !Number.isInteger(v))
      throw new InvalidArgumentError(`must be a whole number ${rangeText(range)}.`);
    if (!inRange(v, range)) {
      const kind = options.integer === true ? "a whole number" : "a number";
      throw new InvalidArgumentError(
        `must be ${kind} ${rangeText(range)}.${options.fraction === true ? percentHint(v) : ""}`,
      );
    }
    return v;
  };
}

/** A whole number from 1 to `max`. */
export function atLeastOne(max: number): (text: string) => number {
  return inside({ min: 1, max }, { integer: true });
}

/** A whole number from 0 to `max`. */
export function count(max: number): (text: string) => number {
  return inside({ min: 0, max }, { integer: true });
}

/** Seconds from 0 to a day (thresholds, tolerances, lateness). */
export const secondsUpToADay = inside({ min: 0, max: 86_400 });

/** Seconds above 0, up to a day (alarm delays, time limits). */
export const positiveSecondsUpToADay = inside({ min: 0, max: 86_400, minExclusive: true });

/** A service-level target: a fraction from 0.01 to below 1. */
export const serviceLevelFraction = inside(STAFFING_LIMITS.serviceLevelFraction, {
  fraction: true,
});

/** A cap (occupancy, abandonment): a fraction from 0.01 to 1. */
export const capFraction = inside(STAFFING_LIMITS.capFraction, { fraction: true });

/** Shrinkage: a fraction from 0 to 0.99. */
export const shrinkageFraction = inside(STAFFING_LIMITS.shrinkage, { fraction: true });

/**
 * A duration: 15m, 30m, 1h, 900s or plain seconds; returns seconds (1 s to a day). A bare
 * number under 60 is refused: `--interval 30` almost always means 30 minutes, not seconds.
 */
export function duration(text: string): number {
  const v = parseDuration(text);
  if (typeof v === "string") throw new InvalidArgumentError(`${v}.`);
  if (/^\s*\d+(\.\d+)?\s*$/.test(text) && v < 60)
    throw new InvalidArgumentError(
      `a bare number is seconds, and ${text.trim()} s is less than a minute: did you mean ${text.trim()}m? (write ${text.trim()}s for seconds)`,
    );
  if (!inRange(v, STAFFING_LIMITS.intervalSeconds))
    throw new InvalidArgumentError("must be from 1 second to 1 day (86400 s).");
  return v;
}
