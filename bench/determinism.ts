/**
 * Determinism benchmark (issue 15): the same inputs give the same bytes under any load. Each
 * command runs twice into fresh temporary folders: once as it is, once pinned to one core
 * (`taskset -c 0`) that CPU hogs (`node -e "for(;;){}"`, pinned there too) share with it. Every
 * file the two runs write is compared byte for byte; the benchmark prints what differs and
 * exits 1 on a difference (2 on a command that fails).
 *
 * Run: `npm run bench:determinism` (builds first): the example plan. Other commands are given
 * as arguments, `{out}` standing for the folder they write into:
 *
 *     npm run bench:determinism -- --hogs 2 "node dist/cli.js plan --example tv-shopping --out {out}"
 *
 * A command is split on spaces (no shell): quote nothing inside it. Without taskset (not
 * Linux), the second run is not pinned and says so.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join, relative } from "node:path";

const DEFAULT_COMMANDS = ["node dist/cli.js plan --example tv-shopping --out {out}"];

const say = (s: string): void => {
  console.log(s);
};

/** The flags and commands of the command line. */
function parseArgs(argv: readonly string[]): { hogs: number; commands: string[] } {
  let hogs = 1;
  const commands: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--hogs") {
      hogs = Number(argv[++i]);
      if (!(Number.isInteger(hogs) && hogs >= 0 && hogs <= 16))
        throw new Error("--hogs: expected a whole number from 0 to 16");
    } else commands.push(a);
  }
  return { hogs, commands: commands.length === 0 ? DEFAULT_COMMANDS : commands };
}

/** Whether `taskset` can pin a process here. */
function hasTaskset(): boolean {
  return spawnSync("taskset", ["-c", "0", "true"]).status === 0;
}

/** Every file under `dir`, relative paths, sorted. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out.sort();
}

/** Runs a command (split on spaces, `{out}` replaced) and resolves with its wall seconds. */
function run(command: string, out: string, pinned: boolean): Promise<number> {
  const words = command
    .split(" ")
    .filter((w) => w !== "")
    .map((w) => w.replaceAll("{out}", out));
  const [file, ...args] = pinned ? ["taskset", "-c", "0", ...words] : words;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file!, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve((performance.now() - started) / 1000);
      else reject(new Error(`"${command}" exited with ${code}:\n${stderr}`));
    });
  });
}

/** The hogs running now (ended on exit, Ctrl-C included). */
const running = new Set<ChildProcess>();

/** Starts `count` CPU hogs (pinned to core 0 when `pinned`). */
function startHogs(count: number, pinned: boolean): ChildProcess[] {
  const hog = [process.execPath, "-e", "for(;;){}"];
  return Array.from({ length: count }, () => {
    const [file, ...args] = pinned ? ["taskset", "-c", "0", ...hog] : hog;
    const child = spawn(file!, args, { stdio: "ignore" });
    running.add(child);
    return child;
  });
}

/** Ends the hogs this benchmark started (by their own process, nothing else). */
function stopHogs(hogs: readonly ChildProcess[]): void {
  for (const h of hogs) {
    if (h.exitCode === null) h.kill("SIGKILL");
    running.delete(h);
  }
}

process.on("exit", () => {
  stopHogs([...running]);
});
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    stopHogs([...running]);
    process.exit(130);
  });

/** The first byte at which two files differ, or undefined when they are the same. */
function firstDifference(a: Buffer, b: Buffer): number | undefined {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? undefined : n;
}

/** Runs one command twice and compares; returns the problems found. */
async function check(command: string, hogCount: number, pinned: boolean): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), "staffcast-determinism-"));
  const first = join(root, "first");
  const second = join(root, "second");
  try {
    const quiet = await run(command, first, false);
    say(`  run 1 (as it is): ${quiet.toFixed(1)} s`);
    const hogs = startHogs(hogCount, pinned);
    let busy: number;
    try {
      busy = await run(command, second, pinned);
    } finally {
      stopHogs(hogs);
    }
    say(
      `  run 2 (${pinned ? "pinned to core 0" : "not pinned: no taskset"}, ${hogCount} CPU hog${hogCount === 1 ? "" : "s"}): ${busy.toFixed(1)} s`,
    );
    const a = filesUnder(first);
    const b = filesUnder(second);
    const problems: string[] = [];
    for (const f of a.filter((x) => !b.includes(x))) problems.push(`${f}: only in run 1`);
    for (const f of b.filter((x) => !a.includes(x))) problems.push(`${f}: only in run 2`);
    for (const f of a.filter((x) => b.includes(x))) {
      const at = firstDifference(readFileSync(join(first, f)), readFileSync(join(second, f)));
      if (at !== undefined) problems.push(`${f}: differs from byte ${at}`);
    }
    if (a.length === 0) problems.push("the command wrote no file into {out}");
    say(`  ${a.length} files compared: ${problems.length === 0 ? "byte-identical" : "DIFFERENT"}`);
    return problems;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const { hogs, commands } = parseArgs(process.argv.slice(2));
const pinned = hasTaskset();
say(
  `machine: ${cpus().length} cores, ${cpus()[0]?.model ?? "unknown CPU"}; node ${process.version}`,
);
let failed = false;
for (const command of commands) {
  say(command);
  try {
    const problems = await check(command, hogs, pinned);
    for (const p of problems) say(`  ${p}`);
    if (problems.length > 0) failed = true;
  } catch (error) {
    say(`  failed: ${(error as Error).message}`);
    process.exitCode = 2;
  }
}
if (failed) process.exitCode = 1;
say(
  process.exitCode === 2
    ? "a command failed"
    : failed
      ? "NOT deterministic: see the files above"
      : "deterministic: every output is byte-identical",
);
