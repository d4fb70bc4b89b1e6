/**
 * JSON inputs: parsed with a located error (`file:line:column: not valid JSON: ...`) that never
 * echoes the file's content (a configuration can name any file the user can read; an error
 * must not print its first line), and a UTF-8 byte-order mark accepted, as Notepad writes one.
 *
 * @module
 */
import { DataError } from "./errors.ts";
import { readText, type Streams, inputName } from "./files.ts";

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * Where the first JSON syntax error in `text` is, and what it is, by a small iterative scanner
 * (no recursion: any nesting depth). Only called once JSON.parse has failed.
 *
 * @returns the 0-based offset and a description, or null when the text is valid JSON
 */
export function jsonSyntaxError(text: string): { offset: number; message: string } | null {
  let i = 0;
  const n = text.length;
  const stack: number[] = []; // 123 "{" or 91 "["
  const fail = (message: string, at = i): { offset: number; message: string } => ({
    offset: Math.min(at, n),
    message: at >= n ? "the JSON ends too early" : message,
  });
  const skip = (): void => {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
  };
  const scanString = (): string | null => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return null;
      }
      if (c < 32) return "a control character inside a string (escape it)";
      if (c === 92) {
        const e = text.charCodeAt(i + 1);
        if (e === 117) {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return "a bad \\u escape";
          i += 6;
        } else if ([34, 92, 47, 98, 102, 110, 114, 116].includes(e)) i += 2;
        else return "a bad escape in a string";
      } else i++;
    }
    return "a string that is never closed";
  };
  const scanNumber = (): boolean => {
    if (text.charCodeAt(i) === 45) i++;
    if (text.charCodeAt(i) === 48) i++;
    else if (isDigit(text.charCodeAt(i))) while (isDigit(text.charCodeAt(i))) i++;
    else return false;
    if (text.charCodeAt(i) === 46) {
      i++;
      if (!isDigit(text.charCodeAt(i))) return false;
      while (isDigit(text.charCodeAt(i))) i++;
    }
    const e = text.charCodeAt(i);
    if (e === 101 || e === 69) {
      i++;
      const s = text.charCodeAt(i);
      if (s === 43 || s === 45) i++;
      if (!isDigit(text.charCodeAt(i))) return false;
      while (isDigit(text.charCodeAt(i))) i++;
    }
    return true;
  };
  /** A property name and its colon; what is wrong, or null. */
  const scanKey = (): string | null => {
    if (text.charCodeAt(i) !== 34) return "expected a property name in double quotes";
    const bad = scanString();
    if (bad !== null) return bad;
    skip();
    if (text.charCodeAt(i) !== 58) return 'expected ":" after a property name';
    i++;
    return null;
  };
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  // expect: a value; after a value: a separator or the end of its container
  let expectValue = true;
  for (;;) {
    skip();
    if (expectValue) {
      const c = text.charCodeAt(i);
      if (c === 123 || c === 91) {
        stack.push(c);
        i++;
        skip();
        const close = c === 123 ? 125 : 93;
        if (text.charCodeAt(i) === close) {
          stack.pop();
          i++;
          expectValue = false;
          continue;
        }
        if (c === 123) {
          const bad = scanKey();
          if (bad !== null) return fail(bad);
        }
        continue;
      }
      if (c === 34) {
        const bad = scanString();
        if (bad !== null) return fail(bad);
      } else if (c === 45 || isDigit(c)) {
        if (!scanNumber()) return fail("a malformed number");
      } else if (text.startsWith("true", i)) i += 4;
      else if (text.startsWith("false", i)) i += 5;
      else if (text.startsWith("null", i)) i += 4;
      else return fail("expected a value (a string, number, object, array, true, false or null)");
      expectValue = false;
      continue;
    }
    const top = stack[stack.length - 1];
    if (top === undefined) return i >= n ? null : fail("unexpected text after the JSON value");
    const c = text.charCodeAt(i);
    const close = top === 123 ? 125 : 93;
    if (c === close) {
      stack.pop();
      i++;
      continue;
    }
    if (c !== 44) return fail(`expected "," or "${top === 123 ? "}" : "]"}"`);
    i++;
    skip();
    if (top === 123) {
      const bad = scanKey();
      if (bad !== null) return fail(bad);
    }
    expectValue = true;
  }
}

/** 1-based line and column of a 0-based offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let k = text.indexOf("\n"); k >= 0 && k < offset; k = text.indexOf("\n", k + 1)) {
    line++;
    start = k + 1;
  }
  return { line, column: offset - start + 1 };
}

/**
 * Parses JSON text of `file` (a byte-order mark allowed).
 *
 * @throws DataError naming the file, line and column of a syntax error, without its content
 * @example
 * parseJsonText('{"a": 1,}', "c.json"); // throws 'c.json:1:9: not valid JSON: expected a property name in double quotes'
 */
export function parseJsonText(text: string, file: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch {
    const found = jsonSyntaxError(body) ?? { offset: 0, message: "not accepted by JSON.parse" };
    const { line, column } = lineColumn(body, found.offset);
    throw new DataError([{ file, line, column, message: `not valid JSON: ${found.message}` }]);
  }
}

/**
 * Reads and parses a JSON input (a path, or `-` for stdin).
 *
 * @throws NoInputError (exit 2) when it cannot be read; DataError (exit 65) when it is not JSON
 */
export async function readJson(
  path: string,
  streams: Pick<Streams, "stdin"> = { stdin: process.stdin },
): Promise<unknown> {
  return parseJsonText(await readText(path, streams), inputName(path));
}
