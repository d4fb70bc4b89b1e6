/**
 * `staffcast plan`: from a configuration (or the bundled TV-shopping example) to a folder with
 * forecast.csv, requirements.csv, schedule.json, roster.csv, plan.json and report.html,
 * written into a temporary folder and renamed into place.
 */
import type { Command } from "commander";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { csvCell, csvNumber } from "../io/csv.ts";
import { DataError, EXIT, StaffcastError, UsageError } from "../io/errors.ts";
import { inputName, readText, type Streams } from "../io/files.ts";
import {
  parsePlanConfig,
  PlanFailure,
  planConfigJsonSchema,
  renderReport,
  runPlan,
  type PlanConfig,
  type PlanResult,
} from "../plan/index.ts";
import { formatInstant } from "../time/zone.ts";
import { forecastCsvChunks } from "./forecast-command.ts";
import { locate, readAds, readHistory, readHolidays } from "./forecast-inputs.ts";
import { pct, style } from "./format.ts";
import { REQUIREMENT_COLUMNS } from "./requirement-cells.ts";
import { readAgents, readAvailability, readSpec, segmentsCsv } from "./schedule-command.ts";

interface PlanFlags {
  config?: string;
  example?: string;
  out?: string;
  force?: boolean;
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
        "per queue or pool (Erlang C or A with each queue's targets) -> shifts with breaks -> " +
        "roster (when agents are given) -> a folder with forecast.csv, requirements.csv, " +
        "schedule.json, roster.csv, plan.json and report.html. --out must be new or empty " +
        "unless --force; a failed run leaves nothing behind.",
    )
    .option("--config <json>", "the plan configuration (paths in it are relative to it)")
    .option("--example <name>", `a bundled example instead of --config (${EXAMPLES.join(", ")})`)
    .option("--out <dir>", "the folder to write")
    .option("--force", "replace --out even when it is not empty")
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

async function runPlanCommand(flags: PlanFlags, streams: Streams): Promise<void> {
  if (flags.printSchema === true) {
    streams.stdout.write(`${JSON.stringify(planConfigJsonSchema(), null, 2)}\n`);
    return;
  }
  if ((flags.config === undefined) === (flags.example === undefined)) {
    throw new UsageError("give either --config <json> or --example <name>");
  }
  if (flags.out === undefined) throw new UsageError("required option '--out <dir>' not specified");
  const out = resolve(flags.out);
  if (existsSync(out)) {
    if (!statSync(out).isDirectory())
      throw new UsageError(`--out ${flags.out}: exists and is not a folder`);
    if (readdirSync(out).length > 0 && flags.force !== true)
      throw new UsageError(
        `--out ${flags.out}: exists and is not empty (use --force to replace it)`,
      );
  }
  const configPath = flags.config ?? exampleConfig(flags.example!);
  const configFile =
    flags.example === undefined ? inputName(configPath) : `examples/${flags.example}/plan.json`;
  let raw: unknown;
  try {
    raw = JSON.parse(await readText(configPath, streams));
  } catch (error) {
    if (error instanceof SyntaxError)
      throw new DataError([{ file: configFile, message: `not valid JSON: ${error.message}` }]);
    throw error;
  }
  let config: PlanConfig;
  try {
    config = parsePlanConfig(raw);
  } catch (error) {
    if (error instanceof DataError)
      throw new DataError(error.issues.map((i) => ({ ...i, file: configFile })));
    throw error;
  }
  const base = configPath === "-" ? process.cwd() : dirname(resolve(configPath));
  const path = (p: string): string => resolve(base, p);

  const history = await readHistory(path(config.history), streams);
  const ads = config.ads === undefined ? undefined : await readAds(path(config.ads), streams);
  const holidays =
    config.holidays === undefined ? undefined : await readHolidays(path(config.holidays), streams);
  const shifts = await readSpec(path(config.shifts), streams, config.intervalMinutes);
  const agents =
    config.agents === undefined ? undefined : await readAgents(path(config.agents), streams);
  const availability =
    config.availability === undefined || agents === undefined
      ? undefined
      : await readAvailability(
          path(config.availability),
          streams,
          new Set(agents.map((a) => a.id)),
        );

  const tty = streams.stderr.isTTY === true && flags.json !== true;
  const started = performance.now();
  const progress = (step: string, index: number, steps: number): void => {
    if (!tty) return;
    const width = 20;
    const done = Math.round((width * (index - 1)) / steps);
    const bar = `${"#".repeat(done)}${".".repeat(width - done)}`;
    const elapsed = ((performance.now() - started) / 1000).toFixed(1);
    streams.stderr.write(`\r[${bar}] ${index}/${steps} ${step.padEnd(18)} ${elapsed} s`);
  };
  let plan: PlanResult;
  try {
    plan = await runPlan(
      {
        config,
        history: history.rows,
        shifts: shifts.spec,
        ...(ads === undefined ? {} : { ads: ads.rows }),
        ...(holidays === undefined ? {} : { holidays: holidays.rows }),
        ...(agents === undefined ? {} : { agents }),
        ...(availability === undefined ? {} : { availability }),
      },
      progress,
    );
  } catch (error) {
    if (tty) streams.stderr.write("\n");
    if (error instanceof PlanFailure) throw new StaffcastError(error.message, EXIT.failure);
    if (error instanceof DataError) {
      // issues about rows of the history name its lines; the others name the configuration
      throw error.issues.some((i) => i.row !== undefined)
        ? locate(error, history)
        : new DataError(error.issues.map((i) => ({ ...i, file: i.file ?? configFile })));
    }
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
  if (tty) streams.stderr.write(`\r${" ".repeat(60)}\r`);

  const summary = planJson(plan, config, agents !== undefined);
  const files: Record<string, string> = {
    "forecast.csv": [...forecastCsvChunks(plan.forecast)].join(""),
    "requirements.csv": requirementsCsv(plan),
    "schedule.json": `${JSON.stringify({ ...plan.schedule, shiftFile: shifts.raw })}\n`,
    ...(plan.roster === undefined
      ? {}
      : { "roster.csv": segmentsCsv(plan.roster.segments, plan.zone) }),
    "plan.json": `${JSON.stringify(summary, null, 2)}\n`,
    "report.html": renderReport({
      plan,
      config,
      history: history.rows,
      ...(ads === undefined ? {} : { ads: ads.rows }),
      title:
        flags.example === undefined
          ? `Staffing plan: ${basename(configPath)}`
          : `Staffing plan: the ${flags.example} example`,
    }),
  };
  await writeFolder(out, files);

  for (const w of plan.warnings)
    streams.stderr.write(`${style("yellow", "warning", streams.stderr)}: ${w}\n`);
  if (flags.json === true) {
    streams.stdout.write(files["plan.json"]!);
    return;
  }
  const s = plan.summary;
  streams.stdout.write(
    [
      `${style("bold", "Plan", streams.stdout as { isTTY?: boolean })} written to ${flags.out}/ (${Object.keys(files).join(", ")})`,
      `  ${Math.round(s.calls)} calls forecast; ${s.shifts} shifts, ${s.paidHours.toFixed(1)} paid hours (schedule ${s.scheduleStatus})`,
      `  expected service level ${pct(s.expectedServiceLevel ?? 0)}, occupancy ${pct(s.expectedOccupancy ?? 0)}, abandonment ${pct(s.expectedAbandonRate ?? 0)}`,
      ...(s.rosterStatus === undefined
        ? []
        : [
            `  roster ${s.rosterStatus}: ${s.agentsRostered} agents, ${s.unfilledShifts} shifts unfilled`,
          ]),
      `  open ${join(flags.out, "report.html")} in a browser`,
      "",
    ].join("\n"),
  );
}

/** Writes every file into a fresh folder beside `out`, then swaps it in. */
async function writeFolder(out: string, files: Record<string, string>): Promise<void> {
  const suffix = `${process.pid}.${randomBytes(4).toString("hex")}`;
  const tmp = join(dirname(out), `.${basename(out)}.${suffix}.tmp`);
  const old = join(dirname(out), `.${basename(out)}.${suffix}.old`);
  try {
    await mkdir(tmp, { recursive: true });
    for (const [name, text] of Object.entries(files)) await writeFile(join(tmp, name), text);
    if (existsSync(out)) await rename(out, old);
    await rename(tmp, out);
    await rm(old, { recursive: true, force: true });
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    if (existsSync(old) && !existsSync(out)) await rename(old, out);
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== "string") throw error;
    throw new StaffcastError(`cannot write ${out} (${code})`, EXIT.failure);
  }
}

function requirementsCsv(plan: PlanResult): string {
  const lines = [["start", "queue", "calls", "aht_s", ...REQUIREMENT_COLUMNS].join(",")];
  for (const r of plan.requirements) {
    const x = r.result;
    lines.push(
      [
        formatInstant(r.startMs, plan.zone),
        csvCell(r.unit),
        csvNumber(r.calls),
        csvNumber(r.ahtSeconds),
        csvNumber(x.loadErlangs),
        String(x.agents),
        String(x.scheduledAgents),
        csvNumber(x.fractionalAgents),
        csvNumber(x.fractionalScheduledAgents),
        csvNumber(x.serviceLevel),
        csvNumber(Number.isFinite(x.asaSeconds) ? x.asaSeconds : null),
        csvNumber(x.occupancy),
        csvNumber(x.abandonRate),
      ].join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** plan.json: the resolved configuration and the summary figures. */
function planJson(
  plan: PlanResult,
  config: PlanConfig,
  rostered: boolean,
): Record<string, unknown> {
  return {
    config,
    start: formatInstant(plan.startMs, plan.zone),
    intervalMinutes: plan.intervalMinutes,
    units: plan.units,
    summary: plan.summary,
    files: [
      "forecast.csv",
      "requirements.csv",
      "schedule.json",
      ...(rostered ? ["roster.csv"] : []),
      "plan.json",
      "report.html",
    ],
    warnings: plan.warnings,
  };
}
