/**
 * staffcast/actuals: what happened, as an ACD reports it, per queue and interval; the
 * canonical actuals CSV that `staffcast import` writes from vendor exports and `staffcast kpi`
 * reads.
 *
 * @example
 * import { readActualsCsv } from "staffcast/actuals";
 * const actuals = await readActualsCsv("actuals.csv");
 * actuals.rows[0]; // { startMs, queue, calls, offered, handled, abandoned, ... }
 *
 * @module
 */
export * from "./formats/index.ts";
export * from "./presets/index.ts";
