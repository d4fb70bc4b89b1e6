/**
 * Names that staffcast copies into its CSV outputs (queue names, agent ids, channels, skills,
 * activities) must not be formulas. A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return is run as a formula when an analyst opens the file in a spreadsheet program (CSV
 * injection, OWASP): `=HYPERLINK("http://...")` becomes a live link, `=cmd|' /C calc'!A0` a
 * command. Such names are refused where they are read, so that every output file stays safe to
 * open and still reads back unchanged (writers do not alter cells). Dialled numbers stay valid:
 * `+` or `-` followed only by digits, spaces and dashes (`+86 400 800 1234`).
 *
 * @module
 */

/** The longest name accepted, characters. */
export const MAX_IDENTIFIER_LENGTH = 200;

const FORMULA_START = /^[=@\t\r\n]/;
const SIGNED = /^[+-]/;
const DIALLED = /^[+-][\d -]*$/;

/**
 * What is wrong with a name, or undefined when it is fine.
 *
 * @example
 * identifierProblem("orders"); // => undefined
 * identifierProblem("+86 400 800 1234"); // => undefined
 * identifierProblem('=HYPERLINK("http://x")'); // => 'starts with "=", which spreadsheet programs run as a formula: ...'
 */
export function identifierProblem(name: string): string | undefined {
  if (name.length > MAX_IDENTIFIER_LENGTH)
    return `longer than ${MAX_IDENTIFIER_LENGTH} characters (${name.length})`;
  if (FORMULA_START.test(name) || (SIGNED.test(name) && !DIALLED.test(name))) {
    const first = JSON.stringify(name[0]);
    return (
      `starts with ${first}, which spreadsheet programs run as a formula: rename it (names may ` +
      "not start with =, @, +, -, a tab or a line break, except dialled numbers such as +86 400 800 1234)"
    );
  }
  return undefined;
}
