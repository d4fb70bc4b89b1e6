/**
 * `staffcast plan`: from a configuration (or the bundled TV-shopping example) to a folder with
 * forecast.csv, requirements.csv, schedule.json, roster.csv, plan.json and report.html,
 * written into a temporary folder and renamed into place.
 */
import type { Command } from "commander";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DataError, EXIT, StaffcastError, UsageError } from "../io/errors.ts";
import type { Streams } from "../io/files.ts";
import { folderTarget, writeFolderAtomic } from "../io/folder.ts";
import { isInside, realPath } from "../io/paths.ts";
import { locateRows } from "../io/table-read.ts";
import { plural } from "../io/text.ts";
import {
  inputsOutsideFolder,
  listNames,
  PlanFailure,
  planConfigJsonSchema,
  planFolderFiles,
  planFolderProblem,
  readPlanConfig,
  readPlanInputs,
  runPlan,
  type PlanResult,
} from "../plan/index.ts";
import { forPeople, pct, style, warn } from "./format.ts";
import { progressBar } from "./progress.ts";

interface PlanFlags {
  config?: string;
  example?: string;
  out?: string;
  force?: boolean;
  confine?: boolean;
  json?: boolean;
  printSchema?: boolean;
}

const EXAMPLES = ["tv-shopping"];

/** Registers `plan`. */
export function registerPlan(program: Command, streams: Streams): void {
  program
    .command("plan")
    .summary(
      "from history and ad log to a staffing plan: forecast, requirements, shifts, roster, report",
    )
    .description(
      "Runs the whole chain from a configuration: history + ad log -> forecast -> requirements " +
        "per queue or pool (Erlang C or A with each queue's targets), or per skill group with " +
        "`groups` -> shifts with breaks -> roster (when agents are given) -> with groups, the " +
        "schedule simulated with the routing -> a folder with forecast.csv, requirements.csv, " +
        "(queues.csv,) schedule.json, roster.csv, plan.json and report.html. --out must be new or empty; " +
        "--force replaces a folder that an earlier staffcast plan wrote, and nothing else. A " +
        "failed run leaves nothing behind. The configuration can name any file the user can " +
        "read: with --confine, only files inside its own folder.",
    )
    .option("--config <json>", "the plan configuration (paths in it are relative to it)")
    .option("--example <name>", `a bundled example instead of --config (${EXAMPLES.join(", ")})`)
    .option("--out <dir>", "the folder to write")
    .option("--force", "replace --out when it holds an earlier plan (only then)")
    .option("--confine", "refuse paths in the configuration outside its folder")
    .option("--json", "print plan.json instead of the summary (no progress)")
    .option("--print-schema", "print the configuration's JSON Schema and exit")
    .addHelpText(
      "after",
      `
Examples:
  $ staffcast plan --example tv-shopping --out plan-week
  $ staffcast plan --config plan.json --out plans/2025-w03 --force
  $ staffcast plan --print-schema > plan-config.schema.json`,
    )
    .action(async (flags: PlanFlags) => {
      await runPlanCommand(flags, streams);
    });
}

function exampleConfig(name: string): string {
  if (!EXAMPLES.includes(name)) {
    throw new UsageError(`--example: unknown example "${name}" (examples: ${EXAMPLES.join(", ")})`);
  }
  // src/cli or dist/cli -> the package root
  return fileURLToPath(new URL(`../../examples/${name}/plan.json`, import.meta.url));
}

/** The folder's plan.json text, or undefined when it has none. */
function planJsonOf(folder: string): string | undefined {
  try {
    return readFileSync(join(folder, "plan.json"), "utf8");
  } catch {
    return undefined;
  }
}

/**
 * Whether `--out` may be replaced: empty or new, or (with --force) a folder an earlier plan
 * wrote. A UsageError (exit 2) naming what would be lost otherwise.
 */
function checkOut(flags: PlanFlags, folder: string, entries: readonly string[]): void {
  if (entries.length === 0) return;
  if (flags.force !== true)
    throw new UsageError(
      `--out ${flags.out ?? ""}: exists and is not empty (--force replaces an earlier plan folder)`,
    );
  const problem = planFolderProblem(entries, planJsonOf(folder));
  if (problem !== undefined)
    throw new UsageError(
      `--out ${flags.out ?? ""}: not a folder that staffcast plan wrote (${problem}); replacing ` +
        `it would delete ${listNames([...entries].sort())}. Choose a new or empty folder.`,
    );
}

async function runPlanCommand(flags: PlanFlags, streams: Streams): Promise<void> {
  if (flags.printSchema === true) {
    streams.stdout.write(`${JSON.stringify(planConfigJsonSchema(), null, 2)}\n`);
    return;
  }
  if ((flags.config === undefined) === (flags.example === undefined)) {
    throw new UsageError("give either --config <json> or --example <name>");
  }
  if (flags.out === undefined) throw new UsageError("required option '--out <dir>' not specified");
  const out = await folderTarget(flags.out);
  if (existsSync(out)) checkOut(flags, out, readdirSync(out));
  const configPath = flags.config ?? exampleConfig(flags.example!);
  const read = await readPlanConfig(configPath, {
    stdin: streams.stdin,
    ...(flags.example === undefined ? {} : { name: `examples/${flags.example}/plan.json` }),
  });
  const { config } = read;

  // Inputs never lie inside what --out replaces; with --confine they lie in the config's folder.
  const realOut = realPath(out);
  for (const input of [
    ...(configPath === "-" ? [] : [{ field: "--config", given: configPath, path: configPath }]),
    ...read.inputs,
  ]) {
    if (isInside(realOut, realPath(input.path)))
      throw new UsageError(
        `--out ${flags.out}: holds ${input.given}, an input of this plan (${input.field}): write the plan to another folder`,
      );
  }
  if (flags.confine === true) {
    const outside = inputsOutsideFolder(read);
    if (outside.length > 0) throw new DataError(outside);
  }
  const inputs = await readPlanInputs(read, { stdin: streams.stdin });
  for (const w of inputs.warnings) warn(streams.stderr, w);

  const bar = progressBar(streams.stderr, streams.stderr.isTTY === true && flags.json !== true);
  // the plan reports the step it starts: the bar shows the steps before it as done
  const progress = (step: string, index: number, steps: number): void => {
    bar.update(index - 1, steps, step);
  };
  let plan: PlanResult;
  try {
    plan = await runPlan(inputs.inputs, progress);
  } catch (error) {
    bar.clear();
    if (error instanceof PlanFailure) throw new StaffcastError(error.message, EXIT.failure);
    if (error instanceof DataError) {
      // issues about rows of the history name its lines; the others name the configuration
      throw error.issues.some((i) => i.row !== undefined)
        ? locateRows(error, inputs.history)
        : new DataError(error.issues.map((i) => ({ ...i, file: i.file ?? read.file })));
    }
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
  bar.clear();

  const files = planFolderFiles(plan, {
    config,
    shiftFile: inputs.shiftFile,
    history: inputs.inputs.history,
    ...(inputs.inputs.ads === undefined ? {} : { ads: inputs.inputs.ads }),
    title:
      flags.example === undefined
        ? `Staffing plan: ${basename(configPath)}`
        : `Staffing plan: the ${flags.example} example`,
  });
  await writeFolderAtomic(flags.out, files, {
    checkReplace: (folder, entries) => {
      checkOut(flags, folder, entries);
    },
  });

  for (const w of plan.warnings) warn(streams.stderr, w);
  if (flags.json === true) {
    streams.stdout.write(files["plan.json"]!);
    return;
  }
  const s = plan.summary;
  streams.stdout.write(
    [
      `${style("bold", "Plan", streams.stdout as { isTTY?: boolean })} written to ${forPeople(flags.out)}/ (${Object.keys(files).join(", ")})`,
      `  ${plural(Math.round(s.calls), "call")} forecast; ${plural(s.shifts, "shift")}, ${(s.paidSeconds / 3600).toFixed(1)} paid hours (schedule ${s.scheduleStatus})`,
      `  expected service level ${pct(s.expectedServiceLevel ?? 0)}, occupancy ${pct(s.expectedOccupancy ?? 0)}, abandonment ${pct(s.expectedAbandonRate ?? 0)}`,
      ...(s.rosterStatus === undefined
        ? []
        : [
            `  roster ${s.rosterStatus}: ${plural(s.agentsRostered ?? 0, "agent")}, ${plural(s.unfilledShifts ?? 0, "shift")} unfilled`,
          ]),
      ...Object.entries(s.queues ?? {}).map(([q, x]) => {
        const ci = x.simulatedServiceLevelCi;
        return `  ${q}: simulated service level ${x.simulatedServiceLevel === null ? "-" : pct(x.simulatedServiceLevel)}${ci === null ? "" : ` (${pct(ci[0])} to ${pct(ci[1])})`}, expected ${x.expectedServiceLevel === null ? "-" : pct(x.expectedServiceLevel)}, target ${x.target === null ? "-" : pct(x.target)}`;
      }),
      `  open ${forPeople(join(flags.out, "report.html"))} in a browser`,
      "",
    ].join("\n"),
  );
}
