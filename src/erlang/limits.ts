/**
 * The sane ranges of staffing inputs. Everything staffcast staffs, evaluates or simulates lies
 * inside them, and the engine is tested across them; values outside are refused with a message
 * naming the field and the range, never computed (far outside, a staffing walk would step a
 * double past 2^53 and never end).
 *
 * | input                                   | range              |
 * | --------------------------------------- | ------------------ |
 * | calls offered per interval              | 0 .. 1e7           |
 * | offered load per interval (Erlangs)     | 0 .. 10,000        |
 * | interval length                         | 1 s .. 86,400 s    |
 * | average handle time (AHT)               | 1 s .. 86,400 s    |
 * | mean patience                           | 1 s .. 1e7 s       |
 * | service-level target (fraction)         | 0.01 .. < 1        |
 * | occupancy and abandonment caps          | 0.01 .. 1          |
 * | T of the service level                  | 0 s .. 86,400 s    |
 * | ASA target                              | > 0 .. 86,400 s    |
 * | shrinkage                               | 0 .. 0.99          |
 * | agents (given, or a floor)              | 0 .. 100,000       |
 *
 * The load range is the one the Erlang engine's accuracy is tested on (10,000 Erlangs, about
 * 10,100 agents at 80/20); the calls and AHT ranges cover any inbound queue.
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

/** The ranges of the staffing inputs (see the module's table). */
export const STAFFING_LIMITS = {
  calls: { min: 0, max: 1e7 },
  loadErlangs: { min: 0, max: 10_000 },
  intervalSeconds: { min: 1, max: 86_400 },
  ahtSeconds: { min: 1, max: 86_400 },
  patienceSeconds: { min: 1, max: 1e7 },
  serviceLevelFraction: { min: 0.01, max: 1, maxExclusive: true },
  capFraction: { min: 0.01, max: 1 },
  slSeconds: { min: 0, max: 86_400 },
  asaSeconds: { min: 0, max: 86_400, minExclusive: true },
  shrinkage: { min: 0, max: 0.99 },
  agents: { min: 0, max: 100_000 },
} as const satisfies Record<string, Range>;

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
