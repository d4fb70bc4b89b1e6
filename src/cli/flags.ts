/**
 * Parsers for flag values. Each throws commander's InvalidArgumentError, which commander turns
 * into "error: option '--sl <fraction>' argument '1.5' is invalid. <reason>" and exit code 2.
 */
import { InvalidArgumentError } from "commander";
import { parseDuration } from "../time/duration.ts";

function number(text: string): number {
  const v = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text.trim())
    ? Number(text)
    : Number.NaN;
  if (!Number.isFinite(v)) throw new InvalidArgumentError("expected a number.");
  return v;
}

/** A number >= 0. */
export function nonNegative(text: string): number {
  const v = number(text);
  if (v < 0) throw new InvalidArgumentError("must be >= 0.");
  return v;
}

/** A number > 0. */
export function positive(text: string): number {
  const v = number(text);
  if (v <= 0) throw new InvalidArgumentError("must be > 0.");
  return v;
}

/** An integer >= 1. */
export function atLeastOne(text: string): number {
  const v = number(text);
  if (!Number.isInteger(v) || v < 1) throw new InvalidArgumentError("must be a whole number >= 1.");
  return v;
}

/** An integer >= 0. */
export function count(text: string): number {
  const v = number(text);
  if (!Number.isInteger(v) || v < 0) throw new InvalidArgumentError("must be a whole number >= 0.");
  return v;
}

const percentHint = (v: number): string =>
  v >= 2 && v <= 100 ? ` Rates are fractions: ${v / 100} for ${v} %.` : "";

/** A fraction strictly between 0 and 1 (a service-level target). */
export function openFraction(text: string): number {
  const v = number(text);
  if (!(v > 0 && v < 1))
    throw new InvalidArgumentError(`must be a fraction in (0, 1).${percentHint(v)}`);
  return v;
}

/** A fraction in (0, 1] (a cap: occupancy, abandonment). */
export function capFraction(text: string): number {
  const v = number(text);
  if (!(v > 0 && v <= 1))
    throw new InvalidArgumentError(`must be a fraction in (0, 1].${percentHint(v)}`);
  return v;
}

/** A fraction in [0, 1) (shrinkage). */
export function shrinkageFraction(text: string): number {
  const v = number(text);
  if (!(v >= 0 && v < 1))
    throw new InvalidArgumentError(`must be a fraction in [0, 1).${percentHint(v)}`);
  return v;
}

/** A duration: 15m, 30m, 1h, 900s or plain seconds; returns seconds. */
export function duration(text: string): number {
  const v = parseDuration(text);
  if (typeof v === "string") throw new InvalidArgumentError(`${v}.`);
  return v;
}
