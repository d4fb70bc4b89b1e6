/**
 * The options of the adherence readers (`readXxx(path, options)`).
 *
 * @module
 */
import type { ReadOptions } from "../../io/read-input.ts";

/** Options of the adherence readers: where `-` reads from. */
export type AdherenceReadOptions = ReadOptions;
