/**
 * `staffcast roster` around a fake engine (buildRoster replaced: the engine's rewrite lands
 * apart), for what the real one does not yet give: the kept roster handed over as
 * `RosterOptions.keep`, the changes in the JSON and the summary, the progress line drawn from
 * `onProgress` on a terminal and erased, the warning of a roster stopped by the time limit.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { run } from "../../src/cli/main.ts";
import type {
  RosterOptions,
  RosterResult,
  ScheduleResult,
  SolveOptions,
} from "../../src/schedule/index.ts";
import { runCli } from "../support/cli.ts";

const MONDAY = Date.UTC(2025, 0, 6);
const H = 3_600_000;

const calls: { options: RosterOptions; limits: SolveOptions }[] = [];

/** What the fake engine returns: stopped by the time limit, two changes, one shift unfilled. */
const RESULT: RosterResult = {
  status: "feasible",
  objective: 2100,
  bound: 2000,
  gap: 2100 / 2000 - 1,
  stoppedBy: "timeLimit",
  work: 4321,
  workLimit: 100_000,
  timeZone: "UTC",
  segments: [
    { agentId: "bo", startMs: MONDAY + 8 * H, endMs: MONDAY + 16 * H, activity: "onQueue" },
  ],
  agents: [
    {
      agentId: "bo",
      shifts: 1,
      days: 1,
      paidSeconds: 28_800,
      belowMinimumSeconds: 0,
      nightShifts: 0,
      unsocialShifts: 0,
    },
  ],
  shortfalls: [{ name: "day", startMs: MONDAY + 8 * H, endMs: MONDAY + 16 * H, missing: 1 }],
  changes: [
    { agentId: "ana", startMs: MONDAY + 8 * H, endMs: MONDAY + 16 * H, action: "removed" },
    { agentId: "bo", startMs: MONDAY + 8 * H, endMs: MONDAY + 16 * H, action: "added" },
  ],
  changeCount: 2,
};

vi.mock("../../src/schedule/roster.ts", () => ({
  buildRoster: (
    _schedule: ScheduleResult,
    _spec: unknown,
    options: RosterOptions,
    _solver: unknown,
    limits: SolveOptions,
  ): Promise<RosterResult> => {
    calls.push({ options, limits });
    limits.onProgress?.({ incumbent: 2100, bound: 2000, gap: 0.047619, work: 4321 });
    return Promise.resolve(RESULT);
  },
}));

let d = "";

beforeEach(async () => {
  calls.length = 0;
  if (d !== "") return;
  d = mkdtempSync(join(tmpdir(), "staffcast-roster-fake-"));
  const req = ["start,agents"];
  for (let q = 16; q < 32; q++)
    req.push(`${new Date(MONDAY + q * 1_800_000).toISOString().replace(".000Z", "Z")},1`);
  writeFileSync(join(d, "req.csv"), `${req.join("\n")}\n`);
  writeFileSync(
    join(d, "shifts.json"),
    JSON.stringify({
      intervalMinutes: 30,
      shifts: [{ name: "day", startEarliest: "08:00", startLatest: "08:00", lengthMinutes: 480 }],
    }),
  );
  writeFileSync(join(d, "agents.csv"), "agent_id\nana\nbo\n");
  writeFileSync(
    join(d, "keep.csv"),
    "agent_id,start,end,activity\n" +
      "ana,2025-01-06T08:00:00Z,2025-01-06T12:00:00Z,onQueue\n" +
      "ana,2025-01-06T12:00:00Z,2025-01-06T12:30:00Z,meal\n" +
      "ana,2025-01-06T12:30:00Z,2025-01-06T16:00:00Z,onQueue\n",
  );
  const r = await runCli([
    "schedule",
    "--requirements",
    join(d, "req.csv"),
    "--shifts",
    join(d, "shifts.json"),
    "--out",
    join(d, "schedule.json"),
  ]);
  expect(r.code).toBe(0);
});

const roster = (...args: string[]): string[] => [
  "roster",
  "--schedule",
  join(d, "schedule.json"),
  "--agents",
  join(d, "agents.csv"),
  ...args,
];

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

describe("roster with a fake engine", () => {
  it("hands the kept roster's shifts to the engine as RosterOptions.keep", async () => {
    const r = await runCli(roster("--keep", join(d, "keep.csv"), "--json"));
    expect(r.code).toBe(0);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.options.keep).toEqual([
      { agentId: "ana", startMs: MONDAY + 8 * H, endMs: MONDAY + 16 * H },
    ]);
    expect(calls[0]!.limits.onProgress).toBeUndefined(); // not a terminal
    const json = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(json["changes"]).toEqual([
      {
        agentId: "ana",
        start: "2025-01-06T08:00:00Z",
        end: "2025-01-06T16:00:00Z",
        action: "removed",
      },
      {
        agentId: "bo",
        start: "2025-01-06T08:00:00Z",
        end: "2025-01-06T16:00:00Z",
        action: "added",
      },
    ]);
    expect(json["changeCount"]).toBe(2);
    expect([json["stoppedBy"], json["work"], json["bound"]]).toEqual(["timeLimit", 4321, 2000]);
    // the wall clock stopped it: said on stderr, JSON or not
    expect(r.stderr).toContain("warning: the roster was stopped by the time limit");
    const without = await runCli(roster("--json"));
    expect(calls[1]!.options).not.toHaveProperty("keep");
    expect(JSON.parse(without.stdout)).not.toHaveProperty("changes");
  });

  it("on a terminal: draws the progress line, erases it, then warns and sums up", async () => {
    const r = await runTty(roster("--keep", join(d, "keep.csv"), "--out", join(d, "out.csv")));
    expect(r.code).toBe(0);
    expect(calls[0]!.limits.onProgress).toBeTypeOf("function");
    expect(r.err).toMatch(
      // eslint-disable-next-line no-control-regex -- the progress line's escapes are checked
      /^\r\u001b\[Kroster: incumbent 2100, bound 2000, gap 4\.8 %, work 4321, \d+\.\d s\r\u001b\[K(\u001b\[33m)?warning(\u001b\[39m)?: the roster was stopped by the time limit \(600 s\) before its work limit: it may differ between runs; a smaller --work-limit \(now 100000\) or a longer --time-limit makes it reproducible\n$/,
    );
    expect(r.out).toContain(
      "Roster: feasible, gap 5 %, stopped by the time limit; 1 agent-shifts unfilled\n",
    );
    expect(r.out).toContain("  Mon 2025-01-06  day    08:00-16:00        1\n");
    expect(r.out.endsWith("\n2 changes (1 added, 1 removed)\n")).toBe(true);
  });

  it("on a terminal with --json: no progress asked for, none drawn", async () => {
    const r = await runTty(roster("--json"));
    expect(r.code).toBe(0);
    expect(calls[0]!.limits.onProgress).toBeUndefined();
    expect(r.err).not.toContain("incumbent");
  });

  it("passes --work-limit to the solve when given, else leaves the roster its own default", async () => {
    const r = await runCli(roster("--work-limit", "5000", "--json"));
    expect(r.code).toBe(0);
    expect(calls[0]!.limits.workLimit).toBe(5000);
    const without = await runCli(roster("--json"));
    expect(without.code).toBe(0);
    expect(calls[1]!.limits).not.toHaveProperty("workLimit");
    // its safety net is above what that default takes for 2,000 agents
    expect(calls[1]!.limits.timeLimitSeconds).toBe(600);
  });
});
