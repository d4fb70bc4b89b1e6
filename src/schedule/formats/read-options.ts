/**
 * What every file reader of the schedule engine takes: where `-` reads from.
 *
 * @module
 */
import type { Streams } from "../../io/files.ts";

/** Options shared by the `read...` functions of staffcast/schedule. */
export interface ScheduleReadOptions {
  /** Where the path `-` reads from (default: the process's stdin). */
  readonly stdin?: NodeJS.ReadableStream;
}

/** The streams argument of `readText` for these options. */
export function stdinOf(options: ScheduleReadOptions): Pick<Streams, "stdin"> | undefined {
  return options.stdin === undefined ? undefined : { stdin: options.stdin };
}
