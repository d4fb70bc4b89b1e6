/**
 * What the adherence readers share: where `-` reads from, and reading a path or `-` with it.
 *
 * @module
 */
import { inputName, readText } from "../../io/files.ts";

/** Options of the adherence readers (`readXxx(path, options)`). */
export interface AdherenceReadOptions {
  /** Where the path `-` reads from (default: the process's stdin). */
  readonly stdin?: NodeJS.ReadableStream;
}

/**
 * The text of an input and its name in messages (`<stdin>` for `-`).
 *
 * @throws NoInputError when the file cannot be read; DataError when it is not UTF-8 text or
 * larger than 256 MiB
 */
export async function readInput(
  path: string,
  options: AdherenceReadOptions,
): Promise<{ text: string; file: string }> {
  const text = await readText(
    path,
    options.stdin === undefined ? undefined : { stdin: options.stdin },
  );
  return { text, file: inputName(path) };
}
