/**
 * Closed and half-open ranges of input values, tested and put in words the same way
 * everywhere: flags, CSV cells, library arguments.
 *
 * @module
 */

/** A closed range [min, max] (or half-open when `maxExclusive` / `minExclusive`). */
export interface Range {
  readonly min: number;
  readonly max: number;
  readonly minExclusive?: boolean;
  readonly maxExclusive?: boolean;
}

/** Whether `value` is a finite number inside `range`. */
export function inRange(value: number, range: Range): boolean {
  if (!Number.isFinite(value)) return false;
  if (range.minExclusive === true ? value <= range.min : value < range.min) return false;
  return range.maxExclusive === true ? value < range.max : value <= range.max;
}

/** A bound for people: 10000000 as "1e7", others as they are. */
function show(v: number): string {
  return Math.abs(v) >= 1e6 ? v.toExponential().replace("e+", "e") : String(v);
}

/**
 * A range for people.
 *
 * @example
 * rangeText(STAFFING_LIMITS.calls); // => "from 0 to 1e7"
 * rangeText(STAFFING_LIMITS.serviceLevelFraction); // => "from 0.01 to below 1"
 */
export function rangeText(range: Range): string {
  const low = range.minExclusive === true ? `above ${show(range.min)}` : `from ${show(range.min)}`;
  const high =
    range.maxExclusive === true ? `to below ${show(range.max)}` : `to ${show(range.max)}`;
  return `${low} ${high}`;
}

/** A RangeError about one named input field (`calls`, `ahtSeconds`, ...). */
export class FieldRangeError extends RangeError {
  /** The field, as the library names it. */
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = "FieldRangeError";
    this.field = field;
  }
}

/**
 * Throws a {@link FieldRangeError} naming `name`, the value and the range when `value` is
 * outside `range`.
 *
 * @example
 * checkRange("ahtSeconds", 0.5, STAFFING_LIMITS.ahtSeconds); // throws "ahtSeconds must be a number from 1 to 86400, got 0.5"
 */
export function checkRange(name: string, value: number, range: Range): void {
  if (!inRange(value, range))
    throw new FieldRangeError(name, `${name} must be a number ${rangeText(range)}, got ${value}`);
}
