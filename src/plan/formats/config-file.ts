/**
 * The plan configuration file: JSON, validated, with its input paths resolved relative to the
 * file's folder.
 *
 * @module
 */
import { dirname, resolve } from "node:path";
import { inFile } from "../../io/errors.ts";
import { inputName } from "../../io/files.ts";
import { readJson } from "../../io/json.ts";
import type { ReadOptions } from "../../io/read-input.ts";
import { isInside, realPath } from "../../io/paths.ts";
import type { DataIssue } from "../../io/errors.ts";
import { parsePlanConfig, type PlanFileConfig } from "../config.ts";

import type { CsvDialect } from "../../io/dialect.ts";
import type { ActualsFormat } from "../../actuals/index.ts";
/** The input files a configuration names, in this order. */
export const PLAN_INPUT_FIELDS = [
  "history",
  "ads",
  "holidays",
  "shifts",
  "agents",
  "availability",
] as const;

/** One input file of a configuration. */
export interface PlanInputFile {
  readonly field: (typeof PLAN_INPUT_FIELDS)[number];
  /** The path as the configuration gives it. */
  readonly given: string;
  /** The path resolved against the configuration's folder. */
  readonly path: string;
  /** How the file is written, when the configuration says (CSV inputs given as objects). */
  readonly dialect?: CsvDialect;
  /** The history's export format, when not staffcast's own (a vendor preset). */
  readonly format?: Exclude<ActualsFormat, "staffcast">;
}

/** A configuration file read. */
export interface PlanConfigRead {
  /** The file's name in messages. */
  readonly file: string;
  readonly config: PlanFileConfig;
  /** The folder its paths are relative to (the working folder for stdin). */
  readonly folder: string;
  /** The input files it names, resolved. */
  readonly inputs: readonly PlanInputFile[];
}

/** Options of {@link readPlanConfig}. */
export interface PlanConfigOptions extends ReadOptions {
  /** The file's name in messages (default: the path as given). */
  readonly name?: string;
}

/**
 * Reads and validates a plan configuration file (`-` for stdin).
 *
 * @throws NoInputError when it cannot be read; DataError naming the file and each bad field
 * @example
 * const { config, inputs } = await readPlanConfig("plan.json");
 * inputs.map((i) => i.path); // absolute paths of history.csv, shifts.json, ...
 */
export async function readPlanConfig(
  path: string,
  options: PlanConfigOptions = {},
): Promise<PlanConfigRead> {
  const file = options.name ?? inputName(path);
  const raw = await readJson(
    path,
    options.stdin === undefined ? undefined : { stdin: options.stdin },
  );
  const config = inFile(file, () => parsePlanConfig(raw));
  const folder = path === "-" ? process.cwd() : dirname(resolve(path));
  const inputs = PLAN_INPUT_FIELDS.flatMap((field) => {
    const value = config[field];
    if (value === undefined) return [];
    if (typeof value === "string") return [{ field, given: value, path: resolve(folder, value) }];
    const dialect: CsvDialect = {
      ...(value.columns === undefined ? {} : { columns: value.columns }),
      ...(value.localTimes === undefined ? {} : { localTimes: value.localTimes }),
      ...(value.timeFormat === undefined ? {} : { timeFormat: value.timeFormat }),
      ...(value.delimiter === undefined ? {} : { delimiter: value.delimiter }),
      ...(value.decimalComma === undefined ? {} : { decimalComma: value.decimalComma }),
      timeZone: config.timeZone,
    };
    return [
      {
        field,
        given: value.path,
        path: resolve(folder, value.path),
        dialect,
        ...(value.format === undefined || value.format === "staffcast"
          ? {}
          : { format: value.format }),
      },
    ];
  });
  return { file, config, folder, inputs };
}

/**
 * The inputs of a configuration outside its folder (links resolved), as issues naming the
 * field: for `--confine`, which keeps a configuration from reading files elsewhere.
 */
export function inputsOutsideFolder(read: PlanConfigRead): DataIssue[] {
  const folder = realPath(read.folder);
  return read.inputs
    .filter((input) => !isInside(folder, realPath(input.path)))
    .map((input) => ({
      file: read.file,
      field: input.field,
      message: `${input.given} is outside the configuration's folder (--confine)`,
    }));
}
