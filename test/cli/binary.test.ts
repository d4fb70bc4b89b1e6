/**
 * The real executable and the runnable examples, spawned as a user would run them.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const cli = "dist/cli.js";

// dist/ is brought up to date with src/ by the global setup (test/support/build-dist.ts).

function staffcast(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    encoding: "utf8",
    input: input ?? "",
    maxBuffer: 1 << 28,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("dist/cli.js", () => {
  it("runs with exit codes 0, 2 and 65 and never prints a stack trace", () => {
    expect(
      staffcast(["erlang", "--calls", "100", "--interval", "30m", "--aht", "180", "--json"]).code,
    ).toBe(0);
    const usage = staffcast(["erlang", "--calls", "100"]);
    expect(usage.code).toBe(2);
    const data = staffcast(
      ["requirements", "--forecast", "-", "--aht", "60"],
      "start,calls\nnope,1\n",
    );
    expect(data.code).toBe(65);
    expect(data.stderr).toMatch(/<stdin>:2:1: start:/);
    const missing = staffcast(["requirements", "--forecast", "nowhere.csv"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nowhere\.csv: no such file/);
    for (const r of [usage, data, missing]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("gives the same requirements on one thread and on two (a 60,000-row forecast)", () => {
    const dir = mkdtempSync(join(tmpdir(), "staffcast-threads-"));
    try {
      const input = join(dir, "forecast.csv");
      const lines = ["start,queue,calls,aht_s"];
      for (let i = 0; i < 60_000; i++) {
        const start = new Date(Date.UTC(2025, 0, 6) + Math.floor(i / 2) * 900_000).toISOString();
        lines.push(`${start},${i % 2 === 0 ? "a" : "b"},${(i * 7919) % 500},${120 + (i % 240)}`);
      }
      writeFileSync(input, `${lines.join("\n")}\n`);
      const run = (threads: string) =>
        staffcast(["requirements", "--forecast", input, "--patience", "90", "--threads", threads]);
      const one = run("1");
      const two = run("2");
      expect(one.code).toBe(0);
      expect(two.code).toBe(0);
      expect(two.stdout).toBe(one.stdout);
      expect(one.stdout.split("\n").length).toBe(60_002);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("has a shebang so that npm's bin link runs it", () => {
    expect(execFileSync("head", ["-1", cli], { encoding: "utf8" })).toBe("#!/usr/bin/env node\n");
  });
});

describe("examples run as tests", () => {
  const files = readdirSync("examples").filter((f) => f.endsWith(".ts"));
  it.each(files)("examples/%s exits 0", (file) => {
    const r = spawnSync(process.execPath, ["--import", "tsx", `examples/${file}`], {
      encoding: "utf8",
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("examples/erlang-api.ts prints what its comments promise", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "examples/erlang-api.ts"], {
      encoding: "utf8",
    });
    expect(r.stdout).toContain("agents 14, scheduled 20, binding serviceLevel");
    expect(r.stdout).toContain("13 agents, Erlang A: SL 0.8582, abandonment 0.0250");
  });

  it("examples/routing-api.ts staffs two VIP designs and simulates them", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "examples/routing-api.ts"], {
      encoding: "utf8",
    });
    expect(r.stderr).toBe("");
    const agents = (name: string): number =>
      Number(new RegExp(`^${name}: (\\d+) agents`, "m").exec(r.stdout)?.[1]);
    // the pool with VIP priority needs fewer agents than a dedicated desk beside sales
    expect(agents("pooled")).toBeLessThan(agents("dedicated"));
    for (const m of r.stdout.matchAll(/vip ([\d.]+) %, orders ([\d.]+) %/g)) {
      expect(Number(m[1])).toBeGreaterThanOrEqual(88); // 90 % targets, within simulation noise
      expect(Number(m[2])).toBeGreaterThanOrEqual(78);
    }
  });

  it("examples/forecast-api.ts forecasts, staffs and simulates, showing a spike Erlang misses", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "examples/forecast-api.ts"], {
      encoding: "utf8",
    });
    expect(r.stdout).toMatch(/^forecast: \d+ calls on the order line$/m);
    const m = /simulated: ([\d.]+) % in all, but ([\d.]+) % at (\d\d:\d\d)/.exec(r.stdout);
    expect(m).not.toBeNull();
    expect(Number(m![2])).toBeLessThan(80); // an interval after a spot falls short of Erlang's promise
  });

  it("examples/read-files.ts reads every format it names and staffs, computes and locates", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "examples/read-files.ts"], {
      encoding: "utf8",
    });
    // 280 rows: two queues x 140 half hours of examples/forecast-week.csv
    expect(r.stdout).toMatch(
      /^requirements: 280 rows of forecast-week\.csv, at most \d+ scheduled agents/m,
    );
    // examples/adherence: 12 agents, one day each
    expect(r.stdout).toMatch(
      /^adherence: 12 agent-days from \d+ ndjson events, [\d.]+ % in adherence$/m,
    );
    expect(r.stdout).toContain(
      "adherence CSV: agent_id,date,scheduled_s,in_s,out_s,neutral_s,adherence,conformance,exceptions",
    );
    expect(r.stdout).toContain("bad row: history.csv:2:3: calls: expected a number from 0 to 1e7");
  });

  it("examples/schedule-api.ts designs, verifies and rosters the day it promises", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "examples/schedule-api.ts"], {
      encoding: "utf8",
    });
    // hand check of the cost: the 48 required agent-hours are covered exactly by 4 day shifts
    // (7 paid hours each) and 5 part shifts (4 hours at 1.2): 28 + 24 = 52, proven optimal
    expect(r.stdout).toContain("schedule: optimal, cost 52");
    expect(r.stdout).toContain("verified: true");
    expect(r.stdout).toContain("roster: optimal, 0 shifts unfilled");
  });
});
