/**
 * `staffcast roster` with the real engine: `--keep` (its own output read back; bad rows
 * located, exit 65; a missing file, exit 2; stdin for one input only), the JSON's `changes`,
 * the summary's list of unfilled shifts, and clean output on a terminal (no progress with
 * --json, no colour with NO_COLOR).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { run } from "../../src/cli/main.ts";
import { runCli } from "../support/cli.ts";

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), "staffcast-roster-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}

/** Two queues, Monday 08:00-16:00 at 30 minutes: 4 agents, 6 around noon. */
function requirements(): string {
  const lines = ["start,queue,agents"];
  for (let q = 16; q < 32; q++) {
    const t = new Date(Date.UTC(2025, 0, 6) + q * 1_800_000).toISOString().replace(".000Z", "Z");
    const noon = q >= 22 && q < 26;
    lines.push(`${t},sales,${noon ? 4 : 3}`, `${t},service,${noon ? 2 : 1}`);
  }
  return `${lines.join("\n")}\n`;
}

/** The shift file, `intervalMinutes` under its old name when `old` (the reader then warns). */
function shifts(old = false): string {
  return JSON.stringify({
    [old ? "interval" : "intervalMinutes"]: 30,
    coverage: "hard",
    shifts: [
      {
        name: "day",
        startEarliest: "08:00",
        startLatest: "08:00",
        lengthMinutes: 480,
        breaks: [
          {
            kind: "meal",
            durationMinutes: 30,
            earliestAfterStartMinutes: 180,
            latestBeforeEndMinutes: 120,
            paid: false,
          },
        ],
      },
      { name: "mid", startEarliest: "10:00", startLatest: "12:00", lengthMinutes: 240 },
    ],
  });
}

let d = "";
/** The roster JSON of the schedule and agents.csv, its segments in r1.csv (beforeAll). */
let first = "";

const roster = (...args: string[]): string[] => [
  "roster",
  "--schedule",
  join(d, "schedule.json"),
  "--agents",
  join(d, "agents.csv"),
  ...args,
];

beforeAll(async () => {
  d = dir({
    "req.csv": requirements(),
    "shifts.json": shifts(),
    "old.json": shifts(true),
    "agents.csv": "agent_id,max_hours_week\nana,40\nbo,40\ncy,40\ndee,20\neve,20\nfay,20\n",
    "one.csv": "agent_id,max_hours_week\nana,40\n",
  });
  for (const [shiftFile, out] of [
    ["shifts.json", "schedule.json"],
    ["old.json", "old-schedule.json"],
  ] as const) {
    const r = await runCli([
      "schedule",
      "--requirements",
      join(d, "req.csv"),
      "--shifts",
      join(d, shiftFile),
      "--out",
      join(d, out),
    ]);
    expect(r.code).toBe(0);
  }
  const r = await runCli(roster("--out", join(d, "r1.csv"), "--json"));
  expect(r.code).toBe(0);
  first = r.stdout;
}, 60_000);

describe("roster --keep", () => {
  it("reads its own output back: no change, the same roster", async () => {
    expect(JSON.parse(first)).not.toHaveProperty("changes");
    const again = await runCli(
      roster("--keep", join(d, "r1.csv"), "--out", join(d, "r2.csv"), "--json"),
    );
    expect(again.stderr).toBe("");
    expect(again.code).toBe(0);
    const json = JSON.parse(again.stdout) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      "status",
      "objective",
      "bound",
      "gap",
      "stoppedBy",
      "work",
      "agents",
      "shortfalls",
      "changes",
      "changeCount",
    ]);
    expect(json["changes"]).toEqual([]);
    expect(json["changeCount"]).toBe(0);
    expect(readFileSync(join(d, "r2.csv"), "utf8")).toBe(readFileSync(join(d, "r1.csv"), "utf8"));
    // the summary says so too
    const text = await runCli(roster("--keep", join(d, "r1.csv"), "--out", join(d, "r3.csv")));
    expect(text.code).toBe(0);
    expect(text.stdout.endsWith("\n0 changes (0 added, 0 removed)\n")).toBe(true);
  });

  it("refuses a bad row naming file, line and column (exit 65), before solving", async () => {
    const bad = join(d, "bad.csv");
    writeFileSync(
      bad,
      "agent_id,start,end,activity\n" +
        "ana,2025-01-06T08:00:00Z,2025-01-06T12:00:00Z,onQueue\n" +
        "ana,2025-01-06T11:00:00Z,2025-01-06T13:00:00Z,onQueue\n",
    );
    const r = await runCli(roster("--keep", bad));
    expect(r.code).toBe(65);
    expect(r.stderr).toContain(`${bad}:3:2: start: overlaps another segment of agent "ana"`);
    expect(r.stdout).toBe("");
    writeFileSync(bad, "agent_id,start,end,activity\nana,yesterday,2025-01-06T12:00:00Z,onQueue\n");
    const cell = await runCli(roster("--keep", bad));
    expect(cell.code).toBe(65);
    expect(cell.stderr).toMatch(new RegExp(`${bad.replaceAll(".", "\\.")}:2:2: start: `));
    expect(cell.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("says a missing file is missing (exit 2)", async () => {
    const r = await runCli(roster("--keep", join(d, "nope.csv")));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: ${join(d, "nope.csv")}: no such file\n`);
  });

  it("reads stdin (-) for one input only (exit 2)", async () => {
    const schedule = readFileSync(join(d, "schedule.json"), "utf8");
    const r = await runCli(
      ["roster", "--schedule", "-", "--agents", join(d, "agents.csv"), "--keep", "-"],
      schedule,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "--schedule and --keep both read stdin (-), which can be read only once",
    );
    const keep = readFileSync(join(d, "r1.csv"), "utf8");
    const ok = await runCli(roster("--keep", "-", "--out", join(d, "r4.csv"), "--json"), keep);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ changeCount: 0 });
  });
});

describe("roster summary", () => {
  it("lists the shifts nobody could take: local day, shift, time, agents missing", async () => {
    const r = await runCli([
      "roster",
      "--schedule",
      join(d, "schedule.json"),
      "--agents",
      join(d, "one.csv"),
      "--out",
      join(d, "one-roster.csv"),
    ]);
    expect(r.code).toBe(0);
    const json = await runCli([
      "roster",
      "--schedule",
      join(d, "schedule.json"),
      "--agents",
      join(d, "one.csv"),
      "--json",
    ]);
    const { shortfalls } = JSON.parse(json.stdout) as {
      shortfalls: { name: string; missing: number }[];
    };
    const missing = shortfalls.reduce((s, f) => s + f.missing, 0);
    expect(missing).toBeGreaterThan(0);
    expect(r.stdout).toContain(`; ${missing} agent-shifts unfilled\n`);
    const listed = r.stdout.slice(r.stdout.indexOf("Unfilled shifts:\n")).split("\n").slice(1, -1);
    expect(listed[0]).toMatch(/^ {2}day +shift +time +missing$/);
    expect(listed).toHaveLength(1 + shortfalls.length);
    for (const line of listed.slice(1))
      expect(line).toMatch(/^ {2}Mon 2025-01-06 {2}(day|mid) +\d\d:\d\d-\d\d:\d\d +\d+$/);
    expect(listed.slice(1).reduce((s, line) => s + Number(line.trim().split(/ +/).pop()), 0)).toBe(
      missing,
    );
  });
});

/** Runs the CLI in-process with stderr a terminal. */
async function runTty(
  args: readonly string[],
): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await run(args, {
    stdin: Readable.from([""]),
    stdout: { write: (s: string) => (out += s) },
    stderr: { isTTY: true, write: (s: string) => (err += s) },
  });
  return { code, out, err };
}

describe("roster on a terminal", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("with --json: stdout is the JSON alone and stderr stays empty (no progress)", async () => {
    const r = await runTty(roster("--json"));
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    expect(() => JSON.parse(r.out) as unknown).not.toThrow();
  });

  it("with NO_COLOR: the warning without colour (and in colour without it)", async () => {
    vi.stubEnv("FORCE_COLOR", "");
    vi.stubEnv("TERM", "xterm");
    const args = [
      "roster",
      "--schedule",
      join(d, "old-schedule.json"),
      "--agents",
      join(d, "agents.csv"),
      "--json",
    ];
    vi.stubEnv("NO_COLOR", "");
    const coloured = await runTty(args);
    expect(coloured.err).toContain("\u001b[33mwarning");
    vi.stubEnv("NO_COLOR", "1");
    const plain = await runTty(args);
    expect(plain.code).toBe(0);
    expect(plain.err).toMatch(/^warning: .*old-schedule\.json: shiftFile: old field names/);
    expect(plain.err).not.toContain("\u001b");
  });

  it("without --json: whatever progress is drawn is erased before the summary", async () => {
    const r = await runTty(roster());
    expect(r.code).toBe(0);
    const plain = await runCli(roster());
    // eslint-disable-next-line no-control-regex -- the progress line's escapes are what is removed
    const progress = /\r\u001b\[K(roster[^\r\n]*: incumbent [^\r\n]*, \d+\.\d s)?/g;
    expect(r.err.replace(progress, "")).toBe(plain.stderr);
    for (const m of r.err.matchAll(progress))
      if (m[1] !== undefined)
        expect(m[1]).toMatch(
          /^roster[^:]*: incumbent \S+, bound \S+, gap (unknown|\S+ %), work \d+/,
        );
  });
});
