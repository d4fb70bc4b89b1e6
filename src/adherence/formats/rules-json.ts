/**
 * The adherence rules file: JSON `{ activities, states, workingStates, rules }` (see
 * `parseRules` for the fields and the lookup).
 *
 * @module
 */
import { inFile } from "../../io/errors.ts";
import { parseJsonText } from "../../io/json.ts";
import { parseRules, type AdherenceRules } from "../rules.ts";
import { readInput } from "../../io/read-input.ts";
import type { AdherenceReadOptions } from "./read-input.ts";

/** A rules file read and compiled. */
export interface RulesRead {
  /** The input's name in messages. */
  readonly file: string;
  /** The rules, with the defaults, ready for lookups. */
  readonly rules: AdherenceRules;
  /** Things worth telling the user that did not stop the read. */
  readonly warnings: readonly string[];
}

/**
 * Parses and compiles a rules file.
 *
 * @param file - the name used in messages (default `<input>`)
 * @throws DataError naming the file and the line and column of a JSON syntax error, or the file
 * and each bad field (e.g. `rules[2].adherence`), or rules that contradict each other
 * @example
 * const { rules } = parseRulesJson('{"activities":{"phone":"onQueue"}}', "rules.json");
 * rules.classify("phone", "onCall"); // => "in"
 */
export function parseRulesJson(text: string, file = "<input>"): RulesRead {
  const raw = parseJsonText(text, file);
  return { file, rules: inFile(file, () => parseRules(raw)), warnings: [] };
}

/**
 * Reads a rules file from a path (`-`: stdin); see {@link parseRulesJson}.
 *
 * @throws NoInputError when the file cannot be read; DataError for bad content
 * @example
 * const { rules } = await readRulesJson("rules.json");
 * computeAdherence(schedule.rows, events.rows, { rules });
 */
export async function readRulesJson(
  path: string,
  options: AdherenceReadOptions = {},
): Promise<RulesRead> {
  const { text, file } = await readInput(path, options);
  return parseRulesJson(text, file);
}
