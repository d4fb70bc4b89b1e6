/**
 * #7 fuzzing: random numeric extremes, dates and sizes fed to `erlang`, `requirements`,
 * `schedule` and `simulate`, each case run as a child process of the built executable with a
 * time limit and a small heap (--max-old-space-size). Every case must end with a result (exit 0)
 * or a clean error (exit 1, 2 or 65, one message, no stack trace): never run without end,
 * exhaust memory, crash or print "internal error".
 */
import { spawn } from "node:child_process";
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const cli = join(process.cwd(), "dist/cli.js");
/** A case taking longer than this has hung (the slowest legitimate case takes a few seconds). */
const CASE_TIMEOUT_MS = 60_000;
const HEAP_MB = 768;

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function runCase(args: string[], files: Record<string, string | Buffer>): Promise<Outcome> {
  const dir = mkdtempSync(join(tmpdir(), "staffcast-fuzz-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return new Promise((done) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, cli, ...args], {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      if (stdout.length < 1_000_000) stdout += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      if (stderr.length < 1_000_000) stderr += c.toString();
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, CASE_TIMEOUT_MS);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      done({ code, signal, stdout, stderr, timedOut });
    });
  });
}

/** A result, or one clean error: never a hang, a crash, a stack trace or an internal error. */
function expectClean(args: string[], o: Outcome): void {
  if (process.env["STAFFCAST_FUZZ_LOG"] !== undefined)
    appendFileSync(
      process.env["STAFFCAST_FUZZ_LOG"],
      `${args[0]} ${o.code} ${o.stderr.split("\n")[0]!.slice(0, 160)}\n`,
    );
  const context = `staffcast ${args.join(" ")}\n--- stderr:\n${o.stderr.slice(0, 2000)}`;
  expect(o.timedOut, `ran over ${CASE_TIMEOUT_MS / 1000} s: ${context}`).toBe(false);
  expect(o.signal, context).toBeNull();
  expect([0, 1, 2, 65], context).toContain(o.code);
  expect(o.stderr, context).not.toMatch(/\n\s+at |internal error|FATAL ERROR|heap out of memory/);
  if (o.code !== 0) expect(o.stderr, context).toMatch(/error/);
}

/** Numbers as users (and broken exports) write them: extremes, edges, garbage. */
const extremeText = fc.oneof(
  fc.constantFrom(
    "0",
    "-1",
    "1",
    "0.5",
    "1e-15",
    "1e-308",
    "5e-324",
    "1e308",
    "1.7976931348623157e308",
    "2e17",
    "9007199254740993",
    "1e7",
    "10000001",
    "1e4",
    "86400",
    "86401",
    "100000",
    "1e30",
    "NaN",
    "Infinity",
    "-Infinity",
    "abc",
    "",
    "0x10",
    "1,5",
    " 7",
    "99.999999",
    "0.99",
    "0.999",
  ),
  fc.double({ min: -1e12, max: 1e12, noNaN: true }).map(String),
);

/**
 * Values from [min, max] (log-uniform when `log`, the ends included), and one time in `oneIn`
 * an extreme: enough clean cases reach the engines, enough dirty ones test the refusals.
 */
function mostly(
  min: number,
  max: number,
  options: { log?: boolean; int?: boolean; oneIn?: number } = {},
) {
  const inRange =
    options.log === true
      ? fc
          .double({ min: Math.log10(Math.max(min, 1e-3)), max: Math.log10(max), noNaN: true })
          .map((e) => 10 ** e)
      : fc.double({ min, max, noNaN: true });
  const valid = fc
    .oneof({ arbitrary: inRange, weight: 6 }, { arbitrary: fc.constantFrom(min, max), weight: 1 })
    .map((v) => String(options.int === true ? Math.round(v) : v));
  return fc.oneof(
    { arbitrary: valid, weight: (options.oneIn ?? 30) - 1 },
    { arbitrary: extremeText, weight: 1 },
  );
}

/** Instants: usual, edge years, typos, garbage. */
const instantText = fc.oneof(
  fc.constantFrom(
    "2025-01-06T08:00:00Z",
    "0050-01-01T08:00Z",
    "9999-12-31T23:59:59Z",
    "1900-01-01T00:00:00Z",
    "2052-01-06T08:00:00Z",
    "1970-01-01T00:00:00Z",
    "2025-02-30T08:00:00Z",
    "2025-01-06T08:00:00",
    "2025-01-06T08:00:00+14:00",
    "yesterday",
    "",
  ),
  fc
    .date({
      min: new Date("1900-01-01T00:00:00Z"),
      max: new Date("9999-12-31T00:00:00Z"),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString()),
);

/** Interval spacings, seconds: mostly usual ones, sometimes those that blow grids up. */
const spacingSeconds = fc.oneof(
  { arbitrary: fc.constantFrom(900, 1800, 3600), weight: 6 },
  { arbitrary: fc.constantFrom(1, 60, 300, 86_400, 7 * 86_400), weight: 1 },
);

/** A regular grid of `rows` starts (a random base and spacing), sometimes with one typo row. */
const grid = fc.record({
  rows: fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 3000 })),
  base: fc.date({
    min: new Date("1990-01-01T00:00:00Z"),
    max: new Date("2090-01-01T00:00:00Z"),
    noInvalidDate: true,
  }),
  spacing: spacingSeconds,
  typo: fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 6 },
    { arbitrary: instantText, weight: 1 },
  ),
  queues: fc.integer({ min: 1, max: 3 }),
});

function gridStarts(g: GridValue): string[] {
  const out: string[] = [];
  const base = Math.floor(g.base.getTime() / 3_600_000) * 3_600_000;
  for (let i = 0; i < g.rows; i++) out.push(new Date(base + i * g.spacing * 1000).toISOString());
  if (g.typo !== undefined && out.length > 0) out[Math.floor(out.length / 2)] = g.typo;
  return out;
}
interface GridValue {
  rows: number;
  base: Date;
  spacing: number;
  typo: string | undefined;
  queues: number;
}

const optionalFlag = (name: string, value: fc.Arbitrary<string>) =>
  fc.option(
    value.map((v) => [name, v]),
    { nil: undefined },
  );

const flags = (...options: fc.Arbitrary<string[] | undefined>[]) =>
  fc.tuple(...options).map((list) => list.flatMap((f) => f ?? []));

/**
 * Cases per command (CI replays one fixed seed, see test/support/fail-on-console.ts);
 * STAFFCAST_FUZZ_RUNS multiplies them for a longer hunt.
 */
const runs = (n: number) => ({ numRuns: n * Number(process.env["STAFFCAST_FUZZ_RUNS"] ?? 1) });

/** The staffing flags of erlang and requirements, mostly within their ranges. */
const staffingFlags = [
  optionalFlag("--patience", mostly(1, 1e7, { log: true })),
  optionalFlag("--sl", mostly(0.01, 0.999)),
  optionalFlag("--sl-seconds", mostly(0, 86_400, { log: true })),
  optionalFlag("--asa", mostly(0.001, 86_400, { log: true })),
  optionalFlag("--max-occupancy", mostly(0.01, 1)),
  optionalFlag("--max-abandon", mostly(0.01, 1)),
  optionalFlag("--shrinkage", mostly(0, 0.99)),
];

describe("#7 fuzz: no input or flag value hangs, exhausts memory or crashes a command", () => {
  it("#7 erlang", async () => {
    await fc.assert(
      fc.asyncProperty(
        flags(
          mostly(0, 1e7, { log: true }).map((v) => ["--calls", v]),
          fc
            .oneof(
              { arbitrary: fc.constantFrom("15m", "30m", "1h", "900", "1s", "86400s"), weight: 5 },
              { arbitrary: fc.constantFrom("0m", "1e9s", "30", "25h", "abc"), weight: 1 },
            )
            .map((v) => ["--interval", v]),
          mostly(1, 86_400, { log: true }).map((v) => ["--aht", v]),
          ...staffingFlags,
          optionalFlag("--agents", mostly(0, 100_000, { log: true, int: true })),
        ),
        fc.boolean(),
        async (args, json) => {
          const all = ["erlang", ...args, ...(json ? ["--json"] : [])];
          expectClean(all, await runCase(all, {}));
        },
      ),
      runs(25),
    );
  }, 600_000);

  it("#7 requirements", async () => {
    await fc.assert(
      fc.asyncProperty(
        grid,
        fc.array(fc.tuple(mostly(0, 1e7, { log: true }), mostly(1, 86_400, { log: true })), {
          minLength: 1,
          maxLength: 50,
        }),
        flags(
          optionalFlag("--interval", fc.constantFrom("15m", "15m", "30m", "1h", "1s", "25h")),
          optionalFlag("--aht", mostly(1, 86_400, { log: true })),
          optionalFlag("--min-agents", mostly(0, 100_000, { log: true, int: true })),
          optionalFlag("--threads", fc.constantFrom("1", "2", "1", "2", "256", "0")),
          ...staffingFlags,
        ),
        async (g, cells, extra) => {
          const lines = ["start,queue,calls,aht_s"];
          const starts = gridStarts(g);
          starts.forEach((t, i) => {
            const [calls, aht] = cells[i % cells.length]!;
            for (let q = 0; q < g.queues; q++) lines.push(`${t},q${q},${calls},${aht}`);
          });
          const args = ["requirements", "--forecast", "f.csv", "--out", "o.csv", ...extra];
          expectClean(args, await runCase(args, { "f.csv": `${lines.join("\n")}\n` }));
        },
      ),
      runs(25),
    );
  }, 600_000);

  /** A shift file, mostly valid on its interval (times and lengths on the grid). */
  const shiftFile = fc.integer({ min: 0, max: 9 }).chain((pick) => {
    const interval = [15, 30, 60, 15, 30, 5, 1, 7, 45, 1440][pick]!;
    /** Whole multiples of the interval in [min, max] (the interval itself when none fits). */
    const onGrid = (min: number, max: number) =>
      fc
        .integer({
          min: Math.ceil(min / interval),
          max: Math.max(Math.ceil(min / interval), Math.floor(max / interval)),
        })
        .map((k) => k * interval);
    const clock = (m: number): string =>
      `${String(Math.floor((m % 1440) / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
    const gridTemplate = fc.record({
      startEarliest: onGrid(0, 1439).map(clock),
      startLatest: onGrid(0, 1439).map(clock),
      lengthMinutes: fc.oneof(
        onGrid(240, 720),
        fc.array(onGrid(240, 1440), { minLength: 1, maxLength: 12 }),
      ),
      breaks: fc.array(
        fc.record({
          kind: fc.constantFrom("break", "meal"),
          minutes: onGrid(interval, 30),
          earliestAfterStart: onGrid(0, 60),
          latestBeforeEnd: onGrid(0, 60),
        }),
        { maxLength: 2 },
      ),
      costPerHour: fc.constantFrom(1, 1.2, 0.9, 1e6),
      maxCount: fc.option(fc.integer({ min: 0, max: 200 }), { nil: undefined }),
    });
    const wildTemplate = fc.record({
      startEarliest: fc.integer({ min: 0, max: 1439 }).map(clock),
      startLatest: fc.integer({ min: 0, max: 1439 }).map(clock),
      lengthMinutes: fc.array(fc.integer({ min: 1, max: 1500 }), { minLength: 1, maxLength: 400 }),
      breaks: fc.array(
        fc.record({
          minutes: fc.integer({ min: 1, max: 120 }),
          earliestAfterStart: fc.integer({ min: 0, max: 600 }),
          latestBeforeEnd: fc.integer({ min: 0, max: 600 }),
        }),
        { maxLength: 14 },
      ),
      costPerHour: fc.constantFrom(1, 1e308, -1),
    });
    return fc.record({
      interval: fc.constant(interval),
      coverage: fc.constantFrom("soft", "hard"),
      cyclic: fc.boolean(),
      shiftInstanceCost: fc.constantFrom(0, 0, 5),
      shifts: fc.array(
        fc.oneof({ arbitrary: gridTemplate, weight: 8 }, { arbitrary: wildTemplate, weight: 1 }),
        { minLength: 1, maxLength: 4 },
      ),
    });
  });

  it("#7 schedule", async () => {
    await fc.assert(
      fc.asyncProperty(
        grid,
        fc.array(mostly(0, 60, { oneIn: 200 }), { minLength: 1, maxLength: 30 }),
        shiftFile,
        fc.constantFrom("1", "2", "0.5"),
        async (g, required, spec, timeLimit) => {
          const lines = ["start,agents"];
          gridStarts({ ...g, rows: Math.min(g.rows, 2000) }).forEach((t, i) =>
            lines.push(`${t},${required[i % required.length]!}`),
          );
          const shifts = spec.shifts.map((s, i) => ({ ...s, name: `t${i}` }));
          const args = [
            "schedule",
            "--requirements",
            "r.csv",
            "--shifts",
            "s.json",
            "--time-limit",
            timeLimit,
            "--json",
          ];
          expectClean(
            args,
            await runCase(args, {
              "r.csv": `${lines.join("\n")}\n`,
              "s.json": JSON.stringify({ ...spec, shifts }),
            }),
          );
        },
      ),
      runs(12),
    );
  }, 900_000);

  it("#7 simulate", async () => {
    await fc.assert(
      fc.asyncProperty(
        grid,
        fc.array(
          fc.tuple(
            mostly(0, 1e4, { log: true, oneIn: 200 }),
            mostly(0, 1000, { log: true, oneIn: 200 }),
          ),
          { minLength: 1, maxLength: 20 },
        ),
        flags(
          optionalFlag("--runs", fc.constantFrom("1", "5", "20", "1", "5", "10000", "0")),
          optionalFlag("--patience", mostly(1, 1e7, { log: true })),
          optionalFlag("--aht", mostly(1, 86_400, { log: true })),
          optionalFlag("--handle-time", fc.constantFrom("lognormal", "exponential")),
          optionalFlag("--handle-cv", mostly(0.01, 10)),
          optionalFlag("--target-sl", fc.constantFrom("0.8", "0.99", "0.8", "1")),
        ),
        async (g, cells, extra) => {
          const forecast = ["start,queue,calls,aht_s"];
          const requirements = ["start,queue,agents"];
          gridStarts({ ...g, rows: Math.min(g.rows, 1000) }).forEach((t, i) => {
            const [calls, agents] = cells[i % cells.length]!;
            for (let q = 0; q < g.queues; q++) {
              forecast.push(`${t},q${q},${calls},180`);
              requirements.push(`${t},q${q},${agents}`);
            }
          });
          const args = [
            "simulate",
            "--forecast",
            "f.csv",
            "--requirements",
            "r.csv",
            "--json",
            ...extra,
          ];
          expectClean(
            args,
            await runCase(args, {
              "f.csv": `${forecast.join("\n")}\n`,
              "r.csv": `${requirements.join("\n")}\n`,
            }),
          );
        },
      ),
      runs(15),
    );
  }, 900_000);

  /** A routing file: 1 to 3 queues and groups, random serves, waits, priorities and targets. */
  const routingFile = fc
    .record({
      queues: fc.array(
        fc.record({
          priority: fc.option(fc.constantFrom(1, 2, 3, 1.5, 0, 1001), { nil: undefined }),
          serviceLevel: fc.option(mostly(0.01, 0.999), { nil: undefined }),
          slSeconds: fc.option(mostly(0, 86_400, { log: true }), { nil: undefined }),
          patienceSeconds: fc.option(mostly(1, 1e7, { log: true }), { nil: undefined }),
          ahtSeconds: mostly(1, 86_400, { log: true }),
          rejectShare: fc.option(fc.constantFrom(0, 0.02, 0.5, 0.999, 1, -0.1), { nil: undefined }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      groups: fc.array(
        fc.record({
          serves: fc.array(
            fc.record({
              queue: fc.integer({ min: 0, max: 3 }),
              afterSeconds: fc.constantFrom(0, 0, 15, 60, 1e7, -1),
            }),
            { minLength: 1, maxLength: 3 },
          ),
          costPerHour: fc.constantFrom(1, 1, 24, 1e6, 0),
          shrinkage: fc.constantFrom(0, 0.1, 0.99),
          minAgents: fc.constantFrom(0, 1, 100_000),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    })
    .map((r) => ({
      queues: Object.fromEntries(
        r.queues.map((q, i) => [
          `q${i}`,
          Object.fromEntries(
            Object.entries(q)
              .filter(([, v]) => v !== undefined)
              .map(([k, v]) => [k, typeof v === "string" ? Number(v) : v]),
          ),
        ]),
      ),
      groups: Object.fromEntries(
        r.groups.map((g, i) => [
          `g${i}`,
          {
            ...g,
            serves: g.serves.map((x) => ({ queue: `q${x.queue}`, afterSeconds: x.afterSeconds })),
          },
        ]),
      ),
    }));

  it("#14 requirements --routing and simulate --routing", async () => {
    await fc.assert(
      fc.asyncProperty(
        // a few intervals: every distinct load may take up to 40 checks
        grid.map((g) => ({ ...g, rows: Math.min(g.rows, 12) })),
        routingFile,
        fc.array(mostly(0, 1e5, { log: true, oneIn: 100 }), { minLength: 1, maxLength: 12 }),
        async (g, routing, calls) => {
          const forecast = ["start,queue,calls"];
          gridStarts(g).forEach((t, i) => {
            for (let q = 0; q < Math.min(g.queues, Object.keys(routing.queues).length); q++)
              forecast.push(`${t},q${q},${calls[(i + q) % calls.length]}`);
          });
          const files = {
            "f.csv": `${forecast.join("\n")}\n`,
            "routing.json": JSON.stringify(routing),
          };
          const staff = ["requirements", "--routing", "routing.json", "--forecast", "f.csv"];
          const o = await runCase(staff, files);
          expectClean(staff, o);
          if (o.code !== 0) return;
          const simulate = ["simulate", "--routing", "routing.json", "--forecast", "f.csv"];
          const args = [...simulate, "--requirements", "r.csv", "--runs", "5", "--json"];
          expectClean(args, await runCase(args, { ...files, "r.csv": o.stdout }));
        },
      ),
      runs(8),
    );
  }, 900_000);
});
