/**
 * The `staffcast` program: commander set up with stable exit codes, output on injectable
 * streams (so tests run it in-process), and expected errors printed without a stack trace.
 */
import { Command, CommanderError, type Option } from "commander";
import { readFileSync } from "node:fs";
import { EXIT, StaffcastError } from "../io/errors.ts";
import type { Streams } from "../io/files.ts";
import { registerAdherence } from "./adherence-command.ts";
import { registerBacktest } from "./backtest-command.ts";
import { registerErlang } from "./erlang-command.ts";
import { registerForecast } from "./forecast-command.ts";
import { forPeople, style } from "./format.ts";
import { registerImport } from "./import-command.ts";
import { registerKpi } from "./kpi-command.ts";
import { registerRequirements } from "./requirements-command.ts";
import { registerPlan } from "./plan-command.ts";
import { registerRoster } from "./roster-command.ts";
import { registerSchedule } from "./schedule-command.ts";
import { registerSimulate } from "./simulate-command.ts";

function version(): string {
  try {
    const pkg = JSON.parse(
      readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
    ) as {
      version?: string;
    };
    return pkg.version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

/**
 * Runs the CLI with the given arguments (without the `node` and script entries).
 *
 * @returns the exit code: 0 ok, 1 failure, 2 usage (missing input files included), 65 bad data
 */
export async function run(args: readonly string[], streams: Streams): Promise<number> {
  const program = new Command("staffcast");
  program
    .description(
      "Workforce management for inbound call centers: forecast, staffing, schedules, adherence.",
    )
    .version(version(), "-V, --version")
    .exitOverride()
    .enablePositionalOptions() // options after a subcommand are its own (adherence watch)
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({
      writeOut: (s) => streams.stdout.write(s),
      writeErr: (s) => streams.stderr.write(forPeople(s)),
    })
    .addHelpText(
      "after",
      `
Exit codes: 0 ok, 1 failure (a bug, or an output that cannot be written),
2 bad usage (flags, or an input file that cannot be read), 65 bad input data.

Examples:
  $ staffcast forecast --history history.csv --ads ads.csv --start 2025-01-13 --days 7 --out forecast.csv
  $ staffcast requirements --forecast forecast.csv --shrinkage 0.3 --out requirements.csv
  $ staffcast erlang --calls 100 --interval 30m --aht 180`,
    );
  registerForecast(program, streams);
  registerBacktest(program, streams);
  registerErlang(program, streams);
  registerRequirements(program, streams);
  registerSchedule(program, streams);
  registerRoster(program, streams);
  registerAdherence(program, streams);
  registerSimulate(program, streams);
  registerPlan(program, streams);
  registerImport(program, streams);
  registerKpi(program, streams);
  const all = (c: Command): Command[] => [c, ...c.commands.flatMap(all)];
  for (const cmd of all(program).slice(1)) {
    cmd.exitOverride().showHelpAfterError("(run with --help for usage)");
  }

  if (args.length === 0) {
    // no command: the help, on stderr, and a usage error (a script that forgot its command
    // must not succeed)
    streams.stderr.write(program.helpInformation());
    return EXIT.usage;
  }
  try {
    checkUnknownOptions(program, args);
    await program.parseAsync([...args], { from: "user" });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version")
        return EXIT.ok;
      if (error.code === "commander.help") return EXIT.ok;
      // commander has already printed its message
      return EXIT.usage;
    }
    if (error instanceof StaffcastError) {
      streams.stderr.write(
        `${style("red", "error", streams.stderr)}: ${forPeople(error.message)}\n`,
      );
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    streams.stderr.write(
      `${style("red", "internal error", streams.stderr)}: ${forPeople(message)}\n` +
        "This is a bug in staffcast; please report it with the command you ran.\n",
    );
    return EXIT.failure;
  }
}

/**
 * Reports an unknown option of the command `args` name before anything else: commander checks
 * required options first, so `staffcast erlang --clls 5` said "required option '--calls <n>'
 * not specified" instead of naming the typo. Values of options that take one are skipped
 * (`--calls -5`, `--out -`).
 *
 * @throws CommanderError (exit 2) through commander's own message, with its suggestion
 */
function checkUnknownOptions(program: Command, args: readonly string[]): void {
  let cmd = program;
  let i = 0;
  for (; i < args.length; i++) {
    const sub = cmd.commands.find((c) => c.name() === args[i] || c.aliases().includes(args[i]!));
    if (sub === undefined) break;
    cmd = sub;
  }
  if (cmd === program) return;
  const byFlag = new Map<string, Option>();
  for (const o of cmd.options) {
    if (o.long !== undefined) byFlag.set(o.long, o);
    if (o.short !== undefined) byFlag.set(o.short, o);
  }
  for (let k = i; k < args.length; k++) {
    const a = args[k]!;
    if (a === "--") return;
    if (!a.startsWith("-") || a === "-") continue;
    const name = a.startsWith("--") ? a.split("=")[0]! : a.slice(0, 2);
    if (name === "--help" || name === "-h") return;
    const option = byFlag.get(name);
    // commander's own report (its message and "Did you mean ...?"); pinned commander 14
    if (option === undefined)
      (cmd as unknown as { unknownOption(flag: string): never }).unknownOption(name);
    else if ((option.required || option.optional) && !a.includes("=")) k++; // its value
  }
}
