/**
 * The shift file (JSON): interval, time zone, coverage policy and shift templates with
 * breaks. Durations carry their unit in the name (`intervalMinutes`, `startStepMinutes`,
 * `lengthMinutes`, `breaks[].durationMinutes`, `earliestAfterStartMinutes`,
 * `latestBeforeEndMinutes`); the old names without the unit are still read, with one warning.
 *
 * @module
 */
import { inFile } from "../../io/errors.ts";
import { parseJsonText } from "../../io/json.ts";
import { validateShiftSpec, type ShiftSpec } from "../spec.ts";
import { readInput } from "../../io/read-input.ts";
import type { ScheduleReadOptions } from "./read-options.ts";

/** Options of {@link parseShiftFile}. */
export interface ShiftFileOptions extends ScheduleReadOptions {
  /**
   * The interval to check multiples against when the file gives none (the requirements'
   * spacing), minutes.
   */
  readonly intervalMinutes?: number;
}

/** A shift file read. */
export interface ShiftFileRead {
  /** The input's name in messages. */
  readonly file: string;
  /** The file's JSON as given (what `staffcast schedule` copies into its output). */
  readonly raw: unknown;
  /** The validated shift file. */
  readonly spec: ShiftSpec;
  /** Old field names it used, in words, with the file named (at most one warning). */
  readonly warnings: readonly string[];
}

/**
 * Parses a shift file.
 *
 * @param file - the name used in messages (default `<input>`)
 * @throws DataError naming the file and the field of every problem (`shifts[0].lengthMinutes:
 *   ...`), or the line and column of a JSON syntax error
 * @example
 * const { spec, warnings } = parseShiftFile('{"intervalMinutes":30,"shifts":[{"name":"day","startEarliest":"08:00","startLatest":"09:00","lengthMinutes":480}]}', "shifts.json");
 */
export function parseShiftFile(
  text: string,
  file = "<input>",
  options: ShiftFileOptions = {},
): ShiftFileRead {
  const raw = parseJsonText(text, file);
  const { spec, warnings } = inFile(file, () => validateShiftSpec(raw, options.intervalMinutes));
  return { file, raw, spec, warnings: warnings.map((w) => `${file}: ${w}`) };
}

/**
 * Reads a shift file (a path, or `-` for stdin); see {@link parseShiftFile}.
 *
 * @throws NoInputError when the file cannot be read; DataError for bad content
 * @example
 * const { spec, warnings } = await readShiftFile("shifts.json");
 */
export async function readShiftFile(
  path: string,
  options: ShiftFileOptions = {},
): Promise<ShiftFileRead> {
  const { text, file } = await readInput(path, options);
  return parseShiftFile(text, file, options);
}
