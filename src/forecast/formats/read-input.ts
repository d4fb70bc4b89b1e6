/**
 * What the forecast engine's readers share beyond io/read-input.ts: the name of their options
 * and the check of names that go into CSV outputs.
 *
 * @module
 */
import { identifierProblem } from "../../io/identifiers.ts";
import type { BadCell, ReadOptions } from "../../io/read-input.ts";

/** Options of the forecast engine's readers (`readHistoryCsv(path, options)`, ...). */
export type ForecastReadOptions = ReadOptions;

/** Reports a name that must not go into a CSV output as it is (see identifiers.ts). */
export function checkName(name: string, column: number, field: string, bad: BadCell): void {
  const problem = identifierProblem(name);
  if (problem !== undefined) bad(column, field, problem);
}
