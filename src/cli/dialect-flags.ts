/**
 * The flags that say how a command's CSV inputs differ from staffcast's own format:
 * `--delimiter`, `--columns`, `--local-times`, `--time-format`, `--decimal-comma`. On a command
 * that reads several CSVs a value may name its input (`--columns history:start=Interval`,
 * `--delimiter "ads:;"`, `--local-times history,ads`); unprefixed it applies to the command's
 * primary input.
 */
import type { Command } from "commander";
import { UsageError } from "../io/errors.ts";
import { DELIMITERS, type CsvDialect, type Delimiter } from "../io/dialect.ts";
import type { ReadOptions } from "../io/read-input.ts";

/** The dialect flags as commander collects them. */
export interface DialectFlags {
  delimiter?: string[];
  columns?: string[];
  localTimes?: boolean | string;
  timeFormat?: string[];
  decimalComma?: boolean | string;
}

const collect = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  value,
];

/** Adds the dialect flags to `command`, whose CSV inputs are `inputs` (the primary first). */
export function addDialectFlags(command: Command, inputs: readonly string[]): Command {
  const which = inputs.length > 1 ? ` (prefix with an input: ${inputs.join(", ")})` : "";
  return command
    .option(
      "--delimiter <d>",
      `field delimiter of the CSV: , ; tab | (default: detected from the header)${which}`,
      collect,
    )
    .option(
      "--columns <map>",
      `staffcast column = the file's header, e.g. start=Interval,calls=Offered${which}`,
      collect,
    )
    .option(
      "--local-times [inputs]",
      "times without an offset are clock times in --tz (daylight saving: a skipped time is an error, a repeated one is read in order)",
    )
    .option(
      "--time-format <pattern>",
      `date-fns pattern of the times, e.g. "M/d/yyyy h:mm a"${which}`,
      collect,
    )
    .option("--decimal-comma [inputs]", "numbers are written with a decimal comma (4,5)");
}

/** Splits `input:value` when `input` names one of `inputs`; else the value is the primary's. */
function target(value: string, inputs: readonly string[]): [string, string] {
  const colon = value.indexOf(":");
  if (colon > 0 && inputs.includes(value.slice(0, colon)))
    return [value.slice(0, colon), value.slice(colon + 1)];
  return [inputs[0]!, value];
}

function delimiterOf(text: string): Delimiter {
  const d = text === "tab" || text === "\\t" ? "\t" : text;
  if (!(DELIMITERS as readonly string[]).includes(d))
    throw new UsageError(`--delimiter: expected , ; tab or |, got "${text}"`);
  return d as Delimiter;
}

function columnsOf(text: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const pair of text.split(",")) {
    const eq = pair.indexOf("=");
    if (eq <= 0 || eq === pair.length - 1)
      throw new UsageError(
        `--columns: expected name=header pairs such as start=Interval,calls=Offered, got "${pair}"`,
      );
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return out;
}

/** Whether a boolean-or-list flag applies to `input` (true: the primary input). */
function appliesTo(flag: boolean | string | undefined, input: string, inputs: readonly string[]) {
  if (flag === undefined || flag === false) return false;
  if (flag === true) return input === inputs[0];
  const names = flag.split(",").map((s) => s.trim());
  for (const n of names)
    if (!inputs.includes(n))
      throw new UsageError(`expected input names (${inputs.join(", ")}), got "${n}"`);
  return names.includes(input);
}

/**
 * The dialect of input `input` of a command whose inputs are `inputs` (primary first), with
 * local times in `timeZone`; undefined when the flags say nothing about it.
 *
 * @throws UsageError for a malformed value (exit 2)
 */
export function dialectFor(
  flags: DialectFlags,
  input: string,
  inputs: readonly string[],
  timeZone: string,
): CsvDialect | undefined {
  let delimiter: Delimiter | undefined;
  let columns: Record<string, string> | undefined;
  let timeFormat: string | undefined;
  for (const v of flags.delimiter ?? []) {
    const [to, text] = target(v, inputs);
    if (to === input) delimiter = delimiterOf(text);
  }
  for (const v of flags.columns ?? []) {
    const [to, text] = target(v, inputs);
    if (to === input) columns = { ...columns, ...columnsOf(text) };
  }
  for (const v of flags.timeFormat ?? []) {
    const [to, text] = target(v, inputs);
    if (to === input) timeFormat = text;
  }
  const localTimes = appliesTo(flags.localTimes, input, inputs);
  const decimalComma = appliesTo(flags.decimalComma, input, inputs);
  if (
    delimiter === undefined &&
    columns === undefined &&
    timeFormat === undefined &&
    !localTimes &&
    !decimalComma
  )
    return undefined;
  return {
    ...(delimiter === undefined ? {} : { delimiter }),
    ...(columns === undefined ? {} : { columns }),
    ...(timeFormat === undefined ? {} : { timeFormat }),
    localTimes,
    decimalComma,
    timeZone,
  };
}

/** The read options of input `input`: where `-` reads from, and its dialect. */
export function readOptionsFor(
  flags: DialectFlags,
  input: string,
  inputs: readonly string[],
  timeZone: string,
  stdin?: NodeJS.ReadableStream,
): ReadOptions {
  const dialect = dialectFor(flags, input, inputs, timeZone);
  return {
    ...(stdin === undefined ? {} : { stdin }),
    ...(dialect === undefined ? {} : { dialect }),
  };
}
