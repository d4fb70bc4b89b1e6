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

import { INTERVAL_LIMITS } from "../io/interval-table.ts";
import type { Range } from "../math/range.ts";

export { checkRange, FieldRangeError, inRange, rangeText, type Range } from "../math/range.ts";

/** The ranges of the staffing inputs (see the module's table). */
export const STAFFING_LIMITS = {
  calls: INTERVAL_LIMITS.calls,
  loadErlangs: { min: 0, max: 10_000 },
  intervalSeconds: { min: 1, max: 86_400 },
  ahtSeconds: INTERVAL_LIMITS.ahtSeconds,
  patienceSeconds: { min: 1, max: 1e7 },
  serviceLevelFraction: { min: 0.01, max: 1, maxExclusive: true },
  capFraction: { min: 0.01, max: 1 },
  slSeconds: { min: 0, max: 86_400 },
  asaSeconds: { min: 0, max: 86_400, minExclusive: true },
  shrinkage: INTERVAL_LIMITS.shrinkage,
  agents: { min: 0, max: 100_000 },
} as const satisfies Record<string, Range>;
