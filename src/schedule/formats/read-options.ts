/**
 * What every file reader of the schedule engine takes: where `-` reads from.
 *
 * @module
 */
import type { ReadOptions } from "../../io/read-input.ts";

/** Options shared by the `read...` functions of staffcast/schedule. */
export type ScheduleReadOptions = ReadOptions;
